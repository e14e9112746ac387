import { useEffect, useRef, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { useMessages } from '../../i18n/messages-context';
import { useConsoleStore } from '../../state/store';
import type { SupervisorFields } from './settings-write';

/**
 * Asks who confirms a settings change: a supervisor's name (the signed-in operator by default),
 * the PIN and a reason for the journal. The same dialog look as the alarm actions' sign-in.
 */
export function SupervisorPrompt({
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  readonly busy: boolean;
  readonly error: string | null;
  readonly onConfirm: (fields: SupervisorFields) => void;
  readonly onCancel: () => void;
}): ReactElement {
  const t = useMessages().settingsEdit.prompt;
  const operators = useConsoleStore((state) => state.alarmOperators);
  const [operator, setOperator] = useState(useConsoleStore.getState().station?.operator ?? '');
  const [pin, setPin] = useState('');
  const [comment, setComment] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Back to the button that opened the prompt when it closes, so the keyboard user is not lost.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    (operator === '' ? first.current : document.getElementById('settings-prompt-pin'))?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      opener?.focus({ preventScroll: true });
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (busy || operator.trim() === '') return;
    onConfirm({ operator, pin, comment });
  };
  return (
    <div className="alarm-dialog-backdrop" role="presentation">
      <form className="alarm-dialog" role="dialog" aria-modal="true" aria-labelledby="settings-prompt-title" data-testid="settings-prompt" onSubmit={submit}>
        <h2 id="settings-prompt-title">{t.title}</h2>
        <p className="muted alarm-dialog-hint">{t.hint}</p>
        <label>
          {t.operator}
          <input ref={first} data-testid="settings-prompt-operator" list="settings-supervisors" value={operator} onChange={(e) => setOperator(e.target.value)} autoComplete="username" required />
          <datalist id="settings-supervisors">
            {operators
              .filter((o) => o.role === 'supervisor')
              .map((o) => (
                <option key={o.name} value={o.name} />
              ))}
          </datalist>
        </label>
        <label>
          {t.pin}
          <input id="settings-prompt-pin" data-testid="settings-prompt-pin" type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} autoComplete="current-password" />
        </label>
        <label>
          {t.comment}
          <textarea data-testid="settings-prompt-comment" rows={2} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} />
        </label>
        {error !== null && (
          <p className="field-error" role="alert" data-testid="settings-prompt-error">
            {error}
          </p>
        )}
        <div className="alarm-dialog-buttons">
          <button type="button" className="button-quiet" onClick={onCancel}>
            {t.cancel}
          </button>
          <button type="submit" className="button" data-testid="settings-prompt-confirm" disabled={busy || operator.trim() === ''}>
            {t.confirm}
          </button>
        </div>
      </form>
    </div>
  );
}
