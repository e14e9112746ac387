import { useEffect, useState } from 'react';
import type { SettingsSnapshot } from '../../../../shared/protocol/settings-types';
import { useHostQuery } from '../../hooks/use-host-query';
import { useConsoleStore } from '../../state/store';

export interface SettingsSnapshotState {
  readonly snapshot: SettingsSnapshot | null;
  readonly error: string | null;
  /** A save answered with the settings now in effect: shown at once, without asking again. */
  replace(next: SettingsSnapshot): void;
}

/**
 * The settings in effect, from the host (again after a reconnect, and whenever any station saved a
 * change), or as this screen's last save answered.
 */
export function useSettingsSnapshot(): SettingsSnapshotState {
  const query = useHostQuery('settings.get', {});
  const client = useConsoleStore((state) => state.client);
  const { refresh } = query;
  // Another station's supervisor changed something: this screen must not go on showing the old values.
  useEffect(() => client?.on('settings.changed', () => refresh()), [client, refresh]);
  const [saved, setSaved] = useState<{ readonly snapshot: SettingsSnapshot; readonly after: number | null } | null>(null);
  // A newer answer from the host (a reconnect, a change elsewhere) wins over what an earlier save returned.
  const snapshot = saved !== null && saved.after === query.updatedAt ? saved.snapshot : query.data;
  return {
    snapshot,
    error: query.error,
    replace: (next) => setSaved({ snapshot: next, after: query.updatedAt }),
  };
}
