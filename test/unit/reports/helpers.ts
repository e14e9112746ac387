import type { ScoredReading } from '../../../shared/scoring';
import type { Harness } from '../host/alarms/helpers';
import { reading, SECOND, T0 } from '../host/alarms/helpers';

/** Status bit 7: the sensor temperature alarm. */
export const SENSOR_TEMP_ALARM = 128;
export const DEVICE = 'DEV0001';

/**
 * The temperature of the overheating device `s` seconds after T0: ten minutes of slow heating
 * (32 → 48 °C, long enough for the analytics' one-minute trend fit to predict the 60 °C threshold),
 * a one-minute jump to 75 °C, a minute hot, a one-minute fall.
 */
export function overheatTemperature(s: number): number {
  if (s < 20) return 32;
  if (s < 620) return 32 + ((s - 20) / 600) * 16;
  if (s < 680) return 48 + ((s - 620) / 60) * 27;
  if (s < 740) return 75;
  if (s < 800) return 75 - ((s - 740) / 60) * 43;
  return 32;
}

/** When the operator acknowledges (the device is hot) and when the run ends. */
export const ACK_AT_S = 700;
export const LAST_S = 860;

export function overheatReading(s: number): ScoredReading {
  const temperature = overheatTemperature(s);
  const level: ScoredReading['risk_level'] = temperature > 60 ? 'CRITICAL' : temperature > 50 ? 'HIGH' : temperature > 40 ? 'MEDIUM' : 'NORMAL';
  const base = reading({
    device: DEVICE,
    at: T0 + s * SECOND,
    level,
    score: Math.min(0.99, Math.max(0.05, (temperature - 30) / 45)),
    status: temperature > 60 ? SENSOR_TEMP_ALARM : 0,
    temperature,
  });
  return { ...base, pcb_temperature: temperature - 4, current: 40 + (temperature - 32) * 0.5 };
}

/**
 * Drives the alarm service with the readings of one overheating device (written to the store as
 * ingest would), an operator acknowledging with a Korean comment while it is hot, and a reset if a
 * latched point stays after it cooled. Returns the time the last reading was taken.
 */
export async function runOverheatingEpisode(h: Harness): Promise<number> {
  h.service.hello({ station: 'desk-1' });
  let last = T0;
  for (let s = 0; s <= LAST_S; s += 2) {
    const r = overheatReading(s);
    h.clock.now = r.timestamp_ms + 40;
    h.store.writer.addReading(r, r.timestamp_ms + 40);
    h.service.observeReading(r, r.timestamp_ms + 40, { zone: 'B1/F2', newestTs: r.timestamp_ms });
    await h.settle();
    if (s === ACK_AT_S) {
      for (const alarm of h.service.allRecords()) {
        if (alarm.state === 'unacknowledged') await h.service.act('acknowledge', { id: alarm.id, operator: 'kim', station: 'desk-1', comment: '현장 확인 중: 분전반 냉각' });
      }
    }
    last = r.timestamp_ms;
  }
  await h.settle();
  for (const alarm of h.service.allRecords()) {
    if (alarm.state === 'rtn_unacknowledged') await h.service.act('acknowledge', { id: alarm.id, operator: 'lee', station: 'desk-1', comment: 'cooled down' });
  }
  await h.settle();
  for (const alarm of h.service.allRecords()) {
    if (alarm.state !== 'normal') await h.service.act('reset', { id: alarm.id, operator: 'park', station: 'desk-1', comment: 'latched point reset after inspection' });
  }
  await h.settle();
  return last;
}
