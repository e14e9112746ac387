import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gaugeDefinitions, gaugeFraction, gaugeLevel, gaugeValue, worstGaugeLevel } from '../../../renderer/src/model/gauges';
import { DEFAULT_SCORING_VIEW } from '../../../renderer/src/state/scoring-slice';
import { sparklinePath, sparklineRange } from '../../../renderer/src/model/sparkline';
import { feedState, isDataStale, newestReadingAt } from '../../../renderer/src/model/staleness';
import { TrendRing } from '../../../renderer/src/model/trend-ring';
import { TrendBook } from '../../../renderer/src/state/trends';
import { shownForecastStatus } from '../../../renderer/src/model/forecast';
import { device } from './fixtures';

const GAUGES = gaugeDefinitions(DEFAULT_SCORING_VIEW.thresholds);

describe('gauges', () => {
  it('grade a measure against the engine threshold, power factor the other way round', () => {
    assert.equal(gaugeLevel(GAUGES.temperature, 35), 'ok');
    assert.equal(gaugeLevel(GAUGES.temperature, 52), 'warn');
    assert.equal(gaugeLevel(GAUGES.temperature, 61), 'alarm');
    assert.equal(gaugeLevel(GAUGES.leakage, 8), 'warn', 'at the threshold is not past it');
    assert.equal(gaugeLevel(GAUGES.leakage, 8.1), 'alarm');
    assert.equal(gaugeLevel(GAUGES.power_factor, 0.97), 'ok');
    assert.equal(gaugeLevel(GAUGES.power_factor, 0.91), 'warn');
    assert.equal(gaugeLevel(GAUGES.power_factor, 0.82), 'alarm');
    assert.equal(gaugeLevel(GAUGES.co, null), 'none');
    assert.equal(gaugeLevel(GAUGES.co, Number.NaN), 'none');
  });

  it('place a value on the scale, clamped', () => {
    assert.equal(gaugeFraction(GAUGES.temperature, 50), 0.5);
    assert.equal(gaugeFraction(GAUGES.temperature, 150), 1);
    assert.equal(gaugeFraction(GAUGES.temperature, -20), 0);
    assert.equal(gaugeFraction(GAUGES.power_factor, 0.75), 0.5);
  });

  it('read the summary, and name the worst', () => {
    const d = device('A', { temperature: 40, current: 120, readings: { voltage: 220, pcb_temperature: 38, sensor_temperature: 40, leakage_current: 1, co: 2, voc: 100, power_factor: 0.95, arc_count: 0 } });
    assert.equal(gaugeValue(d, 'current'), 120);
    assert.equal(gaugeValue(d, 'voc'), 100);
    assert.equal(gaugeValue(device('B'), 'voc'), null, 'a host without readings in its summaries');
    assert.equal(worstGaugeLevel(d, GAUGES), 'alarm');
    assert.equal(worstGaugeLevel(device('B', { temperature: null, current: null }), GAUGES), 'none');
  });
});

describe('sparklines and trend rings', () => {
  it('keep the newest values in order within their capacity', () => {
    const ring = new TrendRing(3);
    for (const v of [1, 2, 3, 4, 5]) ring.push(v);
    assert.deepEqual(ring.toArray(), [3, 4, 5]);
    assert.equal(ring.length, 3);
  });

  it('draw the newest value at the right edge, the highest at the top', () => {
    const range = sparklineRange([10, 20], 2);
    assert.deepEqual(range, { min: 10, max: 20 });
    assert.equal(sparklinePath([10, 20], 100, 10, range, 3), 'M50 10L100 0');
    assert.deepEqual(sparklineRange([5, 5.5], 2), { min: 4.25, max: 6.25 }, 'a steady value sits mid-height');
    assert.equal(sparklinePath([1, Number.NaN, 3], 20, 10, { min: 0, max: 4 }), 'M0 7.5M20 2.5');
    assert.equal(sparklinePath([], 20, 10, null), '');
  });

  it('record a reading once, however often its summary is pushed, and sample zones at most every 5 s', () => {
    const book = new TrendBook();
    const a = device('A', { temperature: 30, last_seen: '2026-03-01T10:00:00.000Z', zone: 'Z' });
    book.record(a);
    book.record({ ...a });
    book.record({ ...a, temperature: 31, last_seen: '2026-03-01T10:00:02.000Z' });
    assert.deepEqual(book.values('A'), [30, 31]);
    const now = Date.parse('2026-03-01T10:00:03.000Z');
    const b = device('B', { temperature: 50, last_seen: '2026-03-01T10:00:02.000Z', zone: 'Z' });
    const old = device('C', { temperature: 90, last_seen: '2026-03-01T09:00:00.000Z', zone: 'Z' });
    assert.equal(book.sampleZones([a, b, old], now), true);
    assert.equal(book.sampleZones([a, b], now + 1000), false);
    assert.deepEqual(book.zone('Z'), { mean: [40], max: [50] }, 'a silent board does not count as the room now');
    book.forget('A');
    assert.deepEqual(book.values('A'), []);
  });
});

