import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { createHttpServer } from '../../electron/host/serve/http-server';
import { DEVICE_PUSH_INTERVAL_MS } from '../../electron/host/service/device-changes';
import { EventHub } from '../../electron/host/service/event-hub';
import { createWebSocketTransport } from '../../electron/host/transport/websocket-transport';
import type { DeviceSummary, HealthResponse, ProtocolHandlers, RiskLevelName } from '../../shared/protocol';
import { ProtocolError } from '../../shared/protocol';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { REPO_ROOT } from '../support/serve-process';
import type { BenchFigure, BenchSection } from './bench-types';

// The renderer in Chromium, served by a synthetic host that speaks the real protocol through the
// real HTTP and WebSocket code: 2,000 devices, each reporting once a second.
//
// Frame time is the main thread's work per frame: a Chromium trace of the page is cut into 16.7 ms
// frame slots and every task is counted in the slot it starts in (so a 40 ms task makes a 40 ms
// frame). p95 ≤ 16 ms means nineteen frames in twenty fit the 60 Hz budget. The baseline is an
// empty page traced the same way in the same run.
//
// The chart figure is the device page's own code (decimation, then uPlot) drawing a day at 1 Hz,
// four series of 86,400 points, from the data in memory to the end of uPlot's draw; the baseline is
// plain uPlot drawing one such series, raw, in the same page and run.

