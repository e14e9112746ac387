import type { CloudSettings } from './cloud-schema';
import type { BackupSettings, HealthSettings, LogSettings } from './operation-schema';

/** The validated settings, as the rest of the host sees them. Mirrors SETTINGS_SCHEMA. */
export interface ConnectionSettings {
  readonly id: string;
  readonly url: string;
  readonly client_id?: string;
  readonly username?: string;
  readonly topics: ReadonlyArray<string>;
  readonly qos: 0 | 1;
  readonly password_file?: string;
  readonly ca_file?: string;
  readonly cert_file?: string;
  readonly key_file?: string;
  readonly alpn?: ReadonlyArray<string>;
  readonly protocol_version?: 4 | 5;
  readonly clean_session?: boolean;
  readonly session_expiry_s?: number;
  readonly keepalive_s?: number;
  readonly receive_maximum?: number;
  readonly limit_per_s?: number;
}

export interface OperatorSettings {
  readonly name: string;
  readonly role: 'operator' | 'supervisor' | 'viewer';
  readonly pin_hash?: string;
}

/** Issue 7's alarm settings (see settings-schema.ts). */
export interface AlarmSettings {
  readonly priorities: Readonly<Record<string, unknown>>;
  readonly shelve_max_minutes: number;
  readonly supervisor_shelve_max_minutes: number;
  readonly resound_minutes: number;
  readonly escalation_minutes: number;
  readonly webhook_url?: string;
  readonly site_key_file?: string;
  readonly default_role: 'operator' | 'viewer';
  readonly operators: ReadonlyArray<OperatorSettings>;
  readonly wall_displays: ReadonlyArray<string>;
  readonly monitoring_grace_s: number;
  readonly config: Readonly<Record<string, unknown>>;
}

export interface Settings {
  readonly site: { readonly name: string };
  readonly server: { readonly port: number; readonly host: string };
  readonly mqtt: { readonly connections: ReadonlyArray<ConnectionSettings> };
  readonly demo: {
    readonly enabled: boolean;
    readonly devices: number;
    readonly period_s: number;
    readonly zones: number;
    readonly seed: number;
    readonly scenario: string;
  };
  readonly ui: { readonly language: 'en' | 'ko' };
  readonly storage: {
    readonly raw_days: number;
    readonly rollup_days: number;
    readonly events_days: number;
    readonly quarantine_days: number;
    readonly size_cap_gb: number;
  };
  readonly scoring: Readonly<Record<string, unknown>>;
  readonly alarms: AlarmSettings;
  readonly cloud: CloudSettings;
  readonly backup: BackupSettings;
  readonly logs: LogSettings;
  readonly health: HealthSettings;
}
