import { useEffect, useRef, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { useMessages } from '../../i18n/messages-context';
import { runAlarmAction, signIn } from '../../state/alarms-actions';
import type { AlarmDialog, AlarmDialogAction } from '../../state/alarms-slice';
import { useConsoleStore } from '../../state/store';

const COMMENT_REQUIRED: ReadonlySet<AlarmDialogAction> = new Set(['shelve', 'remove_from_service']);

/** The open dialog of this station, if any: sign-in, or an action waiting for its comment. */
export function AlarmDialogs(): ReactElement | null {
  const dialog = useConsoleStore((state) => state.alarmDialog);
  if (dialog === null) return null;
  return dialog.kind === 'sign_in' ? <SignInDialog dialog={dialog} /> : <ActionDialog dialog={dialog} />;
}

function useEscapeToClose(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') useConsoleStore.getState().setAlarmDialog(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function SignInDialog({ dialog }: { readonly dialog: Extract<AlarmDialog, { kind: 'sign_in' }> }): ReactElement {
  const t = useMessages().alarms;
  const operators = useConsoleStore((state) => state.alarmOperators);
  const [operator, setOperator] = useState(useConsoleStore.getState().station?.operator ?? '');
  const [pin, setPin] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEscapeToClose();
  useEffect(() => first.current?.focus(), []);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (operator.trim() === '' || busy) return;
    setBusy(true);
    void signIn(useConsoleStore, operator.trim(), pin, token).finally(() => setBusy(false));
  };
  return (
    <div className="alarm-dialog-backdrop" role="presentation">
      <form className="alarm-dialog" role="dialog" aria-modal="true" aria-labelledby="alarm-sign-in-title" data-testid="sign-in-dialog" onSubmit={submit}>
        <h2 id="alarm-sign-in-title">{t.dialog.signInTitle}</h2>
        <label>
          {t.fields.operator}
          <input ref={first} data-testid="sign-in-operator" list="alarm-operators" value={operator} onChange={(e) => setOperator(e.target.value)} autoComplete="username" required />
          <datalist id="alarm-operators">
            {operators.map((o) => (
              <option key={o.name} value={o.name}>
                {t.roles[o.role]}
              </option>
            ))}
          </datalist>
        </label>
        <label>
          {t.fields.pin}
          <input data-testid="sign-in-pin" type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} autoComplete="current-password" />
        </label>
        <p className="muted alarm-dialog-hint">{t.dialog.pinHint}</p>
        {dialog.tokenNeeded && (
          <label>
            {t.fields.token}
            <input data-testid="sign-in-token" type="password" value={token} onChange={(e) => setToken(e.target.value)} />
            <span className="muted alarm-dialog-hint">{t.dialog.tokenHint}</span>
          </label>
        )}
        <div className="alarm-dialog-buttons">
          <button type="button" className="button-quiet" onClick={() => useConsoleStore.getState().setAlarmDialog(null)}>
            {t.actions.cancel}
          </button>
          <button type="submit" className="button" data-testid="sign-in-submit" disabled={busy || operator.trim() === ''}>
            {t.actions.signIn}
          </button>
        </div>
      </form>
    </div>
  );
}

function ActionDialog({ dialog }: { readonly dialog: Extract<AlarmDialog, { kind: 'action' }> }): ReactElement {
  const t = useMessages().alarms;
  const limits = useConsoleStore((state) => state.alarmLimits);
  const alarms = useConsoleStore((state) => state.alarms);
  const [comment, setComment] = useState('');
  const [minutes, setMinutes] = useState(60);
  const [oneShot, setOneShot] = useState(false);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLTextAreaElement>(null);
  useEscapeToClose();
  useEffect(() => first.current?.focus(), []);
  const needsComment = COMMENT_REQUIRED.has(dialog.action);
  const ready = !busy && (!needsComment || comment.trim() !== '') && (dialog.action !== 'shelve' || oneShot || minutes > 0);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    void runAlarmAction(useConsoleStore, dialog.action, dialog.ids, { comment, minutes, oneShot }).then((done) => {
      setBusy(false);
      if (done) useConsoleStore.getState().setAlarmDialog(null);
    });
  };
  const names = dialog.ids.map((id) => alarms.get(id)).filter((a) => a !== undefined);
  return (
    <div className="alarm-dialog-backdrop" role="presentation">
      <form
        className="alarm-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="alarm-action-title"
        data-testid="alarm-action-dialog"
        data-action={dialog.action}
        onSubmit={submit}
      >
        <h2 id="alarm-action-title">{t.dialog.title[dialog.action]}</h2>
        <ul className="alarm-dialog-list">
          {names.slice(0, 5).map((a) => (
            <li key={a.id}>
              <strong>{t.sources[a.source]}</strong> — {a.device_id ?? a.zone ?? a.target}
            </li>
          ))}
          {names.length > 5 && <li className="muted">{t.banner.more(names.length - 5)}</li>}
        </ul>
        {dialog.action === 'shelve' && (
          <fieldset className="alarm-dialog-shelve">
            <label>
              <input type="checkbox" data-testid="shelve-one-shot" checked={oneShot} onChange={(e) => setOneShot(e.target.checked)} /> {t.fields.oneShot}
            </label>
            {!oneShot && (
              <label>
                {t.fields.minutes}
                <input data-testid="shelve-minutes" type="number" min={1} step={1} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} />
                {limits !== null && <span className="muted alarm-dialog-hint">{t.dialog.shelveLimit(limits.shelve_max_minutes, limits.supervisor_shelve_max_minutes)}</span>}
              </label>
            )}
          </fieldset>
        )}
        <label>
          {needsComment ? t.dialog.commentRequired : t.dialog.commentOptional}
          <textarea
            ref={first}
            data-testid="alarm-comment"
            value={comment}
            maxLength={2000}
            rows={3}
            onChange={(e) => setComment(e.target.value)}
            onKeyDown={(e) => {
              // Enter confirms (the keyboard acknowledge is A, then Enter); Shift+Enter is a new line.
              if (e.key === 'Enter' && !e.shiftKey) submit(e);
            }}
          />
        </label>
        <div className="alarm-dialog-buttons">
          <button type="button" className="button-quiet" onClick={() => useConsoleStore.getState().setAlarmDialog(null)}>
            {t.actions.cancel}
          </button>
          <button type="submit" className="button" data-testid="alarm-action-confirm" disabled={!ready}>
            {t.actions.confirm}
          </button>
        </div>
      </form>
    </div>
  );
}
