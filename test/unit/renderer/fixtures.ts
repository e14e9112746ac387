import type { DeviceSummary, HealthResponse, RiskLevelName } from '../../../shared/protocol/api-types';

export function device(id: string, overrides: Partial<DeviceSummary> = {}): DeviceSummary {
  return {
    device_id: id,
    name: `Board ${id}`,
    zone: 'B1/F1',
    online: true,
    last_seen: '2026-03-01T09:00:00.000Z',
    risk_level: null,
    risk_score: null,
    status_bits: 0,
    temperature: 30,
    current: 5,
    ...overrides,
  };
}

export function scored(id: string, risk_level: RiskLevelName): DeviceSummary {
  return device(id, { risk_level, risk_score: 0.5 });
}

export const health: HealthResponse = {
  status: 'ok',
  uptime_s: 5,
  version: '0.1.0',
  reasons: [],
  mode: { demo: true, embedded_broker_url: null },
  connections: [],
  ingest: { received: 0, scored: 0, duplicates: 0, per_second: 0, late: 0, clock_skew: 0, lost_messages: 0, pending_acks: 0 },
  quarantine: { total: 0, by_reason: {} },
  store: { db_bytes: 0, readings: 0, oldest_reading: null },
  monitoring: { lost: false, reason: null, detail: null, since: '2026-03-01T00:00:00.000Z' },
};
