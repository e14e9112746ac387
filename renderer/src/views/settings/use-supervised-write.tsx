import { useCallback, useState } from 'react';
import type { ReactElement } from 'react';
import type { ProtocolIssue } from '../../../../shared/protocol/errors';
import type { SettingsEditMessages } from '../../i18n/settings-edit-messages';
import { useMessages } from '../../i18n/messages-context';
import type { SupervisorFields, WriteOutcome } from './settings-write';
import { SupervisorPrompt } from './SupervisorPrompt';

export interface Notice {
  readonly kind: 'ok' | 'error';
  /** Worded when shown, so a notice follows a language switch. */
  readonly text: (messages: SettingsEditMessages) => string;
}

export interface SupervisedWrite {
  /** The prompt while it is open; render it. */
  readonly prompt: ReactElement | null;
  readonly issues: ReadonlyArray<ProtocolIssue>;
  readonly notice: Notice | null;
  readonly busy: boolean;
  /** Opens the prompt; `run` is sent once a supervisor confirms; `done` words the success. */
  start<T>(run: (fields: SupervisorFields) => Promise<WriteOutcome<T>>, done: (result: T) => Notice): void;
  /** Shows a notice without a request (e.g. nothing changed). */
  say(notice: Notice | null): void;
  /** Forgets the last outcome (the input it was about has changed). */
  reset(): void;
}

interface Pending {
  readonly run: (fields: SupervisorFields) => Promise<WriteOutcome<unknown>>;
  readonly done: (result: unknown) => Notice;
}

/** One form's write: confirmation by a supervisor, field errors beside their fields, and the outcome in words. */
export function useSupervisedWrite(): SupervisedWrite {
  const t = useMessages().settingsEdit;
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [promptError, setPromptError] = useState<string | null>(null);
  const [issues, setIssues] = useState<ReadonlyArray<ProtocolIssue>>([]);
  const [notice, setNotice] = useState<Notice | null>(null);

  const confirm = (fields: SupervisorFields): void => {
    if (pending === null) return;
    setBusy(true);
    setPromptError(null);
    void pending.run(fields).then((outcome) => {
      setBusy(false);
      if (outcome.ok) {
        setPending(null);
        setIssues([]);
        setNotice(pending.done(outcome.result));
      } else if (outcome.refusedActor) {
        setPromptError(t.prompt.failed(outcome.message));
      } else {
        setPending(null);
        setIssues(outcome.issues);
        setNotice({ kind: 'error', text: (m) => (outcome.issues.length > 0 ? m.invalid : m.prompt.failed(outcome.message)) });
      }
    });
  };

  const start = useCallback(<T,>(run: (fields: SupervisorFields) => Promise<WriteOutcome<T>>, done: (result: T) => Notice): void => {
    setPromptError(null);
    setNotice(null);
    setPending({ run: run as Pending['run'], done: done as Pending['done'] });
  }, []);

  return {
    prompt:
      pending === null ? null : (
        <SupervisorPrompt
          busy={busy}
          error={promptError}
          onConfirm={confirm}
          onCancel={() => {
            if (!busy) setPending(null);
          }}
        />
      ),
    issues,
    notice,
    busy,
    start,
    say: setNotice,
    reset: () => {
      setNotice(null);
      setIssues([]);
    },
  };
}
