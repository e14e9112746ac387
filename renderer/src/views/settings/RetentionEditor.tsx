import { useEffect, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import type { RetentionSettingsView, SettingsSnapshot } from '../../../../shared/protocol/settings-types';
import { RelativeTime } from '../../components/RelativeTime';
import { useMessages } from '../../i18n/messages-context';
import { useConsoleStore } from '../../state/store';
import { SaveNotice, TextField, SaveButtons } from './fields';
import { actorParams, issueAt, numberOrText, writeSettings } from './settings-write';
import { useSupervisedWrite } from './use-supervised-write';

type Key = keyof RetentionSettingsView;
const KEYS: ReadonlyArray<Key> = ['raw_days', 'rollup_days', 'events_days', 'quarantine_days', 'size_cap_gb'];

function formOf(r: RetentionSettingsView): Record<Key, string> {
  return Object.fromEntries(KEYS.map((k) => [k, String(r[k])])) as Record<Key, string>;
}

/** How long the history keeps each kind of data, and how large it may grow; applied from the next sweep. */
export function RetentionEditor({ snapshot, onSaved }: { readonly snapshot: SettingsSnapshot; readonly onSaved: (next: SettingsSnapshot) => void }): ReactElement {
  const t = useMessages();
  const e = t.settingsEdit;
  const store = useConsoleStore((state) => state.health?.store ?? null);
  const names: Readonly<Record<Key, string>> = {
    raw_days: `${e.retention.rawDays} (${e.retention.days})`,
    rollup_days: `${e.retention.rollupDays} (${e.retention.days})`,
    events_days: `${e.retention.eventsDays} (${e.retention.days})`,
    quarantine_days: `${e.retention.quarantineDays} (${e.retention.days})`,
    size_cap_gb: e.retention.sizeCapGb,
  };
  const [form, setForm] = useState(() => formOf(snapshot.retention));
  useEffect(() => setForm(formOf(snapshot.retention)), [snapshot.retention]);
  const write = useSupervisedWrite();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const changes: Record<string, unknown> = {};
    for (const key of KEYS) if (form[key].trim() !== String(snapshot.retention[key])) changes[key] = numberOrText(form[key]);
    if (Object.keys(changes).length === 0) {
      write.say({ kind: 'ok', text: (m) => m.noChange });
      return;
    }
    write.start(
      (fields) => writeSettings('settings.update', { ...actorParams(fields), section: 'retention', changes }),
      (result) => {
        onSaved(result.settings);
        return { kind: 'ok', text: (m) => (result.applied ? m.savedLive : m.savedRestart) };
      },
    );
  };
  return (
    <section className="card" data-testid="settings-retention" aria-labelledby="settings-retention-title">
      <h3 className="card-title" id="settings-retention-title">{t.settings.retention}</h3>
      {store !== null && (
        <dl className="facts">
          <div>
            <dt>{t.settings.oldestReading}</dt>
            <dd>{store.oldest_reading === null ? t.emptyValue : <RelativeTime iso={store.oldest_reading} />}</dd>
          </div>
          <div>
            <dt>{t.settings.storeUsed}</dt>
            <dd>
              {t.number.bytes(store.used_bytes ?? store.db_bytes)}
              {store.size_capped === true ? ` · ${t.settings.sizeCapped}` : ''}
            </dd>
          </div>
        </dl>
      )}
      <form className="settings-form" onSubmit={submit} noValidate>
        <div className="settings-fields-grid">
          {KEYS.map((key) => (
            <TextField
              key={key}
              id={`retention-${key}`}
              label={names[key]}
              type="number"
              step="any"
              value={form[key]}
              onChange={(value) => setForm({ ...form, [key]: value })}
              error={issueAt(write.issues, `storage.${key}`)}
            />
          ))}
        </div>
        <p className="card-note">{e.retention.note}</p>
        <SaveButtons busy={write.busy} onUndo={() => setForm(formOf(snapshot.retention))} saveTestId="retention-save" />
        <SaveNotice notice={write.notice} testId="retention-notice" />
      </form>
      {write.prompt}
    </section>
  );
}
