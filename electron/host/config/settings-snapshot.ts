import type { ConnectionSettingsView, SettingsSection, SettingsSnapshot, ThresholdSettingsView } from '../../../shared/protocol';
import { scoringView } from '../../../shared/protocol';
import { DEFAULT_SCORING_CONFIG, mergeScoringConfig } from '../../../shared/scoring';
import type { Settings } from './settings';

// What the settings screen is shown: the sections it edits, from the settings in effect. Secrets
// stay on the host: a broker password is only `has_password`, a PIN hash only `has_pin`.

export function thresholdsOf(scoring: Settings['scoring']): ThresholdSettingsView {
  const merged = mergeScoringConfig(scoring);
  // settings.json was checked at load; the defaults stand in only for a file edited by hand since.
  return scoringView(merged.ok ? merged.config : DEFAULT_SCORING_CONFIG).thresholds;
}

function connectionView(c: Settings['mqtt']['connections'][number]): ConnectionSettingsView {
  return {
    id: c.id,
    url: c.url,
    client_id: c.client_id ?? null,
    username: c.username ?? null,
    has_password: c.password_file !== undefined && c.password_file !== '',
    topics: [...c.topics],
    qos: c.qos,
    ca_file: c.ca_file ?? null,
    cert_file: c.cert_file ?? null,
    key_file: c.key_file ?? null,
    alpn: [...(c.alpn ?? [])],
  };
}

export function settingsSnapshot(
  settings: Settings,
  extra: { readonly file: string; readonly connectionsOverriddenBy: string | null; readonly languageOverriddenBy: string | null; readonly restartRequired: ReadonlyArray<SettingsSection>; readonly hasStoredPin: (name: string) => boolean },
): SettingsSnapshot {
  const s = settings.storage;
  return {
    file: extra.file,
    connections: settings.mqtt.connections.map(connectionView),
    connections_overridden_by: extra.connectionsOverriddenBy,
    language_overridden_by: extra.languageOverriddenBy,
    thresholds: thresholdsOf(settings.scoring),
    retention: { raw_days: s.raw_days, rollup_days: s.rollup_days, events_days: s.events_days, quarantine_days: s.quarantine_days, size_cap_gb: s.size_cap_gb },
    operators: {
      default_role: settings.alarms.default_role,
      list: settings.alarms.operators.map((o) => ({ name: o.name, role: o.role, has_pin: o.pin_hash !== undefined || extra.hasStoredPin(o.name) })),
    },
    language: settings.ui.language,
    restart_required: [...extra.restartRequired],
  };
}
