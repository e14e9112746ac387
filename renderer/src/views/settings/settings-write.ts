import type { ProtocolIssue } from '../../../../shared/protocol/errors';
import { ProtocolError } from '../../../../shared/protocol/errors';
import type { MethodParams, MethodResult } from '../../../../shared/protocol/methods';
import { useConsoleStore } from '../../state/store';

// The settings screen's writes: the station (and, beyond loopback, the console token) as alarm
// actions send them, and the host's answer turned into what the screen shows — field errors beside
// their fields, a refused PIN in the prompt, anything else as a notice.

export type SettingsWriteMethod = 'settings.update' | 'registry.import';

/** Who confirms a change, as the supervisor prompt asks for it. */
export interface SupervisorFields {
  readonly operator: string;
  readonly pin: string;
  readonly comment: string;
}

export type WriteOutcome<T> =
  | { readonly ok: true; readonly result: T }
  | {
      readonly ok: false;
      readonly message: string;
      readonly issues: ReadonlyArray<ProtocolIssue>;
      /** The supervisor or PIN was refused: the prompt stays open to try again. */
      readonly refusedActor: boolean;
    };

/** The station's identity for a write, with the supervisor's fields laid over it. */
export function actorParams(fields: SupervisorFields): { readonly station: string; readonly token?: string; readonly operator?: string; readonly pin?: string; readonly comment?: string } {
  const state = useConsoleStore.getState();
  const operator = fields.operator.trim();
  const comment = fields.comment.trim();
  return {
    station: state.stationId,
    ...(state.consoleToken === null ? {} : { token: state.consoleToken }),
    ...(operator === '' ? {} : { operator }),
    ...(fields.pin === '' ? {} : { pin: fields.pin }),
    ...(comment === '' ? {} : { comment }),
  };
}

const ACTOR_REASONS: ReadonlySet<string> = new Set(['SUPERVISOR_REQUIRED', 'OPERATOR_REQUIRED', 'PIN_REQUIRED', 'PIN_MISMATCH', 'PIN_LOCKED', 'READ_ONLY']);

export async function writeSettings<M extends SettingsWriteMethod>(method: M, params: MethodParams<M>): Promise<WriteOutcome<MethodResult<M>>> {
  const client = useConsoleStore.getState().client;
  if (client === null) return { ok: false, message: 'no link to the console', issues: [], refusedActor: false };
  try {
    return { ok: true, result: await client.request(method, params, 30_000) };
  } catch (error) {
    if (error instanceof ProtocolError) {
      const refusedActor = error.code === 'UNAUTHORIZED' || (error.reason !== undefined && ACTOR_REASONS.has(error.reason));
      return { ok: false, message: error.message, issues: error.issues ?? [], refusedActor };
    }
    return { ok: false, message: error instanceof Error ? error.message : String(error), issues: [], refusedActor: false };
  }
}

/** The message for one field (a settings path), if the host named it. */
export function issueAt(issues: ReadonlyArray<ProtocolIssue>, field: string): string | undefined {
  return issues.find((i) => i.field === field)?.message;
}

/** A number field's text as sent: a number when it reads as one, else the text (the host names the field). */
export function numberOrText(text: string): number | string {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) ? value : text;
}
