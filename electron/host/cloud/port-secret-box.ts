import type { SecretReply, SecretRequest } from '../host-api';
import { SECRET_REPLY, SECRET_REQUEST } from '../host-api';
import type { AsyncSecretBox } from './secret-box';
import { SecretBoxError, SecretBoxUnavailableError, unwrapSealed, wrapSealed } from './secret-box';

// The desktop app's secret box: the host asks main, over the utility process's parent port, to
// seal or open with Electron's safeStorage (electron/secret-bridge.ts answers). The host itself
// never imports electron.

export const SAFE_STORAGE_KIND = 'safe';
const TIMEOUT_MS = 10_000;

export interface ParentPortSender {
  postMessage(message: unknown): void;
}

interface Pending {
  readonly resolve: (value: string) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

function isReply(data: unknown): data is SecretReply {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === SECRET_REPLY && typeof (data as { id?: unknown }).id === 'number';
}

export class PortSecretBox implements AsyncSecretBox {
  readonly kind = SAFE_STORAGE_KIND;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly port: ParentPortSender,
    private readonly timeoutMs = TIMEOUT_MS,
  ) {}

  /** Takes a message from the parent port; true when it was a reply of ours. */
  handle(data: unknown): boolean {
    if (!isReply(data)) return false;
    const waiting = this.pending.get(data.id);
    if (!waiting) return true;
    this.pending.delete(data.id);
    clearTimeout(waiting.timer);
    if (data.ok) waiting.resolve(data.value);
    else waiting.reject(data.unavailable ? new SecretBoxUnavailableError(data.error) : new SecretBoxError(data.error));
    return true;
  }

  private request(op: SecretRequest['op'], value: string): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new SecretBoxUnavailableError('the desktop app did not answer a safeStorage request'));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      const request: SecretRequest = { type: SECRET_REQUEST, id, op, value };
      this.port.postMessage(request);
    });
  }

  async seal(plain: string): Promise<string> {
    return wrapSealed(this.kind, await this.request('seal', plain));
  }

  open(sealed: string): Promise<string> {
    return this.request('open', unwrapSealed(this.kind, sealed));
  }
}
