/**
 * Main's one service to the host beyond windows: sealing and opening secrets with Electron's
 * safeStorage (the OS keychain), which only main can reach. Written against small interfaces so it
 * is tested in plain Node; main passes the utility process and `safeStorage`. Secrets pass through
 * and are never logged.
 */
import type { SecretReply, SecretRequest } from './host/host-api';
import { SECRET_REPLY, SECRET_REQUEST } from './host/host-api';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** The part of Electron's UtilityProcess the bridge uses. */
export interface SecretChannel {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  postMessage(message: unknown): void;
}

function isRequest(message: unknown): message is SecretRequest {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Partial<SecretRequest>;
  return m.type === SECRET_REQUEST && typeof m.id === 'number' && (m.op === 'seal' || m.op === 'open') && typeof m.value === 'string';
}

export function answerSecret(request: SecretRequest, safe: SafeStorageLike): SecretReply {
  if (!safe.isEncryptionAvailable()) {
    return { type: SECRET_REPLY, id: request.id, ok: false, unavailable: true, error: 'safeStorage is not available on this system' };
  }
  try {
    const value = request.op === 'seal'
      ? safe.encryptString(request.value).toString('base64')
      : safe.decryptString(Buffer.from(request.value, 'base64'));
    return { type: SECRET_REPLY, id: request.id, ok: true, value };
  } catch {
    return { type: SECRET_REPLY, id: request.id, ok: false, unavailable: false, error: `safeStorage could not ${request.op} the value` };
  }
}

export function answerSecretRequests(child: SecretChannel, safe: SafeStorageLike): void {
  child.on('message', (message) => {
    if (isRequest(message)) child.postMessage(answerSecret(message, safe));
  });
}
