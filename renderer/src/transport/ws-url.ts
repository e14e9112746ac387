export const WEBSOCKET_PATH = '/ws';

/** The host serves the page and the protocol from one origin, so the socket follows the page's scheme. */
export function webSocketUrl(location: { readonly protocol: string; readonly host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WEBSOCKET_PATH}`;
}