const DEVICES = 2000;
const ZONES = 40;
/** The host's own push cadence, a share of the fleet each time: every device once a second. */
const PUSH_MS = DEVICE_PUSH_INTERVAL_MS;
const TRACE_MS = 10_000;
const FRAME_MS = 1000 / 60;
const VIEWPORT = { width: 1920, height: 1080 };
const LEVELS: ReadonlyArray<RiskLevelName> = ['NORMAL', 'NORMAL', 'NORMAL', 'NORMAL', 'LOW', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

function syntheticDevice(i: number, tick: number): DeviceSummary {
  const wave = Math.sin((tick + i) / 7);
  const id = `DEV${String(i + 1).padStart(4, '0')}`;
  return {
    device_id: id,
    name: `Board ${i + 1}`,
    zone: `Z${String((i % ZONES) + 1).padStart(2, '0')}`,
    online: true,
    last_seen: new Date().toISOString(),
    // Each device changes level every five minutes or so (seven changes a second across the fleet),
    // so the order of the wall keeps moving as a busy site's does.
    risk_level: LEVELS[(i + Math.floor((tick * PUSH_MS + 700 * i) / 300_000)) % LEVELS.length] as RiskLevelName,
    risk_score: 0.3 + 0.2 * wave,
    status_bits: i % 17 === 0 ? 2 ** (i % 12) : 0,
    temperature: 35 + 10 * wave + (i % 9),
    current: 20 + 5 * wave,
    readings: { voltage: 220 + wave, pcb_temperature: 33 + 9 * wave, sensor_temperature: 35 + 10 * wave, leakage_current: 1 + Math.abs(wave), co: 3 + wave, voc: 150 + 40 * wave, power_factor: 0.95 + 0.03 * wave, arc_count: i % 13 === 0 ? 2 : 0 },
    position: { x: (i % 8) * 3, y: Math.floor(i / 8) % 5 },
  };
}

function syntheticHealth(): HealthResponse {
  return {
    status: 'ok',
    uptime_s: 10,
    version: 'bench',
    reasons: [],
    mode: { demo: false, embedded_broker_url: null },
    connections: [],
    ingest: { received: 0, scored: 0, duplicates: 0, per_second: DEVICES },
    quarantine: { total: 0, by_reason: {} },
    store: { db_bytes: 0, readings: 0, oldest_reading: null },
    monitoring: { lost: false, reason: null, detail: null, since: new Date().toISOString() },
  } as unknown as HealthResponse;
}

interface SyntheticHost {
  readonly url: string;
  /** Stops or resumes the pushed device changes (the fleet then looks silent, not gone). */
  setPushing(on: boolean): void;
  close(): Promise<void>;
}

export async function startSyntheticHost(staticRoot: string): Promise<SyntheticHost> {
  let tick = 0;
  const hub = new EventHub();
  const implemented: Partial<Record<string, (params: unknown) => Promise<unknown>>> = {
    'devices.list': async () => ({ devices: Array.from({ length: DEVICES }, (_, i) => syntheticDevice(i, tick)) }),
    'health.get': async () => syntheticHealth(),
  };
  // Anything else (alarms, zones, history) is "not here", as an older host would answer.
  const handlers = new Proxy({}, {
    get: (_target, method: string) =>
      implemented[method] ?? (async () => {
        throw new ProtocolError('NOT_FOUND', `${method} is not part of the bench host`);
      }),
  }) as ProtocolHandlers;
  const websocket = createWebSocketTransport(handlers, hub, 'bench', () => undefined);
  const log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  const server: Server = createHttpServer({ handlers, websocket, staticRoot, log });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const slice = DEVICES / (1000 / PUSH_MS);
  let pushing = true;
  const timer = setInterval(() => {
    if (!pushing) return;
    tick += 1;
    const first = (tick % (1000 / PUSH_MS)) * slice;
    hub.emit('devices.changed', { devices: Array.from({ length: slice }, (_, k) => syntheticDevice(first + k, tick)) });
  }, PUSH_MS);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setPushing: (on) => {
      pushing = on;
    },
    close: async () => {
      clearInterval(timer);
      await websocket.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

interface FrameFigures {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly frames: number;
}

const TASK_NAMES: ReadonlySet<string> = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

function percentile(sorted: ReadonlyArray<number>, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

/** Main-thread work per 16.7 ms frame slot of the renderer's main thread, from a Chromium trace. */
export function frameWork(events: ReadonlyArray<TraceEvent>, windowMs: number): FrameFigures {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  // Top-level tasks of the main thread (Chromium names them RunTask or ThreadControllerImpl::RunTask);
  // one nested in another is already counted by its parent.
  const candidates = events
    .filter((e) => e.ph === 'X' && TASK_NAMES.has(e.name) && e.dur !== undefined && mains.some((m) => m.pid === e.pid && m.tid === e.tid))
    .sort((a, b) => a.ts - b.ts);
  const tasks: TraceEvent[] = [];
  let busyUntil = Number.NEGATIVE_INFINITY;
  for (const task of candidates) {
    if (task.ts < busyUntil) continue;
    tasks.push(task);
    busyUntil = task.ts + (task.dur ?? 0);
  }
  if (tasks.length === 0) return { p50: 0, p95: 0, max: 0, frames: 0 };
  const end = Math.max(...tasks.map((t) => t.ts + (t.dur ?? 0)));
  const start = end - windowMs * 1000;
  const slots = new Array<number>(Math.ceil(windowMs / FRAME_MS)).fill(0);
  for (const task of tasks) {
    if (task.ts < start) continue;
    const slot = Math.min(slots.length - 1, Math.floor((task.ts - start) / 1000 / FRAME_MS));
    slots[slot] = (slots[slot] ?? 0) + (task.dur ?? 0) / 1000;
  }
  const sorted = [...slots].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.at(-1) ?? 0, frames: slots.length };
}

async function traceFrames(browser: Browser, page: Page): Promise<FrameFigures> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel', '__metadata'] });
  await page.waitForTimeout(TRACE_MS + 500);
  const buffer = await browser.stopTracing();
  const trace = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
  return frameWork(trace.traceEvents, TRACE_MS);
}

export async function buildRenderer(outDir: string): Promise<void> {
  await build({ configFile: join(REPO_ROOT, 'renderer/vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  writeFileSync(join(outDir, 'blank.html'), '<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body></body></html>');
}

async function buildChartPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: join(REPO_ROOT, 'test/bench/renderer-page'),
    base: './',
    logLevel: 'warn',
    publicDir: false,
    build: { outDir, emptyOutDir: true, target: 'chrome130', modulePreload: { polyfill: false }, rollupOptions: { input: join(REPO_ROOT, 'test/bench/renderer-page/chart.html') } },
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export async function runRendererBench(): Promise<BenchSection> {
  if (!chromiumAvailable()) return { name: 'renderer', figures: [], notes: [`Chromium is not installed at ${CHROMIUM_PATH}; the renderer bench needs it`] };
  const work = mkdtempSync(join(tmpdir(), 'emberwatch-renderer-bench-'));
  const appDir = join(work, 'app');
  const chartDir = join(work, 'chart');
  await buildRenderer(appDir);
  await buildChartPage(chartDir);
  const host = await startSyntheticHost(appDir);
  const chartHost = await startSyntheticHost(chartDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true });
  const figures: BenchFigure[] = [];
  const notes: string[] = [];
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();

    await page.goto(`${host.url}/blank.html`);
    const blank = await traceFrames(browser, page);

    await page.goto(`${host.url}/#/devices`);
    await page.locator(`[data-testid="tile-count"][data-total="${DEVICES}"]`).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(2000);
    const rendered = Number(await page.locator('[data-testid="tile-grid"]').getAttribute('data-rendered'));
    const wall = await traceFrames(browser, page);
    // The same wall with the feed paused: what the screen costs with nothing arriving (clock, ages).
    host.setPushing(false);
    await page.waitForTimeout(1000);
    const idle = await traceFrames(browser, page);
    host.setPushing(true);

    await page.goto(`${host.url}/#/matrix`);
    await page.locator('[data-testid="matrix-row"]').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(2000);
    const matrix = await traceFrames(browser, page);

    await page.goto(`${chartHost.url}/chart.html`);
    await page.locator('body[data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    const chart = (await page.evaluate('window.runChartBench(7)')) as { ours: number; oneRaw: number; fourRaw: number; points: number };
    await context.close();

    figures.push(
      { label: 'frame work p95, empty page (baseline)', value: round(blank.p95), unit: 'ms' },
      { label: 'frame work p95, device wall, feed paused (baseline)', value: round(idle.p95), unit: 'ms' },
      { label: `frame work p95, device wall, ${DEVICES} devices @ 1 Hz`, value: round(wall.p95), unit: 'ms' },
      { label: 'frame work p50 / max, device wall', value: round(wall.p50), unit: `ms / ${round(wall.max)} ms` },
      { label: `frame work p95, alarm matrix, ${DEVICES} devices @ 1 Hz`, value: round(matrix.p95), unit: 'ms' },
      { label: `24 h chart, 4 × ${chart.points.toLocaleString('en-US')} points (device page code)`, value: round(chart.ours), unit: 'ms' },
      { label: `baseline: plain uPlot, 1 × ${chart.points.toLocaleString('en-US')} points raw`, value: round(chart.oneRaw), unit: 'ms' },
      { label: `plain uPlot, 4 × ${chart.points.toLocaleString('en-US')} points raw`, value: round(chart.fourRaw), unit: 'ms' },
    );
    notes.push(
      `targets: frame work p95 ≤ 16 ms (${wall.p95 <= 16 ? 'met' : 'NOT met'}), chart ≤ 100 ms (${chart.ours <= 100 ? 'met' : 'NOT met'})`,
      `device wall kept ${rendered} of ${DEVICES} tiles in the DOM (virtualised); ${wall.frames} frame slots traced over ${TRACE_MS / 1000} s`,
    );
  } finally {
    await browser.close();
    await host.close();
    await chartHost.close();
    rmSync(work, { recursive: true, force: true });
  }
  return { name: 'renderer', figures, notes };
}
