import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NaturalOrder, sortDevices } from '../../../renderer/src/model/device-order';
import { riskRank, toBadgeLevel } from '../../../renderer/src/model/risk';
import { device, scored } from './fixtures';

describe('sortDevices', () => {
  it('puts the most urgent level first and unscored devices last', () => {
    const order = sortDevices([
      device('a-unscored'),
      scored('b-normal', 'NORMAL'),
      scored('c-critical', 'CRITICAL'),
      scored('d-low', 'LOW'),
      scored('e-high', 'HIGH'),
      scored('f-medium', 'MEDIUM'),
    ]).map((d) => d.device_id);
    assert.deepEqual(order, ['c-critical', 'e-high', 'f-medium', 'd-low', 'b-normal', 'a-unscored']);
  });

  it('orders devices of one level by id, numbers by value', () => {
    const order = sortDevices([scored('dev-10', 'HIGH'), scored('dev-2', 'HIGH'), scored('dev-1', 'HIGH'), scored('DEV-3', 'HIGH')]).map(
      (d) => d.device_id,
    );
    assert.deepEqual(order, ['dev-1', 'dev-2', 'DEV-3', 'dev-10']);
  });

  it('gives the same order whatever order the devices arrive in', () => {
    const devices = [scored('x', 'LOW'), device('y'), scored('z', 'LOW'), scored('w', 'CRITICAL')];
    const expected = sortDevices(devices).map((d) => d.device_id);
    assert.deepEqual(sortDevices([...devices].reverse()).map((d) => d.device_id), expected);
  });

  it('does not reorder the input', () => {
    const devices = [device('b'), device('a')];
    sortDevices(devices);
    assert.deepEqual(devices.map((d) => d.device_id), ['b', 'a']);
  });
});

describe('risk levels', () => {
  it('rank unscored below NORMAL and name it', () => {
    assert.equal(toBadgeLevel(null), 'UNSCORED');
    assert.ok(riskRank(null) < riskRank('NORMAL'));
    assert.ok(riskRank('HIGH') < riskRank('CRITICAL'));
  });
});

describe('natural order cache', () => {
  it('compares correctly while it is still learning the values, whatever comes first', () => {
    const order = new NaturalOrder();
    assert.ok(order.compare('dev-2', 'dev-1') > 0);
    assert.ok(order.compare('dev-10', 'dev-9') > 0);
    assert.ok(order.compare('DEV-3', 'dev-2') > 0);
    order.learn(['z-1', 'a-1', 'm-1']);
    assert.deepEqual(['z-1', 'dev-10', 'a-1', 'dev-2'].sort((a, b) => order.compare(a, b)), ['a-1', 'dev-2', 'dev-10', 'z-1']);
  });
});
