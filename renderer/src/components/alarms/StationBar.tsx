import type { ReactElement } from 'react';
import { useMessages } from '../../i18n/messages-context';
import { signOut } from '../../state/alarms-actions';
import { useConsoleStore } from '../../state/store';

/**
 * This station in one line: its name, who is signed in (sign in / out), the audio trouble with its
 * one-click fix, and the last refusal from the host in words.
 */
export function StationBar(): ReactElement {
  const t = useMessages().alarms;
  const stationId = useConsoleStore((state) => state.stationId);
  const station = useConsoleStore((state) => state.station);
  const armed = useConsoleStore((state) => state.siren.armed);
  const notice = useConsoleStore((state) => state.alarmNotice);
  const operator = station?.operator ?? null;
  return (
    <div className="station-bar" data-testid="station-bar" data-station={stationId} data-operator={operator ?? ''}>
      {!armed && (
        <p className="station-trouble" data-testid="audio-not-armed" role="alert">
          <span>{t.trouble.audioNotArmed}</span>
          <button type="button" className="button" data-testid="audio-arm" onClick={() => void useConsoleStore.getState().armAudio()}>
            {t.trouble.audioFix}
          </button>
        </p>
      )}
      {notice !== null && (
        <p className={`station-notice is-${notice.kind}`} data-testid="alarm-notice" role="status">
          {notice.text}
          <button type="button" className="button-quiet" aria-label="×" onClick={() => useConsoleStore.getState().setAlarmNotice(null)}>
            ×
          </button>
        </p>
      )}
      <span className="station-name">{t.station.label(stationId)}</span>
      {operator === null ? (
        <>
          <span className="muted" data-testid="station-operator">
            {t.station.notSignedIn}
          </span>
          <button type="button" className="button-quiet" data-testid="sign-in" onClick={() => useConsoleStore.getState().setAlarmDialog({ kind: 'sign_in', tokenNeeded: false })}>
            {t.actions.signIn}
          </button>
        </>
      ) : (
        <>
          <span data-testid="station-operator">{t.station.signedIn(operator, t.roles[station?.role ?? 'operator'])}</span>
          <button type="button" className="button-quiet" data-testid="sign-out" onClick={() => void signOut(useConsoleStore)}>
            {t.actions.signOut}
          </button>
        </>
      )}
    </div>
  );
}
