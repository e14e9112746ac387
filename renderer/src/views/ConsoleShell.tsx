import { useEffect, useMemo, useRef } from 'react';
import type { ReactElement, ReactNode } from 'react';
import { HeaderBar } from '../components/HeaderBar';
import { StatusBar } from '../components/StatusBar';
import { navigate, useLocation } from '../hooks/use-location';
import { useMessages } from '../i18n/messages-context';
import { formatHashRoute, isWallLocation, parseHashRoute } from '../model/route';
import { useConsoleStore } from '../state/store';
import { DeviceDetailView } from './device/DeviceDetailView';
import { WallDisplay } from './kiosk/WallDisplay';
import type { ConsoleView } from './view-registry';
import { CONSOLE_VIEWS, DEFAULT_VIEW_ID } from './view-registry';

export interface ConsoleShellProps {
  /** Shown under the header on every operator view (the alarm banner). */
  readonly banner?: ReactNode;
  /** Covers the whole wall display while it has content (the critical-alarm takeover). */
  readonly wallTakeover?: ReactNode;
  /** Views added by other parts of the console, after the built-in ones in the navigation. */
  readonly extraViews?: ReadonlyArray<ConsoleView>;
}

/**
 * The console's frame: header with navigation, the routed view, the status bar; or, on `/wall`,
 * the wall display. Also applies the theme and the keyboard shortcuts.
 */
export function ConsoleShell({ banner = null, wallTakeover = null, extraViews = [] }: ConsoleShellProps): ReactElement {
  const location = useLocation();
  const theme = useConsoleStore((state) => state.theme);
  const wall = isWallLocation(location);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.dataset.mode = wall ? 'wall' : 'console';
  }, [theme, wall]);

  if (wall) return <WallDisplay location={location} takeover={wallTakeover} />;
  return <OperatorConsole banner={banner} extraViews={extraViews} hash={location.hash} />;
}

function OperatorConsole({ banner, extraViews, hash }: { readonly banner: ReactNode; readonly extraViews: ReadonlyArray<ConsoleView>; readonly hash: string }): ReactElement {
  const t = useMessages();
  const views = useMemo(() => [...CONSOLE_VIEWS, ...extraViews], [extraViews]);
  const route = parseHashRoute(hash);
  const [first = DEFAULT_VIEW_ID, second] = route.segments;
  const isDevice = first === 'device' && second !== undefined;
  const view = isDevice ? null : (views.find((v) => v.id === first) ?? views.find((v) => v.id === DEFAULT_VIEW_ID) ?? null);
  const mainRef = useRef<HTMLElement>(null);
  const current = isDevice ? null : (view?.id ?? null);

  useShortcuts(views);

  // A new view starts at its top, and keyboard users land in it rather than back in the header.
  useEffect(() => {
    mainRef.current?.scrollTo({ top: 0 });
  }, [first, second]);

  return (
    <div className="app" data-testid="console" data-view={isDevice ? 'device' : (view?.id ?? '')}>
      <button type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
        {t.nav.skipToContent}
      </button>
      <HeaderBar entries={views} current={current} />
      {banner}
      <main className={`app-main view-${isDevice ? 'device' : (view?.id ?? 'none')}`} ref={mainRef} tabIndex={-1} id="main">
        {isDevice ? <DeviceDetailView deviceId={second} params={route.params} /> : view?.render()}
      </main>
      <StatusBar />
    </div>
  );
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** Alt+1…9 and Alt+0 (the tenth) switch views; "/" jumps to the current view's search or filter field. */
function useShortcuts(views: ReadonlyArray<ConsoleView>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && /^Digit[0-9]$/.test(event.code)) {
        const digit = Number(event.code.slice(5));
        const view = views[digit === 0 ? 9 : digit - 1];
        if (view === undefined) return;
        event.preventDefault();
        navigate(formatHashRoute([view.id]));
        return;
      }
      if (event.key === '/' && !event.altKey && !event.ctrlKey && !event.metaKey && !isTyping(event.target)) {
        const field = document.querySelector<HTMLElement>('[data-shortcut="search"]');
        if (field === null) return;
        event.preventDefault();
        field.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [views]);
}
