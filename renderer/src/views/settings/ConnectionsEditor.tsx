import { useEffect, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import type { ConnectionSettingsChange, ConnectionSettingsView, SettingsSnapshot } from '../../../../shared/protocol/settings-types';
import { useMessages } from '../../i18n/messages-context';
import { SaveNotice, SelectField, TextAreaField, TextField, SaveButtons } from './fields';
import { actorParams, issueAt, writeSettings } from './settings-write';
import { useSupervisedWrite } from './use-supervised-write';

const DEVICE_TOPIC = 'fire-prediction/device/+/data';

interface ConnectionForm {
  readonly id: string;
  readonly url: string;
  readonly clientId: string;
  readonly username: string;
  readonly password: string;
  readonly hasPassword: boolean;
  readonly clearPassword: boolean;
  readonly topics: string;
  readonly qos: '0' | '1';
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly alpn: string;
}

function formOf(c: ConnectionSettingsView): ConnectionForm {
  return {
    id: c.id,
    url: c.url,
    clientId: c.client_id ?? '',
    username: c.username ?? '',
    password: '',
    hasPassword: c.has_password,
    clearPassword: false,
    topics: c.topics.join('\n'),
    qos: c.qos === 0 ? '0' : '1',
    caFile: c.ca_file ?? '',
    certFile: c.cert_file ?? '',
    keyFile: c.key_file ?? '',
    alpn: c.alpn.join(', '),
  };
}

const EMPTY: ConnectionForm = formOf({ id: '', url: 'mqtts://', client_id: null, username: null, has_password: false, topics: [DEVICE_TOPIC], qos: 1, ca_file: null, cert_file: null, key_file: null, alpn: [] });

function changeOf(f: ConnectionForm): ConnectionSettingsChange {
  const list = (text: string, separator: RegExp): ReadonlyArray<string> => text.split(separator).map((s) => s.trim()).filter((s) => s !== '');
  return {
    id: f.id.trim(),
    url: f.url.trim(),
    client_id: f.clientId.trim() === '' ? null : f.clientId.trim(),
    username: f.username.trim() === '' ? null : f.username.trim(),
    ...(f.password !== '' ? { password: f.password } : {}),
    ...(f.clearPassword && f.password === '' ? { clear_password: true } : {}),
    topics: list(f.topics, /\n/),
    qos: f.qos === '0' ? 0 : 1,
    ca_file: f.caFile.trim() === '' ? null : f.caFile.trim(),
    cert_file: f.certFile.trim() === '' ? null : f.certFile.trim(),
    key_file: f.keyFile.trim() === '' ? null : f.keyFile.trim(),
    alpn: list(f.alpn, /,/),
  };
}

/** The broker connections saved in settings.json, including AWS IoT Core's certificates; applied when saved. */
export function ConnectionsEditor({ snapshot, onSaved }: { readonly snapshot: SettingsSnapshot; readonly onSaved: (next: SettingsSnapshot) => void }): ReactElement {
  const e = useMessages().settingsEdit;
  const c = e.connections;
  const [forms, setForms] = useState<ReadonlyArray<ConnectionForm>>(() => snapshot.connections.map(formOf));
  useEffect(() => setForms(snapshot.connections.map(formOf)), [snapshot.connections]);
  const write = useSupervisedWrite();
  const update = (index: number, patch: Partial<ConnectionForm>): void => setForms(forms.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const changes = forms.map(changeOf);
    write.start(
      (fields) => writeSettings('settings.update', { ...actorParams(fields), section: 'connections', changes }),
      (result) => {
        onSaved(result.settings);
        return { kind: 'ok', text: (m) => (result.applied ? m.savedLive : m.savedRestart) };
      },
    );
  };
  const err = (index: number, field: string): string | undefined => issueAt(write.issues, `mqtt.connections[${index}].${field}`);
  return (
    <section className="card card-wide" data-testid="settings-connections-edit" aria-labelledby="settings-connections-edit-title">
      <h3 className="card-title" id="settings-connections-edit-title">{e.sections.connections}</h3>
      {snapshot.connections_overridden_by !== null && <p className="health-warning">{c.overridden(snapshot.connections_overridden_by)}</p>}
      <p className="card-note">{c.awsHint}</p>
      <form className="settings-form" onSubmit={submit} noValidate>
        {forms.length === 0 && <p className="muted">{c.none}</p>}
        {forms.map((f, i) => (
          <fieldset key={i} className="settings-group" data-testid="connection-form">
            <legend>{f.id.trim() === '' ? c.connection(i + 1) : f.id}</legend>
            <div className="settings-fields-grid">
              <TextField id={`conn-${i}-id`} label={c.id} value={f.id} onChange={(v) => update(i, { id: v })} error={err(i, 'id')} />
              <TextField id={`conn-${i}-url`} label={c.url} value={f.url} onChange={(v) => update(i, { url: v })} error={err(i, 'url')} />
              <TextField id={`conn-${i}-client`} label={c.clientId} value={f.clientId} onChange={(v) => update(i, { clientId: v })} error={err(i, 'client_id')} />
              <TextField id={`conn-${i}-user`} label={c.username} value={f.username} onChange={(v) => update(i, { username: v })} error={err(i, 'username')} />
              <TextField
                id={`conn-${i}-password`}
                label={c.password}
                type="password"
                autoComplete="new-password"
                value={f.password}
                placeholder={f.hasPassword ? c.passwordSaved : ''}
                onChange={(v) => update(i, { password: v })}
                error={err(i, 'password')}
              />
              <SelectField id={`conn-${i}-qos`} label={c.qos} value={f.qos} options={[['0', '0'], ['1', '1']]} onChange={(v) => update(i, { qos: v })} error={err(i, 'qos')} />
              <TextField id={`conn-${i}-ca`} label={c.caFile} value={f.caFile} onChange={(v) => update(i, { caFile: v })} error={err(i, 'ca_file')} />
              <TextField id={`conn-${i}-cert`} label={c.certFile} value={f.certFile} onChange={(v) => update(i, { certFile: v })} error={err(i, 'cert_file')} />
              <TextField id={`conn-${i}-key`} label={c.keyFile} value={f.keyFile} onChange={(v) => update(i, { keyFile: v })} error={err(i, 'key_file')} />
              <TextField id={`conn-${i}-alpn`} label={c.alpn} value={f.alpn} onChange={(v) => update(i, { alpn: v })} error={err(i, 'alpn')} />
              <TextAreaField id={`conn-${i}-topics`} label={c.topics} value={f.topics} onChange={(v) => update(i, { topics: v })} error={err(i, 'topics')} rows={2} />
            </div>
            <div className="settings-buttons">
              {f.hasPassword && (
                <label className="check">
                  <input type="checkbox" checked={f.clearPassword} onChange={(event) => update(i, { clearPassword: event.target.checked })} /> {c.clearPassword}
                </label>
              )}
              <button type="button" className="button-quiet" onClick={() => setForms(forms.filter((_, j) => j !== i))}>
                {e.remove}
              </button>
            </div>
          </fieldset>
        ))}
        {issueAt(write.issues, 'mqtt.connections') !== undefined && <p className="field-error" role="alert">{issueAt(write.issues, 'mqtt.connections')}</p>}
        <p className="card-note">{c.restartNote}</p>
        <SaveButtons busy={write.busy} onUndo={() => setForms(snapshot.connections.map(formOf))} saveTestId="connections-save">
          <button type="button" className="button-quiet" onClick={() => setForms([...forms, EMPTY])}>
            {e.add}
          </button>
        </SaveButtons>
        <SaveNotice notice={write.notice} testId="connections-notice" />
      </form>
      {write.prompt}
    </section>
  );
}
