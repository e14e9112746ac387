import type { StoreApi } from 'zustand';
import type { ConsoleState } from '../state/console-state';
import { createStoreSink } from '../state/store-sink';
import type { ChannelSource } from './channel-source';
import { startLinkSession } from './link-session';
import { createMessagePortSource } from './messageport-channel';
import { createWebSocketSource } from './websocket-channel';
import { webSocketUrl } from './ws-url';

/** A half-open socket (a dead network path the browser has not noticed) is given up after this much silence. */
const CLOSE_SILENT_SOCKET_AFTER_MS = 30_000;

interface DesktopMarker {
  readonly emberwatchDesktop?: { readonly isDesktop?: unknown };
}

/** The desktop shell's preload marks the page; a plain browser page has no marker. */
export function isDesktopShell(win: Window): boolean {
  return (win as Window & DesktopMarker).emberwatchDesktop?.isDesktop === true;
}

/** The one place that knows two transports exist: chosen once, at start-up. */
export function chooseChannelSource(win: Window): ChannelSource {
  return isDesktopShell(win) ? createMessagePortSource(win) : createWebSocketSource(webSocketUrl(win.location));
}

export function connectConsole(win: Window, store: StoreApi<ConsoleState>): () => void {
  const source = chooseChannelSource(win);
  return startLinkSession(source, createStoreSink(store), {
    closeSilentAfterMs: source.reopensOnClose ? CLOSE_SILENT_SOCKET_AFTER_MS : null,
    onUndecodable: (data) => console.warn('Dropped a message from the host that could not be read', data),
    onProblem: (what, error) => console.warn(`Host link: ${what}`, error),
  });
}
