import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ConnectionSettings } from '../config/settings';

/** What the set needs of a connection: the MqttConnection's lifecycle. */
export interface ManagedConnection {
  readonly id: string;
  start(): void;
  stop(): Promise<void>;
}

/** What a change of the connection settings did. */
export interface ConnectionChanges {
  readonly started: ReadonlyArray<string>;
  readonly restarted: ReadonlyArray<string>;
  readonly stopped: ReadonlyArray<string>;
  readonly unchanged: ReadonlyArray<string>;
}

/** Files a connection reads when it connects: a new password or certificate under the same name is a change. */
const FILE_FIELDS = ['password_file', 'ca_file', 'cert_file', 'key_file'] as const;

/**
 * Everything that decides how a connection connects, including the contents of the files it names.
 * A file that cannot be read counts as changed every time, so the connection is retried (and its
 * error shown) rather than left running on what it read before.
 */
export function connectionFingerprint(settings: ConnectionSettings): string {
  const hash = createHash('sha256').update(JSON.stringify(settings));
  for (const field of FILE_FIELDS) {
    const file = settings[field];
    if (typeof file !== 'string') continue;
    try {
      hash.update(`\u0000${field}\u0000`).update(readFileSync(file));
    } catch {
      hash.update(`\u0000${field}\u0000unreadable ${Date.now()} ${Math.random()}`);
    }
  }
  return hash.digest('hex');
}

interface Entry<C extends ManagedConnection> {
  readonly connection: C;
  readonly fingerprint: string;
}

/**
 * The broker connections the console runs, changed while it runs: a connection whose settings (or
 * whose password or certificate files) are unchanged keeps running with its session and its held
 * acknowledgements; a changed one is stopped and started again; a removed one stops. `live` is one
 * array, changed in place, so whoever reads it (health, monitoring, alarm sharing) sees the set in
 * effect.
 */
export class ConnectionSet<C extends ManagedConnection> {
  readonly live: C[] = [];
  private readonly entries = new Map<string, Entry<C>>();
  /** One change at a time: a second waits for the first to have stopped what it stops. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly create: (settings: ConnectionSettings) => C,
    private readonly onChange: (live: ReadonlyArray<C>) => void = () => {},
  ) {}

  /** Starts a connection that no settings change will touch (the demo's embedded broker). */
  startFixed(settings: ConnectionSettings): C {
    const connection = this.create(settings);
    this.live.push(connection);
    connection.start();
    return connection;
  }

  /** Makes the managed connections those of `settings`. */
  apply(settings: ReadonlyArray<ConnectionSettings>): Promise<ConnectionChanges> {
    const next = this.queue.then(() => this.applyNow(settings));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async applyNow(settings: ReadonlyArray<ConnectionSettings>): Promise<ConnectionChanges> {
    const wanted = new Map(settings.map((s) => [s.id, { settings: s, fingerprint: connectionFingerprint(s) }]));
    const started: string[] = [];
    const restarted: string[] = [];
    const stopped: string[] = [];
    const unchanged: string[] = [];
    const stopping: Array<Promise<void>> = [];
    for (const [id, entry] of this.entries) {
      const want = wanted.get(id);
      if (want !== undefined && want.fingerprint === entry.fingerprint) continue;
      this.entries.delete(id);
      this.remove(entry.connection);
      stopping.push(entry.connection.stop());
      (want === undefined ? stopped : restarted).push(id);
    }
    // The old session must be closed before a new one takes the same client id.
    await Promise.all(stopping);
    const failed: string[] = [];
    for (const [id, want] of wanted) {
      if (this.entries.has(id)) {
        unchanged.push(id);
        continue;
      }
      // One connection that cannot start (a certificate gone since it was checked) stops only itself.
      try {
        const connection = this.create(want.settings);
        connection.start();
        this.entries.set(id, { connection, fingerprint: want.fingerprint });
        this.live.push(connection);
        if (!restarted.includes(id)) started.push(id);
      } catch (error) {
        failed.push(`${id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (started.length + restarted.length + stopped.length > 0) this.onChange(this.live);
    if (failed.length > 0) throw new Error(`could not start connection ${failed.join('; ')}`);
    return { started, restarted, stopped, unchanged };
  }

  /** Stops every connection, the fixed ones too. */
  async stopAll(): Promise<void> {
    const all = [...this.live];
    this.live.length = 0;
    this.entries.clear();
    await Promise.all(all.map((c) => c.stop()));
  }

  private remove(connection: C): void {
    const at = this.live.indexOf(connection);
    if (at >= 0) this.live.splice(at, 1);
  }
}
