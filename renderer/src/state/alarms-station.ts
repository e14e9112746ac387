import type { StoreApi } from 'zustand';
import { installSiren } from '../audio/browser';
import { isWallLocation } from '../model/route';
import type { ConsoleState } from './console-state';
import { stationName } from './alarms-model';
import { browserNotifier, startAlarmLink } from './alarms-link';

/**
 * This screen as an alarm station: its name (kept in the browser; `?station=` overrides), whether
 * it is a wall display, the siren (armed by the first click or key, or the one-click fix), and the
 * alarm side of the host link. Called once at start, before the link connects.
 */
export function startAlarmStation(win: Window, store: StoreApi<ConsoleState>, storage: Storage | undefined): () => void {
  const wall = isWallLocation(win.location);
  store.getState().setStationIdentity(stationName(win.location.search, storage, wall), wall);
  const siren = installSiren(store, win);
  const stop = startAlarmLink(store, {
    siren,
    isHidden: () => win.document.visibilityState === 'hidden',
    notify: browserNotifier(),
    onProblem: (what, error) => console.warn(`Alarms: ${what}`, error),
  });
  return () => {
    stop();
    siren.dispose();
  };
}
