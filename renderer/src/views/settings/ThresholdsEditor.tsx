import { useEffect, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import type { SettingsSnapshot, ThresholdSettingsView } from '../../../../shared/protocol/settings-types';
import { useMessages } from '../../i18n/messages-context';
import { SaveNotice, TextField, SaveButtons } from './fields';
import { actorParams, issueAt, numberOrText, writeSettings } from './settings-write';
import { useSupervisedWrite } from './use-supervised-write';

type Key = 'temperatureC.critical' | 'temperatureC.high' | 'temperatureC.medium' | Exclude<keyof ThresholdSettingsView, 'temperatureC'>;

const FIELDS: ReadonlyArray<readonly [Key, string]> = [
  ['temperatureC.critical', '°C'],
  ['temperatureC.high', '°C'],
  ['temperatureC.medium', '°C'],
  ['overvoltageV', 'V'],
  ['undervoltageV', 'V'],
  ['overcurrentA', 'A'],
  ['leakageMa', 'mA'],
  ['coPpm', 'ppm'],
  ['vocUgM3', 'µg/m³'],
  ['powerFactorMin', ''],
];

function valueOf(t: ThresholdSettingsView, key: Key): number {
  if (key === 'temperatureC.critical') return t.temperatureC.critical;
  if (key === 'temperatureC.high') return t.temperatureC.high;
  if (key === 'temperatureC.medium') return t.temperatureC.medium;
  return t[key];
}

function formOf(t: ThresholdSettingsView): Record<Key, string> {
  return Object.fromEntries(FIELDS.map(([key]) => [key, String(valueOf(t, key))])) as Record<Key, string>;
}

/** Only what changed is sent, so settings.json keeps the defaults out and names only the site's choices. */
function changesOf(form: Record<Key, string>, saved: ThresholdSettingsView): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const temperature: Record<string, unknown> = {};
  for (const [key] of FIELDS) {
    if (form[key].trim() === String(valueOf(saved, key))) continue;
    const value = numberOrText(form[key]);
    if (key.startsWith('temperatureC.')) temperature[key.slice('temperatureC.'.length)] = value;
    else changes[key] = value;
  }
  if (Object.keys(temperature).length > 0) changes.temperatureC = temperature;
  return changes;
}

/** The scoring thresholds, editable by a supervisor; saved values score the very next reading. */
export function ThresholdsEditor({ snapshot, onSaved }: { readonly snapshot: SettingsSnapshot; readonly onSaved: (next: SettingsSnapshot) => void }): ReactElement {
  const t = useMessages();
  const e = t.settingsEdit;
  const n = t.settings.thresholdNames;
  const names: Readonly<Record<Key, string>> = {
    'temperatureC.critical': n.temperatureCritical,
    'temperatureC.high': n.temperatureHigh,
    'temperatureC.medium': e.thresholds.temperatureMedium,
    overvoltageV: n.overvoltage,
    undervoltageV: n.undervoltage,
    overcurrentA: n.overcurrent,
    leakageMa: n.leakage,
    coPpm: n.co,
    vocUgM3: n.voc,
    powerFactorMin: n.powerFactor,
  };
  const [form, setForm] = useState(() => formOf(snapshot.thresholds));
  useEffect(() => setForm(formOf(snapshot.thresholds)), [snapshot.thresholds]);
  const write = useSupervisedWrite();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const changes = changesOf(form, snapshot.thresholds);
    if (Object.keys(changes).length === 0) {
      write.say({ kind: 'ok', text: (m) => m.noChange });
      return;
    }
    write.start(
      (fields) => writeSettings('settings.update', { ...actorParams(fields), section: 'thresholds', changes }),
      (result) => {
        onSaved(result.settings);
        return { kind: 'ok', text: (m) => (result.applied ? m.savedLive : m.savedRestart) };
      },
    );
  };
  return (
    <section className="card" data-testid="settings-thresholds" aria-labelledby="settings-thresholds-title">
      <h3 className="card-title" id="settings-thresholds-title">{t.settings.thresholds}</h3>
      <form className="settings-form" onSubmit={submit} noValidate>
        <div className="settings-fields-grid">
          {FIELDS.map(([key, unit]) => (
            <TextField
              key={key}
              id={`threshold-${key.replace('.', '-')}`}
              label={unit === '' ? names[key] : `${names[key]} (${unit})`}
              type="number"
              step="any"
              value={form[key]}
              onChange={(value) => setForm({ ...form, [key]: value })}
              error={issueAt(write.issues, `scoring.thresholds.${key}`)}
            />
          ))}
        </div>
        <p className="card-note">{e.thresholds.note}</p>
        <SaveButtons busy={write.busy} onUndo={() => setForm(formOf(snapshot.thresholds))} saveTestId="thresholds-save" />
        <SaveNotice notice={write.notice} testId="thresholds-notice" />
      </form>
      {write.prompt}
    </section>
  );
}
