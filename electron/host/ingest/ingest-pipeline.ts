import type { RegistryEntry } from '../../../shared/fleet/registry';
import { parseRegistry } from '../../../shared/fleet/registry';
import type { ScoringEngine } from '../../../shared/scoring';
import type { FleetState } from '../fleet/fleet-state';
import type { ScoredReading } from '../../../shared/scoring';
import type { QuarantinedMessage, QuarantineLog, QuarantineReason } from './quarantine';
import { previewPayload } from './quarantine';
import { RateMeter } from './rate-meter';
import { payloadHash } from './payload-hash';
import { RecentPayloads } from './recent-payloads';
import { classifyTopic } from './topics';
import { READING_FLAG_CLOCK_SKEW, READING_FLAG_LATE } from '../store/reading-codec';
import type { PipelineMetrics } from '../service/pipeline-metrics';

/** AWS IoT Core's payload limit; a larger message is not a device reading. */
export const MAX_PAYLOAD_BYTES = 128 * 1024;
/** Recent message keys remembered per device to recognise an exact redelivery. */
const REDELIVERY_MEMORY = 32;
/** A reading stamped further ahead of the console's clock than this has a device clock that is wrong. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface IngestCounters {
  readonly received: number;
  readonly scored: number;
  readonly duplicates: number;
  readonly quarantined: number;
  readonly per_second: number;
  /** Readings older than their device's newest: stored and scored, flagged LATE. */
  readonly late: number;
  /** Readings stamped more than 5 minutes ahead of the console: stored and scored, flagged CLOCK_SKEW. */
  readonly clock_skew: number;
}

export interface IngestListener {
  /** `flags`: READING_FLAG_LATE / READING_FLAG_CLOCK_SKEW of the store's codec. */
  onReading?(reading: ScoredReading, receivedAtMs: number, flags: number): void;
  onRegistry?(entries: ReadonlyArray<RegistryEntry>): void;
}

/** Called once a message's outcome is kept: its reading or quarantine entry committed (error: it was not). */
export type StoredCallback = (error: Error | null) => void;

/** Where scored readings and quarantined messages are kept: the local store's writer. Both only queue. */
export interface IngestSink {
  addReading(reading: ScoredReading, receivedAtMs: number, done?: StoredCallback, flags?: number): void;
  addQuarantine(message: QuarantinedMessage, done?: StoredCallback): void;
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
  private readonly sink: IngestSink | null;
  private readonly rate = new RateMeter();
  private readonly recentPayloads = new Map<string, RecentPayloads>();
  private received = 0;
  private scored = 0;
  private duplicates = 0;
  private late = 0;
  private clockSkew = 0;
  private readonly metrics: PipelineMetrics | null;

  constructor(
    engine: ScoringEngine,
    fleet: FleetState<ScoredReading>,
    quarantine: QuarantineLog,
    listener: IngestListener = {},
    sink: IngestSink | null = null,
    metrics: PipelineMetrics | null = null,
  ) {
    this.metrics = metrics;
    this.engine = engine;
    this.fleet = fleet;
    this.quarantine = quarantine;
    this.listener = listener;
    this.sink = sink;
  }

