import type { RegistryEntry } from '../../../shared/fleet/registry';
import type { OperatorRole } from '../../../shared/alarms/types';
import type { SettingsChangedEvent } from '../../../shared/protocol';
import { scoringView } from '../../../shared/protocol';
import type { Settings } from '../config/settings';
import type { SqliteDatabase } from '../store/database';
import type { RetentionPolicy } from '../store/retention';
import { retentionFromSettings } from '../store/retention';
import type { LiveScoringEngine } from './live-scoring';
import type { SettingsActor, SettingsHandlers } from './settings-handlers';
import { createSettingsHandlers } from './settings-handlers';

// The settings screen wired to the running host: which part of the host each live section
// changes. Kept apart from host-core so that the start-up sequence stays readable.

export interface HostSettingsDeps {
  readonly dataDir: string;
  readonly settings: Settings;
  readonly connectionsOverriddenBy: string | null;
  readonly languageOverriddenBy?: string | null;
  readonly db: SqliteDatabase;
  readonly alarms: {
    requireSupervisor(params: { readonly operator?: unknown; readonly station?: unknown; readonly pin?: unknown }): Promise<SettingsActor>;
    journalSettingsChange(actor: SettingsActor, comment: string | null): Promise<void>;
    applyOperators(operators: Settings['alarms']['operators'], defaultRole: Exclude<OperatorRole, 'supervisor'>): void;
  };
  /** Other holders of the operators' roles (the backup handlers' directory). */
  readonly operatorRoles: ReadonlyArray<{ replace(operators: Settings['alarms']['operators'], defaultRole: Exclude<OperatorRole, 'supervisor'>): void }>;
  readonly engine: LiveScoringEngine;
  readonly retention: { setPolicy(policy: RetentionPolicy): void };
  readonly registry: {
    readonly fleet: { applyRegistry(entries: ReadonlyArray<RegistryEntry>): void };
    readonly analytics: { applyRegistry(entries: ReadonlyArray<RegistryEntry>): void };
    /** Saves into the device registry table through the store's one writer. */
    save(entries: ReadonlyArray<RegistryEntry>): Promise<void>;
  };
  readonly record: (settings: unknown, source: string) => Promise<boolean>;
  /** Forgets the PINs stored at sign-in for these names (through the store's one writer). */
  readonly clearStoredPins: (names: ReadonlyArray<string>) => Promise<void>;
  readonly log: { info(message: string, fields?: Record<string, unknown>): void; error(message: string, fields?: Record<string, unknown>): void };
  /** Makes the console's language (recommendations, escalations, reports) this one from now on. */
  readonly language?: (language: Settings['ui']['language']) => void;
  /** Makes the running broker connections those of the settings (unchanged ones keep their sessions). */
  readonly connections?: (connections: Settings['mqtt']['connections']) => Promise<void>;
  /** Pushes `settings.changed` to every screen (the event hub), with the engine's thresholds in effect. */
  readonly publish?: (event: SettingsChangedEvent) => void;
}

export function createHostSettingsHandlers(deps: HostSettingsDeps): SettingsHandlers {
  const storedPin = deps.db.prepare('SELECT pin_hash FROM alarm_operators WHERE name = ? COLLATE NOCASE').pluck();
  return createSettingsHandlers({
    dataDir: deps.dataDir,
    initial: deps.settings,
    connectionsOverriddenBy: deps.connectionsOverriddenBy,
    languageOverriddenBy: deps.languageOverriddenBy ?? null,
    authority: deps.alarms,
    apply: {
      thresholds: (scoring) => {
        deps.engine.reconfigure(scoring);
      },
      retention: (storage) => deps.retention.setPolicy(retentionFromSettings(storage)),
      operators: async (alarms, clearedPins) => {
        // A PIN set at a first sign-in lives in the database; removing the PIN removes that copy too.
        if (clearedPins.length > 0) await deps.clearStoredPins(clearedPins);
        const operators = alarms.operators.map((o) => ({ ...o, name: o.name.trim() }));
        deps.alarms.applyOperators(operators, alarms.default_role);
        for (const directory of deps.operatorRoles) directory.replace(operators, alarms.default_role);
      },
      ...(deps.connections ? { connections: deps.connections } : {}),
      ...(deps.language ? { language: deps.language } : {}),
    },
    record: deps.record,
    applyRegistry: async (entries) => {
      // Stored first: a registry the console shows is one it still has after a restart.
      await deps.registry.save(entries);
      deps.registry.fleet.applyRegistry(entries);
      deps.registry.analytics.applyRegistry(entries);
    },
    hasStoredPin: (name) => {
      try {
        return typeof storedPin.get(name) === 'string';
      } catch {
        return false;
      }
    },
    log: deps.log,
    // The engine's own thresholds, not the file's: a saved change it could not take up is not drawn.
    changed: (change) => deps.publish?.({ ...change, scoring: scoringView(deps.engine.config) }),
  });
}