describe('staleness', () => {
  it('finds the newest reading of the fleet', () => {
    assert.equal(newestReadingAt([device('A', { last_seen: '2026-03-01T10:00:00.000Z' }), device('B', { last_seen: '2026-03-01T10:00:05.000Z' }), device('C', { last_seen: null })]), Date.parse('2026-03-01T10:00:05.000Z'));
    assert.equal(newestReadingAt([]), null);
  });

  it('calls the feed slow after 20 s and stopped after a minute', () => {
    assert.equal(feedState(null, 0), 'none');
    assert.equal(feedState(0, 19_999), 'fresh');
    assert.equal(feedState(0, 20_000), 'slow');
    assert.equal(feedState(0, 60_000), 'stopped');
  });

  it('marks data stale when the link is not live, monitoring is lost or the feed stopped', () => {
    assert.equal(isDataStale('live', false, 'fresh'), false);
    assert.equal(isDataStale('stale', false, 'fresh'), true);
    assert.equal(isDataStale('live', true, 'fresh'), true);
    assert.equal(isDataStale('live', false, 'stopped'), true);
    assert.equal(isDataStale('live', false, 'slow'), false);
  });
});

describe('forecasts on the device page', () => {
  it('calls a trend rising only when it crosses within a day with a fit worth the name', () => {
    assert.equal(shownForecastStatus({ status: 'RISING', minutes_to_threshold: 7, confidence: 0.9 }), 'RISING');
    assert.equal(shownForecastStatus({ status: 'RISING', minutes_to_threshold: 69_236, confidence: 0.9 }), 'NOT_RISING');
    assert.equal(shownForecastStatus({ status: 'RISING', minutes_to_threshold: 30, confidence: 0.05 }), 'NOT_RISING');
    assert.equal(shownForecastStatus({ status: 'ABOVE', minutes_to_threshold: 0, confidence: 0.9 }), 'ABOVE');
    assert.equal(shownForecastStatus({ status: 'INSUFFICIENT_DATA', minutes_to_threshold: null, confidence: 0 }), 'INSUFFICIENT_DATA');
  });
});

describe('sparklines seeded from stored history', () => {
  it('are seeded once per device, and only with more than arrived live', () => {
    const book = new TrendBook();
    assert.equal(book.claimSeed('A'), true);
    assert.equal(book.claimSeed('A'), false, 'once');
    book.record(device('A', { temperature: 40, last_seen: '2026-03-01T10:00:10.000Z' }));
    book.seed('A', [30, 31, Number.NaN, 32]);
    assert.deepEqual(book.values('A'), [30, 31, 32]);
    book.record(device('A', { temperature: 33, last_seen: '2026-03-01T10:00:12.000Z' }));
    assert.deepEqual(book.values('A'), [30, 31, 32, 33], 'live readings carry on after the seed');
    book.seed('A', [1]);
    assert.deepEqual(book.values('A'), [30, 31, 32, 33], 'a shorter history does not replace what is there');
  });
});
