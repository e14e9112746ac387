import { parseEpochMillis, parseIsoTimestamp } from './timestamp';
import type { TimestampParse } from './timestamp';
import type { NormalizedReading, ScoreError, ScoreErrorCode } from './types';

// Device messages come in two spellings: the device's own (`ct`, `zct`, `aArc` …) and the one the
// IoT rule's SELECT produces (`current`, `leakage_current`, `arc_count` …). When a message carries
// both, the device spelling is the one read, and it must be valid.

export type NormalizeOutcome =
  | { readonly ok: true; readonly reading: NormalizedReading }
  | { readonly ok: false; readonly error: ScoreError };

type FieldKind = 'id' | 'count' | 'measure';

interface FieldSpec {
  readonly device: string;
  readonly rule: string | undefined;
  readonly kind: FieldKind;
}

/** Checked in this order; the first problem found is the one reported. */
const FIELD_SPECS: ReadonlyArray<FieldSpec> = [
  { device: 'deviceId', rule: undefined, kind: 'id' },
  { device: 'idx', rule: undefined, kind: 'count' },
  { device: 'status', rule: undefined, kind: 'count' },
  { device: 'volt', rule: undefined, kind: 'measure' },
  { device: 'voltLow', rule: undefined, kind: 'measure' },
  { device: 'ct', rule: 'current', kind: 'measure' },
  { device: 'zct', rule: 'leakage_current', kind: 'measure' },
  { device: 'rzct', rule: 'resistive_leakage', kind: 'measure' },
  { device: 'pwr', rule: 'power', kind: 'measure' },
  { device: 'pcbTemp', rule: undefined, kind: 'measure' },
  { device: 'sensorTemp', rule: undefined, kind: 'measure' },
  { device: 'co', rule: undefined, kind: 'measure' },
  { device: 'voc', rule: undefined, kind: 'measure' },
  { device: 'pFct', rule: 'power_factor', kind: 'measure' },
  { device: 'aArc', rule: 'arc_count', kind: 'count' },
];

/** AWS IoT thing names are at most 128 characters; anything longer is not a device id. */
const MAX_DEVICE_ID_LENGTH = 128;

const NUMERIC_TEXT = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

function makeError(code: ScoreErrorCode, message: string, field?: string): ScoreError {
  return field === undefined ? { code, message } : { code, message, field };
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string': {
      const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
      return NUMERIC_TEXT.test(value) ? `the numeric string ${shown}` : `the string ${shown}`;
    }
    case 'number':
      return String(value);
    case 'boolean':
      return `the boolean ${value}`;
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isMeasure(value: unknown): value is number {
  return typeof value === 'number' && value - value === 0;
}

function isDeviceIdText(value: string): boolean {
  return value.length > 0 && value.length <= MAX_DEVICE_ID_LENGTH && value.trim().length > 0;
}

function checkTimestamp(value: unknown): TimestampParse | ScoreError {
  if (typeof value === 'string') return parseIsoTimestamp(value);
  if (typeof value === 'number') return parseEpochMillis(value);
  return makeError(
    'INVALID_TYPE',
    `field 'timestamp' must be an ISO-8601 string or epoch milliseconds, got ${describeValue(value)}`,
    'timestamp',
  );
}

function pick(message: Readonly<Record<string, unknown>>, spec: FieldSpec): { readonly name: string; readonly value: unknown } {
  const own = message[spec.device];
  if (own !== undefined || spec.rule === undefined) return { name: spec.device, value: own };
  return { name: spec.rule, value: message[spec.rule] };
}

/** Finds the first problem of a message the fast path refused, field by field in table order. */
function diagnose(message: Readonly<Record<string, unknown>>): ScoreError {
  for (const spec of FIELD_SPECS) {
    const { name, value } = pick(message, spec);
    if (value === undefined) {
      const alias = spec.rule === undefined ? '' : ` (or '${spec.rule}')`;
      return makeError('MISSING_FIELD', `missing field '${spec.device}'${alias}`, spec.device);
    }
    if (spec.kind === 'id') {
      if (typeof value === 'string' ? isDeviceIdText(value) : isCount(value)) continue;
      const expected =
        typeof value === 'string'
          ? `a non-blank string of at most ${MAX_DEVICE_ID_LENGTH} characters`
          : 'a non-blank string or a non-negative integer';
      return makeError('INVALID_TYPE', `field '${name}' must be ${expected}, got ${describeValue(value)}`, name);
    }
    if (spec.kind === 'count') {
      if (isCount(value)) continue;
      return makeError('INVALID_TYPE', `field '${name}' must be a non-negative integer, got ${describeValue(value)}`, name);
    }
    if (isMeasure(value)) continue;
    return makeError('INVALID_TYPE', `field '${name}' must be a finite number, got ${describeValue(value)}`, name);
  }
  const timestamp = message['timestamp'];
  if (timestamp === undefined) return makeError('MISSING_FIELD', "missing field 'timestamp'", 'timestamp');
  const parsed = checkTimestamp(timestamp);
  if ('code' in parsed) return parsed;
  if (!parsed.ok) {
    return makeError(
      'INVALID_TIMESTAMP',
      `field 'timestamp' is not a usable time: ${parsed.reason} (expected ISO-8601 or epoch milliseconds)`,
      'timestamp',
    );
  }
  const verify = message['verifySts'];
  if (verify !== undefined && !isCount(verify)) {
    return makeError('INVALID_TYPE', `field 'verifySts' must be a non-negative integer, got ${describeValue(verify)}`, 'verifySts');
  }
  // Only reachable if the fast path and this walk disagree; say so rather than score.
  return makeError('INVALID_MESSAGE', 'message could not be read');
}

