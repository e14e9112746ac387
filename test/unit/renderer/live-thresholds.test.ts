import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gaugeDefinitions, gaugeLevel, worstGaugeLevel } from '../../../renderer/src/model/gauges';
import { chartPanels } from '../../../renderer/src/model/history-series';
import { isZoneHeating } from '../../../renderer/src/model/overview';
import { zonePanel } from '../../../renderer/src/model/zone-trends';
import { DEFAULT_SCORING_VIEW } from '../../../renderer/src/state/scoring-slice';
import { createStoreSink } from '../../../renderer/src/state/store-sink';
import { createConsoleStore } from '../../../renderer/src/state/store';
import type { LinkSink } from '../../../renderer/src/transport/link-session';
import { startLinkSession } from '../../../renderer/src/transport/link-session';
import type { ClientMessage } from '../../../shared/protocol/envelope';
import type { RpcChannel } from '../../../shared/protocol/rpc-client';
import type { ScoringView } from '../../../shared/protocol/scoring-view';
import { DEFAULT_SCORING_CONFIG } from '../../../shared/scoring/config';
import { device, health } from './fixtures';

// The screen draws against the thresholds the host scores with now: gauges, chart lines and zone
// bands follow the thresholds they are given, and the store takes them from health and from the
// `settings.changed` event, keeping its object while the numbers stay the same.

/** A site that raised the temperature lines and lowered CO, with its own risk cut-offs. */
const RAISED: ScoringView = {
  thresholds: {
    ...DEFAULT_SCORING_VIEW.thresholds,
    temperatureC: { critical: 70, high: 65, medium: 45 },
    coPpm: 10,
  },
  levels: { critical: 0.9, high: 0.7, medium: 0.5, low: 0.25 },
};

function copy(view: ScoringView): ScoringView {
  return JSON.parse(JSON.stringify(view)) as ScoringView;
}

describe('renderer models follow the thresholds they are given', () => {
  it('the defaults are the engine\'s built-in ones until the host says otherwise', () => {
    assert.equal(DEFAULT_SCORING_VIEW.thresholds.temperatureC.critical, DEFAULT_SCORING_CONFIG.thresholds.temperatureC.critical);
    assert.equal(DEFAULT_SCORING_VIEW.levels.high, DEFAULT_SCORING_CONFIG.levels.high);
    assert.equal(createConsoleStore().getState().scoring, DEFAULT_SCORING_VIEW);
  });

  it('gauges: threshold mark and bands move with the thresholds', () => {
    const before = gaugeDefinitions(DEFAULT_SCORING_VIEW.thresholds);
    const after = gaugeDefinitions(RAISED.thresholds);
    assert.deepEqual([before.temperature.threshold, before.temperature.warnAt], [60, 50]);
    assert.deepEqual([after.temperature.threshold, after.temperature.warnAt], [70, 65]);
    assert.equal(after.co.threshold, 10);
    // 61 °C raised an alarm under the defaults; under the raised lines it is not even a warning.
    assert.equal(gaugeLevel(before.temperature, 61), 'alarm');
    assert.equal(gaugeLevel(after.temperature, 61), 'ok');
    assert.equal(gaugeLevel(after.temperature, 66), 'warn');
    assert.equal(gaugeLevel(after.temperature, 71), 'alarm');
    // CO of 12 ppm: fine under the default 17 ppm line, past the lowered one.
    const d = device('A', { temperature: 40, current: 10, readings: { voltage: 220, pcb_temperature: 38, sensor_temperature: 40, leakage_current: 1, co: 12, voc: 100, power_factor: 0.97, arc_count: 0 } });
    assert.equal(worstGaugeLevel(d, before), 'warn');
    assert.equal(worstGaugeLevel(d, after), 'alarm');
  });

  it('gauges: one set per thresholds object, so a wall of tiles shares it', () => {
    assert.equal(gaugeDefinitions(RAISED.thresholds), gaugeDefinitions(RAISED.thresholds));
    assert.notEqual(gaugeDefinitions(RAISED.thresholds), gaugeDefinitions(DEFAULT_SCORING_VIEW.thresholds));
  });

  it('chart panels: threshold lines and risk cut-offs move with the scoring in effect', () => {
    const lines = (view: ScoringView, id: string): number[] => chartPanels(view).find((p) => p.id === id)!.thresholds.map((t) => t.value);
    assert.deepEqual(lines(DEFAULT_SCORING_VIEW, 'temperature'), [60, 50]);
    assert.deepEqual(lines(RAISED, 'temperature'), [70, 65]);
    assert.deepEqual(lines(RAISED, 'gas'), [10, DEFAULT_SCORING_VIEW.thresholds.vocUgM3]);
    assert.deepEqual(lines(RAISED, 'risk'), [0.9, 0.7]);
    assert.deepEqual(lines(DEFAULT_SCORING_VIEW, 'risk'), [0.8, 0.6]);
    // A chart is re-made only when its panel object changes: the same scoring object, the same panels.
    assert.equal(chartPanels(RAISED), chartPanels(RAISED));
    assert.notEqual(chartPanels(RAISED)[0], chartPanels(DEFAULT_SCORING_VIEW)[0]);
    assert.deepEqual(zonePanel(2, RAISED).thresholds.map((t) => t.value), [70, 65]);
  });

  it('zone heating: judged against the bands in effect', () => {
    assert.equal(isZoneHeating(52, null, DEFAULT_SCORING_VIEW.thresholds.temperatureC), true);
    assert.equal(isZoneHeating(52, null, RAISED.thresholds.temperatureC), false);
    assert.equal(isZoneHeating(66, null, RAISED.thresholds.temperatureC), true);
  });
});

