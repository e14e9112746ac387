// Secrets entered in settings (the cloud's secret access key) are kept sealed: settings.json holds
// `sealed:<box>:<data>`, and only the box that sealed a value can open it. In the desktop app the
// box is Electron's safeStorage (the OS keychain), which main offers the host over its port; in
// serve mode it is AES-256-GCM under a key file only the user can read. A sealed value, a secret
// and a key never reach a log.

export interface SecretBox {
  /** The box's name, written into every value it seals. */
  readonly kind: string;
  seal(plain: string): string;
  open(sealed: string): string;
}

/** The same operations where the box lives in another process (main's safeStorage). */
export interface AsyncSecretBox {
  readonly kind: string;
  seal(plain: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/** The box is there but cannot be used on this machine (no keychain): another box should seal. */
export class SecretBoxUnavailableError extends SecretBoxError {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxUnavailableError';
  }
}

const PREFIX = 'sealed:';

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** The name of the box that sealed `value`, or null when it is not sealed. */
export function sealedBy(value: string): string | null {
  if (!isSealed(value)) return null;
  const end = value.indexOf(':', PREFIX.length);
  return end < 0 ? null : value.slice(PREFIX.length, end);
}

export function wrapSealed(kind: string, data: string): string {
  return `${PREFIX}${kind}:${data}`;
}

/** The data part of a value sealed by `kind`. */
export function unwrapSealed(kind: string, value: string): string {
  const by = sealedBy(value);
  if (by === null) throw new SecretBoxError('the value is not sealed');
  if (by !== kind) throw new SecretBoxError(`the value was sealed by the ${by} box, not the ${kind} box; enter the secret again`);
  return value.slice(PREFIX.length + kind.length + 1);
}

export function asyncBox(box: SecretBox): AsyncSecretBox {
  return {
    kind: box.kind,
    seal: async (plain) => box.seal(plain),
    open: async (sealed) => box.open(sealed),
  };
}

/**
 * Seals with `primary` (safeStorage), or with `fallback` (the key file) when the primary cannot be
 * used here; opens with whichever box sealed the value.
 */
export function boxWithFallback(primary: AsyncSecretBox, fallback: AsyncSecretBox): AsyncSecretBox {
  return {
    kind: primary.kind,
    async seal(plain: string): Promise<string> {
      try {
        return await primary.seal(plain);
      } catch (error) {
        if (error instanceof SecretBoxUnavailableError) return fallback.seal(plain);
        throw error;
      }
    },
    open(sealed: string): Promise<string> {
      return sealedBy(sealed) === fallback.kind ? fallback.open(sealed) : primary.open(sealed);
    },
  };
}
