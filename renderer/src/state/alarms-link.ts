import type { StoreApi } from 'zustand';
import type { AlarmItem } from '../../../shared/protocol/alarms-types';
import type { RpcClient } from '../../../shared/protocol/rpc-client';
import type { SoundClass } from '../../../shared/alarms/types';
import { MESSAGES } from '../i18n/dictionary';
import type { ConsoleState } from './console-state';
import { notifiable, soundOf } from './alarms-model';

// The alarm screens' side of the host link: on every new channel the station says hello (wall
// display or not, audio armed or not) and takes a snapshot; pushed changes and status keep it
// current; the siren plays what the host says this station should sound; new alarms raise an OS
// notification while the window is hidden. A hello every few seconds keeps the station known (and
// its "audio not armed" trouble current) even when nothing else is said.

export const STATION_HELLO_MS = 10_000;

export interface AlarmLinkDeps {
  /** The station's siren (installSiren); null plays nothing. */
  readonly siren: { play(sound: SoundClass): void } | null;
  /** Whether the window is hidden now (notifications only then). */
  readonly isHidden?: () => boolean;
  /** Shows an OS notification; absent: none. */
  readonly notify?: (title: string, body: string, tag: string) => void;
  readonly every?: (ms: number, task: () => void) => () => void;
  readonly onProblem?: (what: string, error: unknown) => void;
}

const defaultEvery = (ms: number, task: () => void): (() => void) => {
  const handle = setInterval(task, ms);
  return () => clearInterval(handle);
};

export function startAlarmLink(store: StoreApi<ConsoleState>, deps: AlarmLinkDeps): () => void {
  const onProblem = deps.onProblem ?? (() => {});
  let attached: { client: RpcClient; off: Array<() => void> } | null = null;
  let playing: SoundClass | null = null;

  const hello = (client: RpcClient | null): void => {
    if (client === null || client.isClosed()) return;
    const state = store.getState();
    client
      .request('station.hello', { station: state.stationId, kiosk: state.wallDisplay, audio_armed: state.siren.armed })
      .then((view) => {
        if (attached?.client === client) store.getState().setStation(view);
      })
      .catch((error: unknown) => {
        if (!client.isClosed()) onProblem('station hello failed', error);
      });
  };

  const snapshot = (client: RpcClient): void => {
    client
      .request('alarms.snapshot', { station: store.getState().stationId })
      .then((result) => {
        if (attached?.client === client) store.getState().setAlarmSnapshot(result);
      })
      .catch((error: unknown) => {
        if (!client.isClosed()) onProblem('alarm snapshot failed', error);
      });
  };

  const announce = (before: ReadonlyMap<string, AlarmItem>, changed: ReadonlyArray<AlarmItem>): void => {
    if (deps.notify === undefined || !(deps.isHidden?.() ?? false)) return;
    const t = MESSAGES[store.getState().language].alarms;
    for (const item of notifiable(before, changed)) {
      const where = item.device_id ?? item.zone ?? item.target;
      deps.notify(t.notification.title(t.priorities[item.priority], where), `${t.sources[item.source]} — ${item.message}`, item.id);
    }
  };

  const detach = (): void => {
    for (const off of attached?.off ?? []) off();
    attached = null;
  };

  const attach = (client: RpcClient): void => {
    detach();
    const off = [
      client.on('alarms.changed', (payload) => {
        const before = store.getState().alarms;
        store.getState().applyAlarmChanges(payload.alarms);
        announce(before, payload.alarms);
      }),
      client.on('alarms.status', (payload) => store.getState().setAlarmStatus(payload.status)),
    ];
    attached = { client, off };
    hello(client);
    snapshot(client);
  };

  const play = (state: ConsoleState): void => {
    const sound = soundOf(state.alarmStatus, state.stationId);
    if (sound === playing) return;
    playing = sound;
    deps.siren?.play(sound);
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.client !== previous.client) {
      if (state.client === null) detach();
      else attach(state.client);
    }
    if (state.siren.armed !== previous.siren.armed) hello(state.client);
    if (state.alarmStatus !== previous.alarmStatus || state.stationId !== previous.stationId) play(state);
  });
  const current = store.getState().client;
  if (current !== null) attach(current);
  play(store.getState());
  const stopHello = (deps.every ?? defaultEvery)(STATION_HELLO_MS, () => hello(store.getState().client));

  return () => {
    stopHello();
    unsubscribe();
    detach();
  };
}

/** The browser's Notification API, when there is one and it is allowed. */
export function browserNotifier(): ((title: string, body: string, tag: string) => void) | undefined {
  const Api = (globalThis as { Notification?: typeof Notification }).Notification;
  if (Api === undefined) return undefined;
  return (title, body, tag) => {
    if (Api.permission !== 'granted') return;
    try {
      const note = new Api(title, { body, tag, requireInteraction: true });
      note.onclick = () => {
        globalThis.focus?.();
        note.close();
      };
    } catch {
      // A platform that refuses (a service-worker-only browser) keeps the banner and the siren.
    }
  };
}
