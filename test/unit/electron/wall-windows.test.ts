import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFAULT_WALL_GROUPS, wallSettings, wallWindowPlans } from '../../../electron/wall-windows';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = join(ROOT, 'test', 'unit', 'electron', 'fixtures');
const display = (id: number, x: number): { id: number; bounds: { x: number; y: number; width: number; height: number } } => ({ id, bounds: { x, y: 0, width: 1920, height: 1080 } });

describe('wall display windows (desktop --kiosk)', () => {
  it('reads views per monitor and the dwell from flags, else the environment, else defaults', () => {
    assert.deepEqual(wallSettings(['--kiosk', '--wall-views', 'overview,matrix; devices', '--wall-dwell=30'], {}), { groups: ['overview,matrix', 'devices'], dwellS: '30' });
    assert.deepEqual(wallSettings([], { EMBERWATCH_WALL_VIEWS: 'clusters', EMBERWATCH_WALL_DWELL: '15' }), { groups: ['clusters'], dwellS: '15' });
    assert.deepEqual(wallSettings(['--wall-views', 'matrix'], { EMBERWATCH_WALL_VIEWS: 'clusters' }).groups, ['matrix'], 'the flag wins');
    assert.deepEqual(wallSettings(['--wall-views', '--kiosk', '--wall-dwell', 'soon'], {}), { groups: DEFAULT_WALL_GROUPS, dwellS: null });
    assert.deepEqual(wallSettings(['--wall-views', 'x"><script>;;'], {}).groups, DEFAULT_WALL_GROUPS, 'nothing but view names reaches the URL');
  });

  it('plans a window per monitor, each on its monitor with its own views, taking the groups round again', () => {
    const plans = wallWindowPlans([display(1, 0), display(2, 1920), display(3, 3840)], { groups: ['overview,matrix', 'devices'], dwellS: '20' });
    assert.deepEqual(plans.map((p) => p.hash), ['#/wall?views=overview%2Cmatrix&dwell=20', '#/wall?views=devices&dwell=20', '#/wall?views=overview%2Cmatrix&dwell=20']);
    assert.deepEqual(plans.map((p) => p.bounds.x), [0, 1920, 3840]);
    assert.deepEqual(wallWindowPlans([display(7, 0)], { groups: DEFAULT_WALL_GROUPS, dwellS: null }).map((p) => p.hash), ['#/wall?views=overview%2Cmatrix%2Cclusters']);
  });

  it('main opens one full-screen wall window per monitor (stand-in Electron with two monitors)', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--import', join(FIXTURES, 'fake-electron-register.mjs'), join(FIXTURES, 'main-scenario.mjs'), '--kiosk', '--wall-views', 'overview,matrix;clusters'],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, FAKE_DISPLAYS: '2' } },
    );
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout) as { windows: Array<{ url: string; x: number | null; kiosk: boolean }>; fork: { args: string[] } };
    assert.deepEqual(out.windows, [
      { url: 'emberwatch://console/index.html#/wall?views=overview%2Cmatrix', x: 0, kiosk: true },
      { url: 'emberwatch://console/index.html#/wall?views=clusters', x: 1920, kiosk: true },
    ]);
    assert.ok(!out.fork.args.includes('--wall-views'), 'the wall flags stay with main, not the host');
  });
});
