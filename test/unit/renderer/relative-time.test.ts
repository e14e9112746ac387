import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from '../../../renderer/src/i18n/en';
import { ko } from '../../../renderer/src/i18n/ko';
import { describeAge, parseTime } from '../../../renderer/src/model/relative-time';

const now = Date.parse('2026-03-01T09:00:00.000Z');

function ago(ms: number): number {
  return now - ms;
}

describe('describeAge', () => {
  it('picks one unit, rounding down', () => {
    assert.deepEqual(describeAge(ago(999), now), { unit: 'now' });
    assert.deepEqual(describeAge(ago(1000), now), { unit: 'seconds', value: 1 });
    assert.deepEqual(describeAge(ago(3_400), now), { unit: 'seconds', value: 3 });
    assert.deepEqual(describeAge(ago(59_999), now), { unit: 'seconds', value: 59 });
    assert.deepEqual(describeAge(ago(60_000), now), { unit: 'minutes', value: 1 });
    assert.deepEqual(describeAge(ago(59 * 60_000 + 59_000), now), { unit: 'minutes', value: 59 });
    assert.deepEqual(describeAge(ago(3_600_000), now), { unit: 'hours', value: 1 });
    assert.deepEqual(describeAge(ago(49 * 3_600_000), now), { unit: 'days', value: 2 });
  });

  it('reads a time slightly ahead of this clock as now, not as a negative age', () => {
    assert.deepEqual(describeAge(now + 4_000, now), { unit: 'now' });
  });

  it('says never for a device with no reading', () => {
    assert.deepEqual(describeAge(null, now), { unit: 'never' });
    assert.deepEqual(describeAge(Number.NaN, now), { unit: 'never' });
  });
});

describe('parseTime', () => {
  it('reads ISO-8601 and rejects what it cannot read', () => {
    assert.equal(parseTime('2026-03-01T09:00:00.000Z'), now);
    assert.equal(parseTime(null), null);
    assert.equal(parseTime(undefined), null);
    assert.equal(parseTime('yesterday-ish'), null);
  });
});

describe('age wording', () => {
  it('in English', () => {
    assert.equal(en.age(describeAge(ago(3_000), now)), '3 s ago');
    assert.equal(en.age(describeAge(ago(125_000), now)), '2 min ago');
    assert.equal(en.age(describeAge(ago(7_200_000), now)), '2 h ago');
    assert.equal(en.age(describeAge(ago(100), now)), 'just now');
    assert.equal(en.age(describeAge(null, now)), 'never');
  });

  it('in Korean', () => {
    assert.equal(ko.age(describeAge(ago(3_000), now)), '3초 전');
    assert.equal(ko.age(describeAge(ago(125_000), now)), '2분 전');
    assert.equal(ko.age(describeAge(ago(3 * 86_400_000), now)), '3일 전');
    assert.equal(ko.age(describeAge(ago(100), now)), '방금');
  });
});
