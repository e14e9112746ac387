import type { StoreApi } from 'zustand';
import { ProtocolError } from '../../../shared/protocol/errors';
import { MESSAGES } from '../i18n/dictionary';
import type { AlarmDialogAction } from './alarms-slice';
import type { ConsoleState } from './console-state';

// What the operator does, as requests to the host. The host answers only once the action is
// committed (and journaled); the screens then change through the pushed `alarms.changed`, the same
// way every other station sees it. A refusal is shown in words; a missing sign-in or console token
// opens the sign-in dialog.

type Store = StoreApi<ConsoleState>;

export interface ActionForm {
  readonly comment?: string;
  readonly minutes?: number;
  readonly oneShot?: boolean;
}

function base(store: Store): { readonly station: string; readonly token?: string } {
  const state = store.getState();
  return state.consoleToken === null ? { station: state.stationId } : { station: state.stationId, token: state.consoleToken };
}

function fail(store: Store, error: unknown): void {
  const state = store.getState();
  const t = MESSAGES[state.language].alarms;
  if (error instanceof ProtocolError) {
    if (error.code === 'UNAUTHORIZED' || error.reason === 'OPERATOR_REQUIRED') {
      state.setAlarmDialog({ kind: 'sign_in', tokenNeeded: error.reason === 'TOKEN_REQUIRED' || error.reason === 'TOKEN_WRONG' || state.consoleToken !== null });
    }
    state.setAlarmNotice({ kind: 'error', text: t.errors.failed(error.message) });
    return;
  }
  state.setAlarmNotice({ kind: 'error', text: t.errors.failed(error instanceof Error ? error.message : String(error)) });
}

async function request(store: Store, work: (client: NonNullable<ConsoleState['client']>) => Promise<unknown>): Promise<boolean> {
  const state = store.getState();
  if (state.client === null) {
    state.setAlarmNotice({ kind: 'error', text: MESSAGES[state.language].alarms.errors.noLink });
    return false;
  }
  try {
    await work(state.client);
    store.getState().setAlarmNotice(null);
    return true;
  } catch (error) {
    fail(store, error);
    return false;
  }
}

/** Runs one dialog action on the alarms given; true when the host did it. */
export function runAlarmAction(store: Store, action: AlarmDialogAction, ids: ReadonlyArray<string>, form: ActionForm = {}): Promise<boolean> {
  const comment = form.comment?.trim() === '' ? undefined : form.comment?.trim();
  return request(store, async (client) => {
    const b = base(store);
    if (action === 'acknowledge_all') {
      await client.request('alarms.ack_all', { ...b, ids, ...(comment === undefined ? {} : { comment }) });
      return;
    }
    for (const id of ids) {
      const p = { ...b, id, ...(comment === undefined ? {} : { comment }) };
      switch (action) {
        case 'acknowledge':
          await client.request('alarm.ack', p);
          break;
        case 'shelve':
          await client.request('alarm.shelve', form.oneShot === true ? { ...p, one_shot: true } : { ...p, minutes: form.minutes ?? 0 });
          break;
        case 'unshelve':
          await client.request('alarm.unshelve', p);
          break;
        case 'reset':
          await client.request('alarm.reset', p);
          break;
        case 'remove_from_service':
          await client.request('alarm.remove_from_service', p);
          break;
        case 'return_to_service':
          await client.request('alarm.return_to_service', p);
          break;
      }
    }
  });
}

export function silenceStation(store: Store): Promise<boolean> {
  return request(store, (client) => client.request('station.silence', base(store)));
}

export function signIn(store: Store, operator: string, pin: string, token: string): Promise<boolean> {
  if (token.trim() !== '') store.getState().setConsoleToken(token.trim());
  return request(store, async (client) => {
    const view = await client.request('station.sign_in', { ...base(store), operator, ...(pin === '' ? {} : { pin }) });
    store.getState().setStation(view);
    store.getState().setAlarmDialog(null);
    // Asked from the click that signed in: a gesture, so the browser may show its prompt.
    const NotificationApi = (globalThis as { Notification?: { permission: string; requestPermission(): Promise<string> } }).Notification;
    if (NotificationApi !== undefined && NotificationApi.permission === 'default') void NotificationApi.requestPermission().catch(() => undefined);
  });
}

export function signOut(store: Store): Promise<boolean> {
  return request(store, async (client) => {
    store.getState().setStation(await client.request('station.sign_out', base(store)));
  });
}
