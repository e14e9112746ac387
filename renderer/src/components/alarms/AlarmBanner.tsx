import type { ReactElement } from 'react';
import { navigate } from '../../hooks/use-location';
import { useMessages } from '../../i18n/messages-context';
import { deviceHref, formatHashRoute } from '../../model/route';
import { silenceStation } from '../../state/alarms-actions';
import { bannerAlarms } from '../../state/alarms-model';
import { useConsoleStore } from '../../state/store';
import { alarmText } from './alarm-text';
import { AlarmStation } from './AlarmStation';
import { FloodSummary } from './FloodSummary';
import { StationBar } from './StationBar';

/**
 * The banner an operator cannot overlook: the most urgent alarm waiting for acknowledgement, in
 * words (device, zone, cause, value, time), flashing in its priority's colour (a steady thick frame
 * where the user asked for reduced motion), with acknowledge, silence and go-to-device at hand;
 * under it the station (sign-in, audio trouble and its fix, flood summary, the last refusal).
 */
export function AlarmBanner(): ReactElement {
  const m = useMessages();
  const t = m.alarms;
  const language = useConsoleStore((state) => state.language);
  const alarms = useConsoleStore((state) => state.alarms);
  const stationId = useConsoleStore((state) => state.stationId);
  const waiting = bannerAlarms(alarms);
  const top = waiting[0];
  const text = top === undefined ? null : alarmText(top, m, language);
  return (
    <div className="alarm-area" data-testid="alarm-area">
      <AlarmStation wall={false} />
      {top !== undefined && text !== null && (
        <section
          className={`alarm-banner prio-${top.priority}${top.state === 'unacknowledged' && !top.late ? ' is-calling' : ''}`}
          data-testid="alarm-banner"
          data-alarm-id={top.id}
          data-priority={top.priority}
          data-state={top.state}
          data-count={waiting.length}
          role="alert"
          aria-label={t.banner.label}
        >
          <span className="alarm-banner-mark" aria-hidden="true">
            {top.priority === 'critical' ? '▲!' : '▲'}
          </span>
          <div className="alarm-banner-text">
            <span className="alarm-banner-priority">{text.priority}</span>
            <strong className="alarm-banner-cause" data-field="cause">
              {text.cause}
            </strong>
            <span data-field="device">{text.where}</span>
            <span className="muted" data-field="zone">
              {text.zone}
            </span>
            {text.value !== null && (
              <span className="alarm-banner-value" data-field="value">
                {text.value}
              </span>
            )}
            <time dateTime={top.activated_at ?? top.last_change_at} data-field="time">
              {text.time}
            </time>
            <span className="alarm-banner-message" data-field="message">
              {top.message}
            </span>
            {top.late && <span className="tag">{t.banner.late}</span>}
            {top.latching && <span className="tag">{t.banner.latched}</span>}
          </div>
          <div className="alarm-banner-buttons">
            {top.source === 'audio_not_armed' && top.target === stationId && (
              <button type="button" className="button" data-testid="banner-arm" onClick={() => void useConsoleStore.getState().armAudio()}>
                {t.trouble.audioFix}
              </button>
            )}
            <button type="button" className="button alarm-ack" data-testid="banner-ack" onClick={() => useConsoleStore.getState().setAlarmDialog({ kind: 'action', action: 'acknowledge', ids: [top.id] })}>
              {t.actions.acknowledge} <kbd>A</kbd>
            </button>
            <button type="button" className="button" data-testid="banner-silence" onClick={() => void silenceStation(useConsoleStore)}>
              {t.actions.silence} <kbd>S</kbd>
            </button>
            {top.device_id !== null && (
              <button type="button" className="button" data-testid="banner-jump" onClick={() => navigate(deviceHref(top.device_id as string))}>
                {t.actions.jumpToDevice} <kbd>D</kbd>
              </button>
            )}
            {waiting.length > 1 && (
              <a className="button-quiet" href={formatHashRoute(['alarms'])} data-testid="banner-more">
                {t.banner.more(waiting.length - 1)}
              </a>
            )}
          </div>
        </section>
      )}
      <FloodSummary />
      <StationBar />
    </div>
  );
}
