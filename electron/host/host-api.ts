import type { ProtocolHandlers } from '../../shared/protocol';
import type { AsyncSecretBox } from './cloud/secret-box';

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
  /** Seals secrets entered in settings; the desktop app passes main's safeStorage, serve mode uses a key file. */
  readonly secrets?: AsyncSecretBox;
}

export interface RunningHost {
  readonly service: ProtocolHandlers;
  /** Serves the protocol over one port (a renderer window); returns a detach function. */
  attachPort(port: PortLike): () => void;
  stop(): Promise<void>;
}

/** The host asks main to seal or open a secret with Electron's safeStorage (desktop app only). */
export const SECRET_REQUEST = 'secret-box';
export const SECRET_REPLY = 'secret-box-reply';

export interface SecretRequest {
  readonly type: typeof SECRET_REQUEST;
  readonly id: number;
  readonly op: 'seal' | 'open';
  /** seal: the secret; open: the base64 safeStorage gave back when sealing. */
  readonly value: string;
}

export type SecretReply = { readonly type: typeof SECRET_REPLY; readonly id: number } & (
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly unavailable: boolean; readonly error: string }
);
