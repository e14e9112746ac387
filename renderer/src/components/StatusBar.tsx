import type { ReactElement } from 'react';
import { formatClockTime, formatRate } from '../i18n/formatters';
import { useMessages } from '../i18n/messages-context';
import { useNow } from '../hooks/use-now';
import { describeAge } from '../model/relative-time';
import { feedState } from '../model/staleness';
import { useSignedInOperator } from '../state/alarm-access';
import { useConsoleStore } from '../state/store';
import { ConnectionStatus } from './ConnectionStatus';

/**
 * Always on screen: the link to the host, whether the console can watch at all, how old the newest
 * reading is, whether alarms can be heard, and who is signed in.
 */
export function StatusBar(): ReactElement {
  const t = useMessages();
  return (
    <footer className="status-bar" data-testid="status-bar" aria-label={t.statusBar.label}>
      <ConnectionStatus />
      <MonitoringState />
      <NewestData />
      <IngestRate />
      <AudioState />
      <OperatorState />
      <Clock />
    </footer>
  );
}

function MonitoringState(): ReactElement {
  const t = useMessages();
  const monitoring = useConsoleStore((state) => state.health?.monitoring ?? null);
  const state = monitoring === null ? 'unknown' : monitoring.lost ? 'lost' : 'ok';
  const text =
    monitoring === null
      ? t.statusBar.monitoringUnknown
      : monitoring.lost
        ? t.statusBar.monitoringLost(monitoring.detail ?? monitoring.reason ?? '')
        : t.statusBar.monitoringOk;
  return (
    <span className={`status-item status-monitoring is-${state}`} data-testid="status-monitoring" data-state={state} role="status">
      <span className="status-key">{t.statusBar.monitoring}</span>
      <span className="status-mark" aria-hidden="true" />
      <span className="status-value">{text}</span>
    </span>
  );
}

function NewestData(): ReactElement {
  const t = useMessages();
  const now = useNow();
  const newest = useConsoleStore((state) => state.newestReadingAt);
  const feed = feedState(newest, now);
  return (
    <span className={`status-item status-feed is-${feed}`} data-testid="status-newest" data-state={feed} data-newest={newest ?? ''}>
      <span className="status-key">{t.statusBar.newestData}</span>
      <span className="status-mark" aria-hidden="true" />
      <span className="status-value">
        {newest === null ? t.statusBar.feed.none : t.age(describeAge(newest, now))}
        {feed === 'slow' || feed === 'stopped' ? <strong className="status-alert"> · {t.statusBar.feed[feed]}</strong> : null}
      </span>
    </span>
  );
}

function IngestRate(): ReactElement | null {
  const t = useMessages();
  const rate = useConsoleStore((state) => state.health?.ingest.per_second ?? null);
  const language = useConsoleStore((state) => state.language);
  if (rate === null) return null;
  return (
    <span className="status-item status-rate" data-testid="status-rate">
      <span className="status-value">{t.health.ingestRate(formatRate(rate, language))}</span>
    </span>
  );
}

function AudioState(): ReactElement {
  const t = useMessages();
  const siren = useConsoleStore((state) => state.siren);
  const armAudio = useConsoleStore((state) => state.armAudio);
  const unavailable = siren.context === 'unavailable';
  const state = siren.armed ? 'armed' : unavailable ? 'unavailable' : 'not-armed';
  return (
    <span className={`status-item status-audio is-${state}`} data-testid="status-audio" data-armed={String(siren.armed)} data-state={state}>
      <span className="status-key">{t.statusBar.audio}</span>
      <span className="status-mark" aria-hidden="true" />
      <span className="status-value">
        {siren.armed ? t.statusBar.audioArmed : unavailable ? t.statusBar.audioUnavailable : t.statusBar.audioNotArmed}
      </span>
      {!siren.armed && !unavailable && (
        <button type="button" className="status-button" onClick={() => void armAudio()}>
          {t.statusBar.armAudio}
        </button>
      )}
    </span>
  );
}

function OperatorState(): ReactElement {
  const t = useMessages();
  const operator = useSignedInOperator();
  return (
    <span className="status-item status-operator" data-testid="status-operator" data-operator={operator ?? ''}>
      <span className="status-key">{t.statusBar.operator}</span>
      <span className={operator === null ? 'status-value muted' : 'status-value'}>{operator ?? t.statusBar.noOperator}</span>
    </span>
  );
}

function Clock(): ReactElement {
  const now = useNow();
  const language = useConsoleStore((state) => state.language);
  return (
    <time className="status-item status-clock" dateTime={new Date(now).toISOString()} data-testid="status-clock">
      {formatClockTime(now, language)}
    </time>
  );
}
