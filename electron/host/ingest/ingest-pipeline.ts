import type { RegistryEntry } from '../../../shared/fleet/registry';
import { parseRegistry } from '../../../shared/fleet/registry';
import type { ScoringEngine } from '../../../shared/scoring';
import type { FleetState } from '../fleet/fleet-state';
import type { ScoredReading } from '../../../shared/scoring';
import type { QuarantineLog, QuarantineReason } from './quarantine';
import { previewPayload } from './quarantine';
import { RateMeter } from './rate-meter';
import { payloadHash } from './payload-hash';
import { classifyTopic } from './topics';

/** AWS IoT Core's payload limit; a larger message is not a device reading. */
export const MAX_PAYLOAD_BYTES = 128 * 1024;
/** Recent message keys remembered per device to recognise an exact redelivery. */
const REDELIVERY_MEMORY = 32;

export interface IngestCounters {
  readonly received: number;
  readonly scored: number;
  readonly duplicates: number;
  readonly quarantined: number;
  readonly per_second: number;
}

export interface IngestListener {
  onReading?(reading: ScoredReading, receivedAtMs: number): void;
  onRegistry?(entries: ReadonlyArray<RegistryEntry>): void;
}

/**
 * receive → validate → score → fleet. Never throws on any payload: whatever cannot be scored is
 * quarantined with its reason, and an exact redelivery is counted as a duplicate.
 */
export class IngestPipeline {
  private readonly engine: ScoringEngine;
  private readonly fleet: FleetState<ScoredReading>;
  private readonly quarantine: QuarantineLog;
  private readonly listener: IngestListener;
  private readonly rate = new RateMeter();
  private readonly recentKeys = new Map<string, string[]>();
  private received = 0;
  private scored = 0;
  private duplicates = 0;

  constructor(engine: ScoringEngine, fleet: FleetState<ScoredReading>, quarantine: QuarantineLog, listener: IngestListener = {}) {
    this.engine = engine;
    this.fleet = fleet;
    this.quarantine = quarantine;
    this.listener = listener;
  }

  handle(connection: string, topic: string, payload: Uint8Array, receivedAtMs: number): void {
    this.received += 1;
    this.rate.add(receivedAtMs);
    const reject = (reason: QuarantineReason, detail: string): void => {
      this.quarantine.add({
        received_at: new Date(receivedAtMs).toISOString(),
        connection,
        topic,
        reason,
        detail,
        payload_preview: previewPayload(payload),
      });
    };
    if (payload.byteLength > MAX_PAYLOAD_BYTES) {
      reject('PAYLOAD_TOO_LARGE', `payload is ${payload.byteLength} bytes; the limit is ${MAX_PAYLOAD_BYTES}`);
      return;
    }
    const route = classifyTopic(topic);
    if (route.kind === 'unknown') {
      reject('UNKNOWN_TOPIC', `topic ${JSON.stringify(topic)} is neither device data nor the registry`);
      return;
    }
    const text = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8');
    if (route.kind === 'registry') {
      const parsed = parseRegistry(text);
      if (!parsed.ok) reject('INVALID_REGISTRY', parsed.message);
      else {
        if (parsed.skipped.length > 0) reject('INVALID_REGISTRY', parsed.skipped.join('; '));
        this.fleet.applyRegistry(parsed.entries);
        this.listener.onRegistry?.(parsed.entries);
      }
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch (error) {
      reject('INVALID_JSON', `payload is not valid JSON: ${(error as Error).message}`);
      return;
    }
    if (typeof message === 'object' && message !== null && !Array.isArray(message)) {
      const claimed = (message as Record<string, unknown>).deviceId;
      if ((typeof claimed === 'string' || typeof claimed === 'number') && String(claimed) !== route.deviceId) {
        reject('TOPIC_MISMATCH', `topic names device ${JSON.stringify(route.deviceId)} but the payload says ${JSON.stringify(String(claimed))}`);
        return;
      }
    }
    if (this.isRedelivery(route.deviceId, message, text)) {
      this.duplicates += 1;
      return;
    }
    const outcome = this.engine.scoreMessage(message);
    if (!outcome.ok) {
      reject(outcome.error.code, outcome.error.message);
      return;
    }
    this.scored += 1;
    const reading = outcome.result;
    this.fleet.applyReading(reading, receivedAtMs);
    this.listener.onReading?.(reading, receivedAtMs);
  }

  /** Same device, same timestamp and the very same bytes: the broker delivered it again. */
  private isRedelivery(deviceId: string, message: unknown, text: string): boolean {
    if (typeof message !== 'object' || message === null) return false;
    const stamp = (message as Record<string, unknown>).timestamp;
    if (typeof stamp !== 'string' && typeof stamp !== 'number') return false;
    const key = `${String(stamp)}|${text.length}|${payloadHash(text)}`;
    let keys = this.recentKeys.get(deviceId);
    if (!keys) {
      keys = [];
      this.recentKeys.set(deviceId, keys);
    }
    if (keys.includes(key)) return true;
    keys.push(key);
    if (keys.length > REDELIVERY_MEMORY) keys.shift();
    return false;
  }

  counters(nowMs: number): IngestCounters {
    return {
      received: this.received,
      scored: this.scored,
      duplicates: this.duplicates,
      quarantined: this.quarantine.total(),
      per_second: this.rate.perSecond(nowMs),
    };
  }
}
