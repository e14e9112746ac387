import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FleetState } from '../../../electron/host/fleet/fleet-state';
import { IngestPipeline } from '../../../electron/host/ingest/ingest-pipeline';
import type { IngestSink } from '../../../electron/host/ingest/ingest-pipeline';
import { QuarantineLog } from '../../../electron/host/ingest/quarantine';
import type { ScoredReading } from '../../../shared/scoring';
import { createScoringEngine } from '../../../shared/scoring';
import { createRng } from '../../../shared/simulator';

// The host never crashes on input: 100,000 hostile messages, and every one is accounted for.

const MESSAGES = 100_000;

function randomJson(rng: ReturnType<typeof createRng>, depth: number): unknown {
  const pick = Math.floor(rng.next() * 9);
  if (depth > 4 && pick > 5) return null;
  switch (pick) {
    case 0: return null;
    case 1: return rng.next() < 0.5;
    case 2: return [1e308, -1e308, 2 ** 53 + 1, -0, 1e-320, 123.456][Math.floor(rng.next() * 6)];
    case 3: return ['', 'DEV0001', '\u0000', '𝔉𝔦𝔯𝔢', '화재', '\ud800', 'x'.repeat(1000)][Math.floor(rng.next() * 7)];
    case 4: return Array.from({ length: Math.floor(rng.next() * 4) }, () => randomJson(rng, depth + 1));
    case 5: {
      const keys = ['deviceId', 'idx', 'status', 'volt', 'ct', 'pcbTemp', 'timestamp', 'aArc', '__proto__', 'constructor'];
      const out: Record<string, unknown> = {};
      // defineProperty, so that "__proto__" becomes an own key as JSON.parse would make it.
      for (let i = 0; i < Math.floor(rng.next() * 6); i += 1) {
        Object.defineProperty(out, keys[Math.floor(rng.next() * keys.length)] as string, { value: randomJson(rng, depth + 1), enumerable: true, configurable: true, writable: true });
      }
      return out;
    }
    default: return Math.floor(rng.next() * 1e6);
  }
}

function validMessage(rng: ReturnType<typeof createRng>, i: number): Record<string, unknown> {
  return {
    deviceId: `DEV${(i % 50).toString().padStart(4, '0')}`, idx: i, status: Math.floor(rng.next() * 8192), volt: 220 + rng.next() * 20,
    voltLow: 218, ct: rng.next() * 120, zct: rng.next() * 10, rzct: rng.next() * 10, pwr: rng.next() * 20, pcbTemp: rng.next() * 90,
    sensorTemp: rng.next() * 90, co: rng.next() * 30, voc: rng.next() * 600, pFct: rng.next(), aArc: Math.floor(rng.next() * 15),
    timestamp: 1772355600000 + i * 1000,
  };
}

function deepNesting(levels: number): string {
  return '['.repeat(levels) + ']'.repeat(levels);
}

test(`${MESSAGES.toLocaleString('en-US')} hostile messages: no throw, every message counted once`, () => {
  const rng = createRng(20260301);
  const fleet = new FleetState<ScoredReading>();
  const quarantine = new QuarantineLog(100);
  let stored = 0;
  let settled = 0;
  const sink: IngestSink = {
    addReading: (_r, _at, done) => {
      stored += 1;
      done?.(null);
    },
    addQuarantine: (_m, done) => done?.(null),
  };
  const pipeline = new IngestPipeline(createScoringEngine(), fleet, quarantine, {}, sink);
  const topics = ['fire-prediction/device/DEV0001/data', 'fire-prediction/registry', 'fire-prediction/device//data', 'x/y', '#', ''];
  let registryMessages = 0;
  for (let i = 0; i < MESSAGES; i += 1) {
    const kind = i % 10;
    let payload: Uint8Array;
    let topic: string;
    if (kind === 0) {
      payload = new Uint8Array(Array.from({ length: Math.floor(rng.next() * 300) }, () => Math.floor(rng.next() * 256)));
      topic = topics[Math.floor(rng.next() * topics.length)] as string;
    } else if (kind === 1) {
      payload = Buffer.from(deepNesting(1 + Math.floor(rng.next() * 20_000)));
      topic = 'fire-prediction/device/DEV0002/data';
    } else if (kind === 2) {
      payload = Buffer.alloc(128 * 1024 + 1 + Math.floor(rng.next() * 10), 0x20);
      topic = 'fire-prediction/device/DEV0003/data';
    } else if (kind < 6) {
      payload = Buffer.from(JSON.stringify(randomJson(rng, 0)) ?? 'undefined');
      topic = topics[Math.floor(rng.next() * topics.length)] as string;
    } else {
      const message = validMessage(rng, i);
      if (rng.next() < 0.3) message[['volt', 'ct', 'idx', 'timestamp', 'deviceId'][Math.floor(rng.next() * 5)] as string] = randomJson(rng, 3);
      payload = Buffer.from(JSON.stringify(message));
      const id = message.deviceId;
      topic = `fire-prediction/device/${typeof id === 'string' || typeof id === 'number' ? String(id) : 'DEV0004'}/data`;
    }
    if (topic === 'fire-prediction/registry') registryMessages += 1;
    assert.doesNotThrow(() => pipeline.handle('fuzz', topic, payload, 1772355600000 + i, () => { settled += 1; }));
  }
  const counters = pipeline.counters(1772355600000 + MESSAGES);
  assert.equal(counters.received, MESSAGES);
  assert.equal(settled, MESSAGES, 'every message settles exactly once, so every QoS 1 message gets its acknowledgement');
  assert.equal(counters.scored, stored);
  // Each message is scored, quarantined, a duplicate, or a registry message (an invalid registry is quarantined).
  const validRegistry = registryMessages - (quarantine.byReason().INVALID_REGISTRY ?? 0);
  assert.ok(counters.scored + counters.quarantined + counters.duplicates + Math.max(0, validRegistry) >= MESSAGES);
  assert.ok(counters.scored > 10_000, 'valid readings among the noise were scored');
  for (const reason of ['INVALID_JSON', 'INVALID_MESSAGE', 'PAYLOAD_TOO_LARGE', 'UNKNOWN_TOPIC', 'TOPIC_MISMATCH', 'INVALID_TYPE', 'MISSING_FIELD']) {
    assert.ok((quarantine.byReason()[reason] ?? 0) > 0, `${reason} was seen`);
  }
  assert.equal(quarantine.list(1000).length, 100, 'the quarantine list stays bounded');
});
