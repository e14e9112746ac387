import { useEffect, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import type { OperatorRole } from '../../../../shared/alarms/types';
import type { OperatorSettingsChange, SettingsSnapshot } from '../../../../shared/protocol/settings-types';
import { useMessages } from '../../i18n/messages-context';
import { SaveNotice, SelectField, TextField, SaveButtons } from './fields';
import { actorParams, issueAt, writeSettings } from './settings-write';
import { useSupervisedWrite } from './use-supervised-write';

interface OperatorForm {
  readonly name: string;
  readonly role: OperatorRole;
  readonly hasPin: boolean;
  readonly pin: string;
  readonly clearPin: boolean;
}

function formsOf(snapshot: SettingsSnapshot): ReadonlyArray<OperatorForm> {
  return snapshot.operators.list.map((o) => ({ name: o.name, role: o.role, hasPin: o.has_pin, pin: '', clearPin: false }));
}

/** Who may sign in and with which role; PINs are set here and hashed by the console, never shown. */
export function OperatorsEditor({ snapshot, onSaved }: { readonly snapshot: SettingsSnapshot; readonly onSaved: (next: SettingsSnapshot) => void }): ReactElement {
  const t = useMessages();
  const e = t.settingsEdit;
  const o = e.operators;
  const roles: ReadonlyArray<readonly [OperatorRole, string]> = [
    ['operator', t.alarms.roles.operator],
    ['supervisor', t.alarms.roles.supervisor],
    ['viewer', t.alarms.roles.viewer],
  ];
  const [forms, setForms] = useState(() => formsOf(snapshot));
  const [defaultRole, setDefaultRole] = useState(snapshot.operators.default_role);
  useEffect(() => {
    setForms(formsOf(snapshot));
    setDefaultRole(snapshot.operators.default_role);
  }, [snapshot]);
  const write = useSupervisedWrite();
  const update = (index: number, patch: Partial<OperatorForm>): void => setForms(forms.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const list: ReadonlyArray<OperatorSettingsChange> = forms.map((f) => ({
      name: f.name.trim(),
      role: f.role,
      ...(f.pin !== '' ? { pin: f.pin } : {}),
      ...(f.clearPin && f.pin === '' ? { clear_pin: true } : {}),
    }));
    write.start(
      (fields) => writeSettings('settings.update', { ...actorParams(fields), section: 'operators', changes: { list, default_role: defaultRole } }),
      (result) => {
        onSaved(result.settings);
        return { kind: 'ok', text: (m) => (result.applied ? m.savedLive : m.savedRestart) };
      },
    );
  };
  const listError = issueAt(write.issues, 'alarms.operators');
  return (
    <section className="card card-wide" data-testid="settings-operators" aria-labelledby="settings-operators-title">
      <h3 className="card-title" id="settings-operators-title">{e.sections.operators}</h3>
      <form className="settings-form" onSubmit={submit} noValidate>
        <table className="compact-table settings-table">
          <thead>
            <tr>
              <th scope="col">{o.name}</th>
              <th scope="col">{o.role}</th>
              <th scope="col">{o.pin}</th>
              <th scope="col">{o.newPin}</th>
              <th scope="col">
                <span className="visually-hidden">{e.remove}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {forms.map((f, i) => (
              <tr key={i} data-testid="operator-row">
                <td>
                  <TextField id={`operator-${i}-name`} label={o.name} value={f.name} onChange={(v) => update(i, { name: v })} error={issueAt(write.issues, `alarms.operators[${i}].name`)} />
                </td>
                <td>
                  <SelectField id={`operator-${i}-role`} label={o.role} value={f.role} options={roles} onChange={(v) => update(i, { role: v })} error={issueAt(write.issues, `alarms.operators[${i}].role`)} />
                </td>
                <td>
                  {f.hasPin ? o.pinSaved : o.pinNone}
                  {f.hasPin && (
                    <label className="check">
                      <input type="checkbox" checked={f.clearPin} onChange={(event) => update(i, { clearPin: event.target.checked })} /> {o.clearPin}
                    </label>
                  )}
                </td>
                <td>
                  <TextField
                    id={`operator-${i}-pin`}
                    label={o.newPin}
                    type="password"
                    autoComplete="new-password"
                    value={f.pin}
                    onChange={(v) => update(i, { pin: v })}
                    error={issueAt(write.issues, `alarms.operators[${i}].pin`)}
                  />
                </td>
                <td>
                  <button type="button" className="button-quiet" onClick={() => setForms(forms.filter((_, j) => j !== i))}>
                    {e.remove}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {listError !== undefined && (
          <p className="field-error" role="alert">
            {listError}
          </p>
        )}
        <SelectField
          id="operators-default-role"
          label={o.defaultRole}
          value={defaultRole}
          options={[
            ['operator', t.alarms.roles.operator],
            ['viewer', t.alarms.roles.viewer],
          ]}
          onChange={setDefaultRole}
          error={issueAt(write.issues, 'alarms.default_role')}
        />
        <p className="card-note">{o.note}</p>
        <SaveButtons busy={write.busy} onUndo={() => setForms(formsOf(snapshot))} saveTestId="operators-save">
          <button type="button" className="button-quiet" onClick={() => setForms([...forms, { name: '', role: 'operator', hasPin: false, pin: '', clearPin: false }])}>
            {e.add}
          </button>
        </SaveButtons>
        <SaveNotice notice={write.notice} testId="operators-notice" />
      </form>
      {write.prompt}
    </section>
  );
}
