import { useEffect } from 'react';
import type { StoreApi } from 'zustand';
import { navigate } from '../../hooks/use-location';
import { deviceHref } from '../../model/route';
import { alarmKey, bannerAlarms } from '../../state/alarms-model';
import { silenceStation } from '../../state/alarms-actions';
import type { ConsoleState } from '../../state/console-state';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/**
 * The station's alarm keys: A acknowledges the banner's alarm (a dialog for the optional comment,
 * Enter confirms), Shift+A every alarm the banner shows, S silences this station, D opens the
 * banner alarm's device. Off on a wall display and while a dialog is open.
 */
export function useAlarmKeys(store: StoreApi<ConsoleState>, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (event: KeyboardEvent): void => {
      const state = store.getState();
      if (state.alarmDialog !== null) return;
      const key = alarmKey(event, isTyping(event.target));
      if (key === null) return;
      const waiting = bannerAlarms(state.alarms);
      const top = waiting[0];
      switch (key) {
        case 'acknowledge':
          if (top === undefined) return;
          state.setAlarmDialog({ kind: 'action', action: 'acknowledge', ids: [top.id] });
          break;
        case 'acknowledge_all':
          if (waiting.length === 0) return;
          state.setAlarmDialog({ kind: 'action', action: 'acknowledge_all', ids: waiting.map((a) => a.id) });
          break;
        case 'silence':
          void silenceStation(store);
          break;
        case 'jump':
          if (top?.device_id === null || top === undefined) return;
          navigate(deviceHref(top.device_id));
          break;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, enabled]);
}
