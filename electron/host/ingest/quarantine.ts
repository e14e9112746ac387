/** Reasons a message is kept aside instead of scored: the scoring engine's and the ingest's own. */
export type QuarantineReason =
  | 'INVALID_JSON'
  | 'INVALID_MESSAGE'
  | 'MISSING_FIELD'
  | 'INVALID_TYPE'
  | 'INVALID_TIMESTAMP'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOPIC_MISMATCH'
  | 'UNKNOWN_TOPIC'
  | 'INVALID_REGISTRY'
  // A station message on fire-prediction/alerts/+/events that was refused (shared/alarms station-messages).
  | 'MALFORMED'
  | 'UNSIGNED'
  | 'BAD_SIGNATURE'
  | 'UNSUPPORTED_VERSION'
  | 'STALE'
  | 'FUTURE';

export interface QuarantinedMessage {
  readonly received_at: string;
  readonly connection: string;
  readonly topic: string;
  readonly reason: QuarantineReason;
  readonly detail: string;
  readonly payload_preview: string;
}

export const PAYLOAD_PREVIEW_BYTES = 512;

export function previewPayload(payload: Uint8Array): string {
  const slice = payload.subarray(0, PAYLOAD_PREVIEW_BYTES);
  const text = Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength).toString('utf8');
  return payload.byteLength > PAYLOAD_PREVIEW_BYTES ? `${text}…` : text;
}

/**
 * Keeps the most recent quarantined messages for inspection and counts every one by reason.
 * Memory is bounded; the counts are exact.
 */
export class QuarantineLog {
  private readonly capacity: number;
  private readonly recent: QuarantinedMessage[] = [];
  private readonly counts = new Map<QuarantineReason, number>();
  private totalCount = 0;

  constructor(capacity = 1000) {
    this.capacity = capacity;
  }

  add(message: QuarantinedMessage): void {
    this.totalCount += 1;
    this.counts.set(message.reason, (this.counts.get(message.reason) ?? 0) + 1);
    this.recent.push(message);
    if (this.recent.length > this.capacity) this.recent.splice(0, this.recent.length - this.capacity);
  }

  total(): number {
    return this.totalCount;
  }

  byReason(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.counts);
  }

  /** Newest first. */
  list(limit: number): ReadonlyArray<QuarantinedMessage> {
    return this.recent.slice(-Math.max(0, limit)).reverse();
  }
}
