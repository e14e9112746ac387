import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactElement, ReactNode } from 'react';
import { LinkIcon } from '../../components/LinkIcon';
import { useNow } from '../../hooks/use-now';
import { formatClockTime } from '../../i18n/formatters';
import { useMessages } from '../../i18n/messages-context';
import type { LocationLike } from '../../model/route';
import { wallParams } from '../../model/route';
import type { WallViewId } from '../../model/rotation';
import { parseWallConfig, rotationStep } from '../../model/rotation';
import { feedState, isDataStale } from '../../model/staleness';
import { useConsoleStore } from '../../state/store';
import { ClustersView } from '../clusters/ClustersView';
import { AlarmMatrixView } from '../matrix/AlarmMatrixView';
import { OverviewView } from '../overview/OverviewView';
import { DeviceWallView } from '../tiles/DeviceWallView';

/**
 * The wall display: full screen, no menus, large type, rotating between the chosen views. When the
 * feed stops it says so across the top and greys what is below; it reconnects by itself (the link
 * redials, and a host that comes back with a new version reloads the page); a critical alarm covers
 * everything through the takeover slot.
 */
export function WallDisplay({ location, takeover }: { readonly location: LocationLike; readonly takeover: ReactNode }): ReactElement {
  const t = useMessages();
  const params = wallParams(location);
  const config = useMemo(() => parseWallConfig(params), [params.views, params.view, params.dwell, params.zone]);
  const [startMs] = useState(() => Date.now());
  const now = useNow();
  const step = rotationStep(startMs, now, config.dwellS, config.views.length);
  const view = config.views[step.index] ?? 'overview';
  const link = useConsoleStore((state) => state.link);
  const monitoringLost = useConsoleStore((state) => state.health?.monitoring.lost ?? false);
  const newest = useConsoleStore((state) => state.newestReadingAt);
  const language = useConsoleStore((state) => state.language);
  const feed = feedState(newest, now);
  const stale = isDataStale(link, monitoringLost, feed) && link !== 'connecting';
  useReloadOnNewHostVersion();
  useWakeLock();

  return (
    <div
      className={`wall${stale ? ' is-stale' : ''}`}
      data-testid="wall-display"
      data-view={view}
      data-rotation-index={step.index}
      data-rotation-count={config.views.length}
      data-stale={String(stale)}
      data-link={link}
    >
      <header className="wall-head">
        <span className="wall-brand">{t.appTitle}</span>
        <span className="wall-view-title" data-testid="wall-view-title">
          {t.nav.views[view]}
        </span>
        <RotationDots views={config.views} index={step.index} />
        {Number.isFinite(step.msToNext) && <span className="wall-next">{t.kiosk.next(Math.ceil(step.msToNext / 1000))}</span>}
        <span className={`wall-link link-${link}`} data-testid="connection-status" data-state={link}>
          <LinkIcon state={link} />
          {t.link.state[link]}
        </span>
        <time className="wall-clock" dateTime={new Date(now).toISOString()}>
          {formatClockTime(now, language)}
        </time>
      </header>
      {stale && (
        <div className="wall-stale" data-testid="wall-stale" role="alert">
          <svg viewBox="0 0 16 16" width="40" height="40" aria-hidden="true" focusable="false">
            <polygon points="8,1.5 15,14.5 1,14.5" />
            <rect className="wall-stale-mark" x="7.2" y="5.5" width="1.6" height="5" />
            <rect className="wall-stale-mark" x="7.2" y="11.5" width="1.6" height="1.6" />
          </svg>
          <span className="wall-stale-title">{monitoringLost ? t.kiosk.monitoringLost : t.kiosk.stale}</span>
          <span className="wall-stale-detail">
            {newest === null ? t.grid.staleNever : t.kiosk.staleSince(formatClockTime(newest, language))}
          </span>
        </div>
      )}
      <main className="wall-body" key={view}>
        <WallView view={view} zone={config.zone} />
      </main>
      <div className="wall-takeover-slot" data-testid="wall-takeover-slot">
        {takeover}
      </div>
    </div>
  );
}

function WallView({ view, zone }: { readonly view: WallViewId; readonly zone: string | null }): ReactElement {
  switch (view) {
    case 'overview':
      return <OverviewView wall />;
    case 'matrix':
      return <AlarmMatrixView wall />;
    case 'clusters':
      return <ClustersView wall />;
    case 'devices':
      return <DeviceWallView wall zone={zone} />;
  }
}

function RotationDots({ views, index }: { readonly views: ReadonlyArray<WallViewId>; readonly index: number }): ReactElement | null {
  const t = useMessages();
  if (views.length <= 1) return null;
  return (
    <ol className="wall-dots" aria-label={t.kiosk.label}>
      {views.map((v, i) => (
        <li key={v} className={i === index ? 'is-current' : undefined} aria-current={i === index ? 'step' : undefined}>
          <span className="visually-hidden">{t.nav.views[v]}</span>
        </li>
      ))}
    </ol>
  );
}

/** A host that comes back as another version may serve another screen: load it, nobody will press F5. */
function useReloadOnNewHostVersion(): void {
  const version = useConsoleStore((state) => state.host?.version ?? null);
  const first = useRef<string | null>(null);
  useEffect(() => {
    if (version === null) return;
    if (first.current === null) first.current = version;
    else if (first.current !== version) window.location.reload();
  }, [version]);
}

interface WakeLockLike {
  release(): Promise<void>;
}

/** Keeps a browser's screen on (the desktop app does this with its power-save blocker). */
function useWakeLock(): void {
  useEffect(() => {
    const nav = navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<WakeLockLike> } };
    if (nav.wakeLock === undefined) return undefined;
    let lock: WakeLockLike | null = null;
    let stopped = false;
    const acquire = (): void => {
      if (document.visibilityState !== 'visible') return;
      nav.wakeLock?.request('screen').then(
        (l) => {
          if (stopped) void l.release();
          else lock = l;
        },
        () => undefined,
      );
    };
    acquire();
    document.addEventListener('visibilitychange', acquire);
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', acquire);
      void lock?.release().catch(() => undefined);
    };
  }, []);
}
