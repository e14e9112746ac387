import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSimulateArgs, SIMULATE_USAGE, UsageError } from '../../../electron/host/cli/simulate';

describe('simulate command line', () => {
  it('has the documented defaults', () => {
    const c = parseSimulateArgs([]);
    assert.equal(c.durationS, null);
    assert.equal(c.statusIntervalS, 5);
    assert.equal(c.simulator.url, 'mqtt://127.0.0.1:1883');
    assert.equal(c.simulator.devices, 200);
    assert.equal(c.simulator.zones, 8);
    assert.equal(c.simulator.periodS, 1);
    assert.equal(c.simulator.scenario, 'mix');
    assert.equal(c.simulator.qos, 1);
    assert.equal(c.simulator.spelling, 'device');
    assert.equal(c.simulator.timestamps, 'iso');
  });

  it('reads the flags of the usage example', () => {
    const c = parseSimulateArgs([
      '--url', 'mqtt://broker:1883', '--devices', '50', '--period', '2', '--zones', '4', '--seed', '42',
      '--scenario', 'mix', '--scenario', 'loose-connection:DEV0003,DEV0004', '--duration', '600', '--qos', '0',
      '--spelling', 'mixed', '--timestamps', 'epoch', '--verify-sts',
    ]);
    assert.equal(c.durationS, 600);
    assert.equal(c.simulator.scenario, 'mix;loose-connection:DEV0003,DEV0004');
    assert.equal(c.simulator.seed, 42);
    assert.equal(c.simulator.qos, 0);
    assert.equal(c.simulator.spelling, 'mixed');
    assert.equal(c.simulator.timestamps, 'epoch');
    assert.equal(c.simulator.verifySts, true);
  });

  it('rejects bad values with a message naming the flag', () => {
    const bad: ReadonlyArray<readonly [ReadonlyArray<string>, RegExp]> = [
      [['--devices', '0'], /--devices/],
      [['--period', 'fast'], /--period/],
      [['--qos', '3'], /--qos/],
      [['--spelling', 'korean'], /--spelling/],
      [['--url', 'http://x'], /--url/],
      [['--scenario', 'overcurrent:DEV0999', '--devices', '10'], /DEV0999/],
      [['--bogus'], /bogus/],
    ];
    for (const [argv, pattern] of bad) {
      assert.throws(() => parseSimulateArgs(argv), (e: unknown) => e instanceof UsageError && pattern.test(e.message));
    }
  });

  it('documents every scenario in --help', () => {
    for (const name of ['loose-connection', 'comm-loss', 'zone-heating', 'sensor-fault']) assert.ok(SIMULATE_USAGE.includes(name));
  });
});
