import type { ProtocolHandlers } from '../../shared/protocol';

/**
 * The minimal port shape the host needs. Electron's MessagePortMain (in a utilityProcess) and
 * Node's worker MessagePort both fit it, so the host never imports electron.
 */
export interface PortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { readonly data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}

/** Where the host's configuration comes from; the desktop shell and serve mode both build one. */
export interface HostStartOptions {
  /** Command-line style arguments (`--data-dir`, `--mqtt-url`, `--no-demo`, ...). */
  readonly argv: ReadonlyArray<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Used when neither flag nor environment names a data directory (Electron's userData). */
  readonly defaultDataDir?: string;
  /** better-sqlite3 built for the running ABI (the desktop app passes its Electron build). */
  readonly sqliteNativeBinding?: string;
}

export interface RunningHost {
  readonly service: ProtocolHandlers;
  /** Serves the protocol over one port (a renderer window); returns a detach function. */
  attachPort(port: PortLike): () => void;
  stop(): Promise<void>;
}
