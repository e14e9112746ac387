import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deviceHref, formatHashRoute, isWallLocation, parseHashRoute, wallParams } from '../../../renderer/src/model/route';
import { DEFAULT_DWELL_S, DEFAULT_WALL_VIEWS, parseWallConfig, rotationStep } from '../../../renderer/src/model/rotation';

const at = (pathname: string, hash = '', search = ''): { pathname: string; hash: string; search: string } => ({ pathname, hash, search });

describe('hash routes', () => {
  it('reads segments and parameters, decoding both', () => {
    assert.deepEqual(parseHashRoute('#/device/DEV%2F7?range=7d'), { segments: ['device', 'DEV/7'], params: { range: '7d' } });
    assert.deepEqual(parseHashRoute(''), { segments: [], params: {} });
    assert.deepEqual(parseHashRoute('#matrix'), { segments: ['matrix'], params: {} });
    assert.deepEqual(parseHashRoute('#/clusters?zone=B1-F4&x='), { segments: ['clusters'], params: { zone: 'B1-F4', x: '' } });
  });

  it('writes what it reads', () => {
    const hash = formatHashRoute(['device', 'B 1/7'], { range: '30d' });
    assert.equal(hash, '#/device/B%201%2F7?range=30d');
    assert.deepEqual(parseHashRoute(hash), { segments: ['device', 'B 1/7'], params: { range: '30d' } });
    assert.equal(deviceHref('DEV0003'), '#/device/DEV0003');
    assert.equal(formatHashRoute(['overview']), '#/overview');
  });

  it('knows a wall display by its path, its hash or a query flag', () => {
    assert.equal(isWallLocation(at('/wall')), true);
    assert.equal(isWallLocation(at('/wall/')), true);
    assert.equal(isWallLocation(at('/index.html', '#/wall?views=matrix')), true);
    assert.equal(isWallLocation(at('/', '', '?wall')), true);
    assert.equal(isWallLocation(at('/', '#/overview')), false);
    assert.equal(isWallLocation(at('/walls')), false);
  });

  it('takes wall settings from the query and the hash, the hash winning', () => {
    assert.deepEqual(wallParams(at('/wall', '', '?views=matrix&dwell=10')), { views: 'matrix', dwell: '10' });
    assert.deepEqual(wallParams(at('/wall', '#/wall?dwell=30', '?views=matrix&dwell=10')), { views: 'matrix', dwell: '30' });
  });
});

describe('wall rotation', () => {
  it('reads the views and the dwell, dropping what it does not know', () => {
    assert.deepEqual(parseWallConfig({ views: 'matrix, Clusters,bogus,matrix', dwell: '12' }), { views: ['matrix', 'clusters'], dwellS: 12, zone: null });
    assert.deepEqual(parseWallConfig({}), { views: DEFAULT_WALL_VIEWS, dwellS: DEFAULT_DWELL_S, zone: null });
    assert.deepEqual(parseWallConfig({ views: 'nothing', dwell: 'soon' }), { views: DEFAULT_WALL_VIEWS, dwellS: DEFAULT_DWELL_S, zone: null });
    assert.equal(parseWallConfig({ dwell: '0.5' }).dwellS, 3, 'too short a dwell is clamped');
    assert.equal(parseWallConfig({ dwell: '99999' }).dwellS, 3600);
    assert.equal(parseWallConfig({ view: 'devices', zone: ' B1-F4 ' }).zone, 'B1-F4');
    assert.deepEqual(parseWallConfig({ view: 'devices' }).views, ['devices']);
  });

  it('steps through the views every dwell and comes round again', () => {
    const start = 1_000_000;
    assert.deepEqual(rotationStep(start, start, 20, 3), { index: 0, msToNext: 20_000 });
    assert.deepEqual(rotationStep(start, start + 19_999, 20, 3), { index: 0, msToNext: 1 });
    assert.deepEqual(rotationStep(start, start + 20_000, 20, 3), { index: 1, msToNext: 20_000 });
    assert.deepEqual(rotationStep(start, start + 65_000, 20, 3), { index: 0, msToNext: 15_000 });
  });

  it('stays on a single view, and treats a clock that went back as the start', () => {
    assert.deepEqual(rotationStep(0, 500_000, 20, 1), { index: 0, msToNext: Number.POSITIVE_INFINITY });
    assert.equal(rotationStep(10_000, 5_000, 20, 3).index, 0);
  });
});