describe('the store keeps the thresholds the host reports', () => {
  it('takes them from health, and keeps its object while the numbers repeat', () => {
    const store = createConsoleStore();
    const sink = createStoreSink(store);
    sink.setHealth({ ...health, scoring: RAISED });
    const first = store.getState().scoring;
    assert.deepEqual(first, RAISED);
    let updates = 0;
    store.subscribe((state, previous) => {
      if (state.scoring !== previous.scoring) updates += 1;
    });
    sink.setHealth({ ...health, scoring: copy(RAISED) });
    assert.equal(store.getState().scoring, first, 'same numbers: same object, nothing re-drawn');
    sink.setHealth(health);
    assert.equal(store.getState().scoring, first, 'an older host without thresholds changes nothing');
    assert.equal(updates, 0);
    sink.setScoring?.(DEFAULT_SCORING_VIEW);
    assert.equal(store.getState().scoring, DEFAULT_SCORING_VIEW);
    assert.equal(updates, 1);
  });

  it('applies a pushed settings.changed at once, without waiting for health', async () => {
    const listeners: Array<(data: unknown) => void> = [];
    const sent: ClientMessage[] = [];
    const channel: RpcChannel = {
      send: (message) => void sent.push(message),
      onMessage: (listener) => void listeners.push(listener),
      onClose: () => undefined,
      close: () => undefined,
    };
    const told: ScoringView[] = [];
    const sink: LinkSink = {
      setLink: () => undefined,
      setLastMessageAt: () => undefined,
      setHello: () => undefined,
      replaceDevices: () => undefined,
      changeDevices: () => undefined,
      removeDevices: () => undefined,
      setHealth: () => undefined,
      setConnections: () => undefined,
      setScoring: (scoring) => told.push(scoring),
    };
    const stop = startLinkSession({ reopensOnClose: false, start: (onChannel) => (onChannel(channel), () => undefined) }, sink, {
      clock: { now: () => 0, every: () => () => undefined },
    });
    try {
      const payload = { section: 'thresholds', applied: true, restart_required: [], scoring: RAISED };
      for (const listener of listeners) listener({ kind: 'event', event: 'settings.changed', payload });
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(told, [RAISED]);
    } finally {
      stop();
    }
  });
});