function describeTop(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** A reading being filled in; the engine keeps one and reuses it for every message. */
export type MutableReading = { -readonly [K in keyof NormalizedReading]: NormalizedReading[K] };

export function createReadingScratch(): MutableReading {
  return {
    device_id: '',
    idx: 0,
    timestamp: '',
    timestamp_ms: 0,
    status_bits: 0,
    verify_status: undefined,
    voltage: 0,
    voltage_low: 0,
    current: 0,
    leakage_current: 0,
    resistive_leakage: 0,
    power: 0,
    pcb_temperature: 0,
    sensor_temperature: 0,
    co: 0,
    voc: 0,
    power_factor: 0,
    arc_count: 0,
  };
}

/**
 * Reads a parsed device message into `into`, or says why it cannot be scored (and then `into`
 * holds no meaning). Never throws: anything unexpected (a getter that throws, a proxy) is
 * reported as INVALID_MESSAGE.
 */
export function readMessageInto(message: unknown, into: MutableReading): ScoreError | undefined {
  try {
    if (message === null || typeof message !== 'object' || Array.isArray(message)) {
      return makeError('INVALID_MESSAGE', `message is not a JSON object (got ${describeTop(message)})`);
    }
    return readFast(message as Readonly<Record<string, unknown>>, into);
  } catch {
    return makeError('INVALID_MESSAGE', 'message could not be read as a device message');
  }
}

/** Turns a parsed device message into a reading, or says why it cannot be scored. Never throws. */
export function normalizeMessage(message: unknown): NormalizeOutcome {
  const reading = createReadingScratch();
  const error = readMessageInto(message, reading);
  return error === undefined ? { ok: true, reading } : { ok: false, error };
}

// Plain property reads, in one function, keep V8's inline caches monomorphic per spelling: this
// runs for every reading, so it is written out rather than driven by FIELD_SPECS.
function readFast(m: Readonly<Record<string, unknown>>, into: MutableReading): ScoreError | undefined {
  const rawId = m['deviceId'];
  let deviceId: string;
  if (typeof rawId === 'string' && isDeviceIdText(rawId)) deviceId = rawId;
  else if (isCount(rawId)) deviceId = String(rawId);
  else return diagnose(m);

  const idx = m['idx'];
  const status = m['status'];
  const volt = m['volt'];
  const voltLow = m['voltLow'];
  let current = m['ct'];
  if (current === undefined) current = m['current'];
  let leakage = m['zct'];
  if (leakage === undefined) leakage = m['leakage_current'];
  let resistive = m['rzct'];
  if (resistive === undefined) resistive = m['resistive_leakage'];
  let power = m['pwr'];
  if (power === undefined) power = m['power'];
  const pcbTemp = m['pcbTemp'];
  const sensorTemp = m['sensorTemp'];
  const co = m['co'];
  const voc = m['voc'];
  let powerFactor = m['pFct'];
  if (powerFactor === undefined) powerFactor = m['power_factor'];
  let arcs = m['aArc'];
  if (arcs === undefined) arcs = m['arc_count'];
  const verify = m['verifySts'];
  if (
    !isCount(idx) ||
    !isCount(status) ||
    !isMeasure(volt) ||
    !isMeasure(voltLow) ||
    !isMeasure(current) ||
    !isMeasure(leakage) ||
    !isMeasure(resistive) ||
    !isMeasure(power) ||
    !isMeasure(pcbTemp) ||
    !isMeasure(sensorTemp) ||
    !isMeasure(co) ||
    !isMeasure(voc) ||
    !isMeasure(powerFactor) ||
    !isCount(arcs) ||
    (verify !== undefined && !isCount(verify))
  ) {
    return diagnose(m);
  }
  const rawTime = m['timestamp'];
  let time: TimestampParse;
  if (typeof rawTime === 'string') time = parseIsoTimestamp(rawTime);
  else if (typeof rawTime === 'number') time = parseEpochMillis(rawTime);
  else return diagnose(m);
  if (!time.ok) return diagnose(m);

  into.device_id = deviceId;
  into.idx = idx;
  into.timestamp = time.iso;
  into.timestamp_ms = time.ms;
  into.status_bits = status;
  into.verify_status = verify as number | undefined;
  into.voltage = volt;
  into.voltage_low = voltLow;
  into.current = current;
  into.leakage_current = leakage;
  into.resistive_leakage = resistive;
  into.power = power;
  into.pcb_temperature = pcbTemp;
  into.sensor_temperature = sensorTemp;
  into.co = co;
  into.voc = voc;
  into.power_factor = powerFactor;
  into.arc_count = arcs;
  return undefined;
}
