import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alarmPredicate, filterDevices, matchesFilter, NO_FILTER, zonesOf } from '../../../renderer/src/model/device-filter';
import { filterFromParams, filterToParams } from '../../../renderer/src/model/filter-params';
import { device, scored } from './fixtures';

const fleet = [
  scored('DEV0001', 'NORMAL'),
  { ...scored('DEV0002', 'HIGH'), zone: 'B1-F2', status_bits: 4 },
  { ...scored('DEV0010', 'CRITICAL'), zone: 'B1-F2', name: 'Pump room' },
  { ...device('DEV0003'), online: false },
  { ...scored('DEV0004', 'LOW'), status_bits: 4096 },
];

describe('device filters', () => {
  it('passes everything with no filter, in the same order', () => {
    assert.equal(filterDevices(fleet, NO_FILTER), fleet);
  });

  it('filters by zone, by risk level (unscored is a level) and by text in id or name', () => {
    const ids = (f: Parameters<typeof filterDevices>[1]): string[] => filterDevices(fleet, f).map((d) => d.device_id);
    assert.deepEqual(ids({ ...NO_FILTER, zone: 'B1-F2' }), ['DEV0002', 'DEV0010']);
    assert.deepEqual(ids({ ...NO_FILTER, risks: new Set(['HIGH', 'CRITICAL']) }), ['DEV0002', 'DEV0010']);
    assert.deepEqual(ids({ ...NO_FILTER, risks: new Set(['UNSCORED']) }), ['DEV0003']);
    assert.deepEqual(ids({ ...NO_FILTER, text: ' pump ' }), ['DEV0010']);
    assert.deepEqual(ids({ ...NO_FILTER, text: 'dev000' }), ['DEV0001', 'DEV0002', 'DEV0003', 'DEV0004']);
  });

  it('filters by alarm: from the status bits, or from the alarm service when it is there', () => {
    const ids = (alarm: 'alarmed' | 'quiet' | 'offline', alarmed = alarmPredicate(null)): string[] =>
      fleet.filter((d) => matchesFilter(d, { ...NO_FILTER, alarm }, alarmed)).map((d) => d.device_id);
    assert.deepEqual(ids('alarmed'), ['DEV0002', 'DEV0004']);
    assert.deepEqual(ids('quiet'), ['DEV0001', 'DEV0010', 'DEV0003']);
    assert.deepEqual(ids('offline'), ['DEV0003', 'DEV0004']);
    assert.deepEqual(ids('alarmed', alarmPredicate(new Set(['DEV0010']))), ['DEV0010']);
  });

  it('lists zones in natural order', () => {
    assert.deepEqual(zonesOf([{ zone: 'Z10' }, { zone: 'Z2' }, { zone: 'Z2' }, { zone: 'A' }]), ['A', 'Z2', 'Z10']);
  });

  it('keeps filters in the address and reads them back, ignoring what it cannot read', () => {
    const filter = { zone: 'B1-F2', risks: new Set(['HIGH', 'CRITICAL'] as const), alarm: 'alarmed' as const, text: 'DEV' };
    const params = filterToParams(filter);
    assert.deepEqual(params, { zone: 'B1-F2', risk: 'CRITICAL,HIGH', alarm: 'alarmed', q: 'DEV' });
    const back = filterFromParams(params);
    assert.deepEqual({ ...back, risks: [...back.risks].sort() }, { ...filter, risks: ['CRITICAL', 'HIGH'] });
    const junk = filterFromParams({ risk: 'hot,high', alarm: 'loud', zone: '  ' });
    assert.deepEqual({ ...junk, risks: [...junk.risks] }, { zone: null, risks: ['HIGH'], alarm: 'all', text: '' });
    assert.deepEqual(filterToParams(NO_FILTER), {});
  });
});