  /**
   * Takes one message. The reading (or quarantine entry) is queued for the store and the call
   * returns at once; `settled` runs when it is committed, which is when a QoS 1 message may be
   * acknowledged. A message that needs no storage (a duplicate, the registry) settles at once.
   */
  handle(connection: string, topic: string, payload: Uint8Array, receivedAtMs: number, settled?: StoredCallback): void {
    this.received += 1;
    this.rate.add(receivedAtMs);
    this.metrics?.count('received', receivedAtMs);
    if (payload.byteLength > MAX_PAYLOAD_BYTES) {
      this.reject(connection, topic, payload, receivedAtMs, settled, 'PAYLOAD_TOO_LARGE', `payload is ${payload.byteLength} bytes; the limit is ${MAX_PAYLOAD_BYTES}`);
      return;
    }
    const route = classifyTopic(topic);
    if (route.kind === 'unknown') {
      this.reject(connection, topic, payload, receivedAtMs, settled, 'UNKNOWN_TOPIC', `topic ${JSON.stringify(topic)} is neither device data nor the registry`);
      return;
    }
    const text = (Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)).toString('utf8');
    if (route.kind === 'registry') {
      const parsed = parseRegistry(text);
      if (!parsed.ok) this.reject(connection, topic, payload, receivedAtMs, settled, 'INVALID_REGISTRY', parsed.message);
      else {
        // The usable entries are taken; the skipped ones are kept aside without holding the message.
        if (parsed.skipped.length > 0) this.reject(connection, topic, payload, receivedAtMs, undefined, 'INVALID_REGISTRY', parsed.skipped.join('; '));
        this.fleet.applyRegistry(parsed.entries);
        this.listener.onRegistry?.(parsed.entries);
        settled?.(null);
      }
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch (error) {
      this.reject(connection, topic, payload, receivedAtMs, settled, 'INVALID_JSON', `payload is not valid JSON: ${(error as Error).message}`);
      return;
    }
    if (typeof message === 'object' && message !== null && !Array.isArray(message)) {
      const claimed = (message as Record<string, unknown>).deviceId;
      if ((typeof claimed === 'string' || typeof claimed === 'number') && String(claimed) !== route.deviceId) {
        this.reject(connection, topic, payload, receivedAtMs, settled, 'TOPIC_MISMATCH', `topic names device ${JSON.stringify(route.deviceId)} but the payload says ${JSON.stringify(String(claimed))}`);
        return;
      }
    }
    if (this.isRedelivery(route.deviceId, message, payload)) {
      this.duplicates += 1;
      this.metrics?.count('duplicates', receivedAtMs);
      settled?.(null);
      return;
    }
    const outcome = this.engine.scoreMessage(message);
    if (!outcome.ok) {
      this.reject(connection, topic, payload, receivedAtMs, settled, outcome.error.code, outcome.error.message);
      return;
    }
    this.scored += 1;
    const reading = outcome.result;
    this.metrics?.count('scored', receivedAtMs);
    this.metrics?.lag(receivedAtMs - reading.timestamp_ms, receivedAtMs);
    let flags = 0;
    if (!this.fleet.applyReading(reading, receivedAtMs)) {
      flags |= READING_FLAG_LATE;
      this.late += 1;
    }
    if (reading.timestamp_ms - receivedAtMs > CLOCK_SKEW_MS) {
      flags |= READING_FLAG_CLOCK_SKEW;
      this.clockSkew += 1;
    }
    if (this.sink) this.sink.addReading(reading, receivedAtMs, settled, flags);
    else settled?.(null);
    this.listener.onReading?.(reading, receivedAtMs, flags);
  }

  /** Quarantines a message with its reason. A method, not a closure made per message: this is the hot path. */
  private reject(
    connection: string,
    topic: string,
    payload: Uint8Array,
    receivedAtMs: number,
    done: StoredCallback | undefined,
    reason: QuarantineReason,
    detail: string,
  ): void {
    const entry: QuarantinedMessage = {
      received_at: new Date(receivedAtMs).toISOString(),
      connection,
      topic,
      reason,
      detail,
      payload_preview: previewPayload(payload),
    };
    this.quarantine.add(entry);
    this.metrics?.count('quarantined', receivedAtMs);
    if (this.sink) this.sink.addQuarantine(entry, done);
    else done?.(null);
  }

  /** Same device, same timestamp and the very same bytes: the broker delivered it again. */
  private isRedelivery(deviceId: string, message: unknown, payload: Uint8Array): boolean {
    if (typeof message !== 'object' || message === null) return false;
    const stamp = (message as Record<string, unknown>).timestamp;
    if (typeof stamp !== 'string' && typeof stamp !== 'number') return false;
    let recent = this.recentPayloads.get(deviceId);
    if (recent === undefined) {
      recent = new RecentPayloads(REDELIVERY_MEMORY);
      this.recentPayloads.set(deviceId, recent);
    }
    return recent.seenBefore(stamp, payload.byteLength, payloadHash(payload));
  }

  counters(nowMs: number): IngestCounters {
    return {
      received: this.received,
      scored: this.scored,
      duplicates: this.duplicates,
      quarantined: this.quarantine.total(),
      per_second: this.rate.perSecond(nowMs),
      late: this.late,
      clock_skew: this.clockSkew,
    };
  }
}
