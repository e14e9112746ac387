import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SecretBox } from './secret-box';
import { SecretBoxError, unwrapSealed, wrapSealed } from './secret-box';

// Serve mode's secret box: AES-256-GCM under a random 256-bit key kept in `secret.key` in the data
// directory, created readable and writable by the user only (0600). Each value gets its own 96-bit
// nonce; the tag makes a changed or truncated value fail to open rather than open wrong.

export const SECRET_KEY_FILE = 'secret.key';
export const FILE_BOX_KIND = 'file';

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const OWNER_ONLY = 0o600;

function readKey(file: string): Buffer {
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new SecretBoxError(`${file} does not hold a ${KEY_BYTES}-byte key`);
  return key;
}

/** Loads the key, making it on first use; tightens a key file others could read. */
export function loadOrCreateKey(file: string): Buffer {
  try {
    const key = readKey(file);
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, OWNER_ONLY);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(KEY_BYTES);
  let fd: number;
  try {
    // 'wx': never overwrite a key another process made in the meantime; that one wins.
    fd = openSync(file, 'wx', OWNER_ONLY);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readKey(file);
    throw error;
  }
  try {
    writeSync(fd, `${key.toString('base64')}\n`);
  } finally {
    closeSync(fd);
  }
  return key;
}

export class FileSecretBox implements SecretBox {
  readonly kind = FILE_BOX_KIND;
  private key: Buffer | null = null;

  constructor(private readonly keyFile: string) {}

  static inDataDir(dataDir: string): FileSecretBox {
    return new FileSecretBox(join(dataDir, SECRET_KEY_FILE));
  }

  private theKey(): Buffer {
    if (this.key === null) this.key = loadOrCreateKey(this.keyFile);
    return this.key;
  }

  seal(plain: string): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.theKey(), nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return wrapSealed(this.kind, Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64'));
  }

  open(sealed: string): string {
    const data = Buffer.from(unwrapSealed(this.kind, sealed), 'base64');
    if (data.length < NONCE_BYTES + TAG_BYTES) throw new SecretBoxError('the sealed value is too short');
    const decipher = createDecipheriv('aes-256-gcm', this.theKey(), data.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(data.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(data.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      // Never echo the data: say what is wrong, not what it was.
      throw new SecretBoxError(`the sealed value does not open with ${this.keyFile} (another key, or changed); enter the secret again`);
    }
  }
}
