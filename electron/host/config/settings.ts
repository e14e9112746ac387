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
  readonly limit_per_s?: number;
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
}
