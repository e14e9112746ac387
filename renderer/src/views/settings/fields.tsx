import type { ReactElement, ReactNode } from 'react';
import { useMessages } from '../../i18n/messages-context';
import type { Notice } from './use-supervised-write';

// Labelled inputs whose error, when the host names the field, sits right under it and is tied to
// it for screen readers (aria-invalid, aria-describedby).

interface FieldProps {
  readonly id: string;
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: string;
}

function FieldFrame({ id, label, error, hint, children }: FieldProps & { readonly children: ReactNode }): ReactElement {
  return (
    <div className={error === undefined ? 'settings-field' : 'settings-field has-error'} data-field={id}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint !== undefined && (
        <span id={`${id}-hint`} className="field-hint muted">
          {hint}
        </span>
      )}
      {error !== undefined && (
        <span id={`${id}-error`} className="field-error" role="alert" data-testid="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

function described(id: string, error: string | undefined, hint: string | undefined): { 'aria-invalid': boolean; 'aria-describedby'?: string } {
  const ids = [hint !== undefined ? `${id}-hint` : null, error !== undefined ? `${id}-error` : null].filter((x): x is string => x !== null);
  return { 'aria-invalid': error !== undefined, ...(ids.length > 0 ? { 'aria-describedby': ids.join(' ') } : {}) };
}

export function TextField(
  props: FieldProps & {
    readonly value: string;
    readonly onChange: (value: string) => void;
    readonly type?: 'text' | 'number' | 'password' | 'url';
    readonly placeholder?: string;
    readonly step?: string;
    readonly autoComplete?: string;
  },
): ReactElement {
  const { id, value, onChange, type = 'text', placeholder, step, error, hint } = props;
  return (
    <FieldFrame {...props}>
      <input
        id={id}
        data-testid={id}
        type={type}
        value={value}
        step={step}
        placeholder={placeholder}
        autoComplete={props.autoComplete ?? 'off'}
        onChange={(event) => onChange(event.target.value)}
        {...described(id, error, hint)}
      />
    </FieldFrame>
  );
}

export function TextAreaField(props: FieldProps & { readonly value: string; readonly onChange: (value: string) => void; readonly rows?: number }): ReactElement {
  const { id, value, onChange, error, hint } = props;
  return (
    <FieldFrame {...props}>
      <textarea id={id} data-testid={id} rows={props.rows ?? 3} value={value} onChange={(event) => onChange(event.target.value)} {...described(id, error, hint)} />
    </FieldFrame>
  );
}

export function SelectField<V extends string>(
  props: FieldProps & { readonly value: V; readonly onChange: (value: V) => void; readonly options: ReadonlyArray<readonly [V, string]> },
): ReactElement {
  const { id, value, onChange, options, error, hint } = props;
  return (
    <FieldFrame {...props}>
      <select id={id} data-testid={id} value={value} onChange={(event) => onChange(event.target.value as V)} {...described(id, error, hint)}>
        {options.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** The outcome of the last save, spoken by screen readers as it appears. */
export function SaveNotice({ notice, testId }: { readonly notice: Notice | null; readonly testId: string }): ReactElement {
  const messages = useMessages().settingsEdit;
  return (
    <p className={notice === null ? 'settings-notice' : `settings-notice is-${notice.kind}`} role="status" aria-live="polite" data-testid={testId}>
      {notice === null ? '' : notice.text(messages)}
    </p>
  );
}

/**
 * A form's buttons: any of its own first (`children`), then Undo (back to what is in effect) and
 * Save, which waits while a save is on its way.
 */
export function SaveButtons({
  busy,
  onUndo,
  saveTestId,
  children,
}: {
  readonly busy: boolean;
  readonly onUndo: () => void;
  readonly saveTestId: string;
  readonly children?: ReactNode;
}): ReactElement {
  const e = useMessages().settingsEdit;
  return (
    <div className="settings-buttons">
      {children}
      <button type="button" className="button-quiet" onClick={onUndo}>
        {e.undo}
      </button>
      <button type="submit" className="button" data-testid={saveTestId} disabled={busy}>
        {busy ? e.saving : e.save}
      </button>
    </div>
  );
}
