import { useState } from 'react';
import type { SettingsSnapshot } from '../../../../shared/protocol/settings-types';
import { useHostQuery } from '../../hooks/use-host-query';

export interface SettingsSnapshotState {
  readonly snapshot: SettingsSnapshot | null;
  readonly error: string | null;
  /** A save answered with the settings now in effect: shown at once, without asking again. */
  replace(next: SettingsSnapshot): void;
}

/** The settings in effect, from the host (again after a reconnect), or as the last save answered. */
export function useSettingsSnapshot(): SettingsSnapshotState {
  const query = useHostQuery('settings.get', {});
  const [saved, setSaved] = useState<{ readonly snapshot: SettingsSnapshot; readonly after: number | null } | null>(null);
  // A newer answer from the host (a reconnect) wins over what an earlier save returned.
  const snapshot = saved !== null && saved.after === query.updatedAt ? saved.snapshot : query.data;
  return {
    snapshot,
    error: query.error,
    replace: (next) => setSaved({ snapshot: next, after: query.updatedAt }),
  };
}
