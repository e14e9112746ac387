import { createPortal } from 'react-dom';
import type { ReactElement } from 'react';
import { useMessages } from '../../i18n/messages-context';
import { stationSoundOf } from '../../state/alarms-model';
import { useConsoleStore } from '../../state/store';
import { AlarmDialogs } from './AlarmDialogs';
import { useAlarmKeys } from './use-alarm-keys';
import './alarms.css';

/**
 * What every screen of a station has whatever view is up (portalled to the page, so the wall's
 * takeover slot stays empty until it takes over): the siren's state as data attributes (what a
 * browser test or a support engineer reads), the alarm keys, the open dialog, and on a wall display
 * the one-click fix for audio that is not armed.
 */
export function AlarmStation({ wall }: { readonly wall: boolean }): ReactElement {
  useAlarmKeys(useConsoleStore, !wall);
  const t = useMessages().alarms;
  const siren = useConsoleStore((state) => state.siren);
  const status = useConsoleStore((state) => state.alarmStatus);
  const stationId = useConsoleStore((state) => state.stationId);
  const sound = stationSoundOf(status, stationId);
  return createPortal(
    <>
      <output
        className="siren-state"
        data-testid="siren-state"
        data-station={stationId}
        data-armed={String(siren.armed)}
        data-context={siren.context}
        data-requested={siren.requested}
        data-playing={siren.playing}
        data-cycle={siren.cycle}
        data-station-sound={sound.sound}
        aria-label={t.siren.label}
      >
        {t.sounds[siren.playing]}
      </output>
      {wall && !siren.armed && (
        <button type="button" className="alarm-wall-arm" data-testid="audio-arm" onClick={() => void useConsoleStore.getState().armAudio()}>
          {t.trouble.audioFix}
        </button>
      )}
      {!wall && <AlarmDialogs />}
    </>,
    document.body,
  );
}
