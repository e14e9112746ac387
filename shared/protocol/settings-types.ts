/**
 * The settings screen's write path (issue 8): `settings.get` shows the settings in effect,
 * `settings.update` changes one section at a time, `registry.import` loads a device registry from
 * CSV or JSON text. Secrets (broker passwords, PIN hashes) never leave the host: the views carry
 * `has_password` / `has_pin` flags instead. Certificate and key file paths are not secret and are shown.
 */

import type { OperatorRole } from '../alarms/types';
import type { ScoringThresholds } from '../scoring/config';

/** The parts of settings.json the screen edits, one at a time. */
export type SettingsSection = 'connections' | 'thresholds' | 'retention' | 'operators' | 'language';

export const SETTINGS_SECTIONS: ReadonlyArray<SettingsSection> = ['connections', 'thresholds', 'retention', 'operators', 'language'];

export function isSettingsSection(value: unknown): value is SettingsSection {
  return typeof value === 'string' && (SETTINGS_SECTIONS as ReadonlyArray<string>).includes(value);
}

/** One problem with a submitted value; `field` is the settings.json path, e.g. `mqtt.connections[0].url`. */
export interface SettingsFieldIssue {
  readonly field: string;
  readonly message: string;
}

/** An MQTT connection as the screen sees it: the password is only a flag. */
export interface ConnectionSettingsView {
  readonly id: string;
  readonly url: string;
  readonly client_id: string | null;
  readonly username: string | null;
  readonly has_password: boolean;
  readonly topics: ReadonlyArray<string>;
  readonly qos: 0 | 1;
  readonly ca_file: string | null;
  readonly cert_file: string | null;
  readonly key_file: string | null;
  readonly alpn: ReadonlyArray<string>;
}

/** The scoring thresholds (settings.json `scoring.thresholds`): the scoring engine's own shape, names and units. */
export type ThresholdSettingsView = ScoringThresholds;

/** settings.json `storage`. */
export interface RetentionSettingsView {
  readonly raw_days: number;
  readonly rollup_days: number;
  readonly events_days: number;
  readonly quarantine_days: number;
  readonly size_cap_gb: number;
}

export interface OperatorSettingsView {
  readonly name: string;
  readonly role: OperatorRole;
  readonly has_pin: boolean;
}

export interface SettingsSnapshot {
  /** Where the settings live on the console's machine. */
  readonly file: string;
  readonly connections: ReadonlyArray<ConnectionSettingsView>;
  /**
   * Set when `--mqtt-url` or EMBERWATCH_MQTT_URL decides the connection: saved connections then wait
   * until the console starts without it.
   */
  readonly connections_overridden_by: string | null;
  /** `--language` when the console was started with it: it decides the language, and a saved change waits for a start without it. */
  readonly language_overridden_by: string | null;
  readonly thresholds: ThresholdSettingsView;
  readonly retention: RetentionSettingsView;
  readonly operators: { readonly default_role: 'operator' | 'viewer'; readonly list: ReadonlyArray<OperatorSettingsView> };
  /** The console's own language (recommendations, alarm texts, reports); each screen may still switch its own. */
  readonly language: 'en' | 'ko';
  /** Sections saved since the host started that apply only after a restart. */
  readonly restart_required: ReadonlyArray<SettingsSection>;
}

/** A connection as submitted: the full list replaces the saved one. */
export interface ConnectionSettingsChange {
  readonly id: string;
  readonly url: string;
  readonly client_id?: string | null;
  readonly username?: string | null;
  /** A new password (written to a file only the console's user can read); absent keeps the saved one. */
  readonly password?: string;
  readonly clear_password?: boolean;
  readonly topics?: ReadonlyArray<string>;
  readonly qos?: 0 | 1;
  readonly ca_file?: string | null;
  readonly cert_file?: string | null;
  readonly key_file?: string | null;
  readonly alpn?: ReadonlyArray<string>;
}

/** An operator as submitted: the full list replaces the saved one; a saved PIN is kept unless changed. */
export interface OperatorSettingsChange {
  readonly name: string;
  readonly role: OperatorRole;
  /** A new PIN, hashed on the host (scrypt) before it is saved. */
  readonly pin?: string;
  readonly clear_pin?: boolean;
}

export type ThresholdSettingsChange = {
  readonly temperatureC?: Partial<ThresholdSettingsView['temperatureC']>;
} & Partial<Omit<ThresholdSettingsView, 'temperatureC'>>;

export interface SettingsChanges {
  readonly connections: ReadonlyArray<ConnectionSettingsChange>;
  readonly thresholds: ThresholdSettingsChange;
  readonly retention: Partial<RetentionSettingsView>;
  readonly operators: { readonly list?: ReadonlyArray<OperatorSettingsChange>; readonly default_role?: 'operator' | 'viewer' };
  readonly language: 'en' | 'ko';
}

/** Who changes settings: a supervisor, named or signed in at the station, with the PIN as alarm actions take it. */
export interface SettingsActorParams {
  readonly operator?: string;
  readonly station?: string;
  readonly pin?: string;
  /** Why: goes into the journal with the sections changed. */
  readonly comment?: string;
  /** Over the WebSocket from beyond loopback: the console's token (REST uses the Authorization header). */
  readonly token?: string;
}

export type SettingsUpdateParams = {
  readonly [S in SettingsSection]: SettingsActorParams & { readonly section: S; readonly changes: SettingsChanges[S] };
}[SettingsSection];

export interface SettingsUpdateResult {
  readonly section: SettingsSection;
  /** True when the change is in effect now; false when it waits for a restart. */
  readonly applied: boolean;
  /** Every section saved and waiting for a restart (this one included, when it does). */
  readonly restart_required: ReadonlyArray<SettingsSection>;
  readonly settings: SettingsSnapshot;
}

export type RegistryFormat = 'csv' | 'json';

export interface RegistryImportParams extends SettingsActorParams {
  /** Default: guessed from the text (JSON starts with `{` or `[`). */
  readonly format?: RegistryFormat;
  readonly text: string;
  /** true: check only, apply nothing. */
  readonly dry_run?: boolean;
}

/**
 * All or nothing: when any row is invalid nothing is applied, and the request fails with
 * BAD_REQUEST (reason INVALID_REGISTRY) whose `issues` list every bad row with its line number
 * (CSV: the file's line, 1-based, the header being line 1; JSON: the device's position in the list, 1-based).
 */
export interface RegistryImportResult {
  /** False only for a dry run. */
  readonly applied: boolean;
  readonly format: RegistryFormat;
  readonly devices: number;
  readonly zones: number;
}
