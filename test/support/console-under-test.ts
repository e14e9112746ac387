import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { GuardedPage } from './chromium';
import { chromiumAvailable, launchChromium, openGuardedPage } from './chromium';
import type { Mosquitto } from './mosquitto';
import { mosquittoAvailable, startMosquitto } from './mosquitto';
import type { ScenarioFeed, ScenarioFeedOptions } from './scenario-feed';
import { startScenarioFeed } from './scenario-feed';
import type { ServeProcess } from './serve-process';
import { startServeProcess } from './serve-process';

// The set-up every e2e file shares: `serve` started as a user would (with the simulator's demo
// fleet, or behind a real Mosquitto fed by a scenario feed), one Chromium for the whole file, and
// a fresh guarded page per test whose context is closed however the test ends.

export interface ConsoleUnderTestOptions {
  /** Arguments to `serve` (the demo fleet's size and period, a scenario). */
  readonly serveArgs?: ReadonlyArray<string>;
  /** A data dir prepared before `serve` starts (settings written into it); a fresh one otherwise. */
  readonly dataDir?: () => Promise<string>;
  /** Feed `serve` from a real Mosquitto with this simulated fleet instead of the demo fleet. */
  readonly feed?: Omit<ScenarioFeedOptions, 'url'>;
  /** Connect `serve` to a real Mosquitto that the test publishes to itself (`brokerUrl`). */
  readonly broker?: boolean;
}

export interface ConsoleUnderTest {
  readonly serve: ServeProcess;
  /** The console's own address, as serve printed it. */
  readonly url: string;
  /** The broker serve listens to, when the fixture started one. */
  readonly brokerUrl: string;
  /** Runs `body` with a fresh guarded page (on `consoleUrl`, the fixture's serve by default) and closes it after. */
  withPage<T>(body: (guarded: GuardedPage) => Promise<T>, consoleUrl?: string): Promise<T>;
  /** Runs `body` with `count` guarded pages, each its own browser session, and closes them all after. */
  withPages<T>(count: number, body: (...guarded: GuardedPage[]) => Promise<T>): Promise<T>;
}

/** Why an e2e file cannot run on this machine, or false when it can: `skip` of its describe. */
export function e2eUnavailable(needs: { readonly mosquitto?: boolean } = {}): string | false {
  if (!chromiumAvailable()) return 'Chromium is not installed';
  if (needs.mosquitto === true && !mosquittoAvailable()) return 'mosquitto is not installed';
  return false;
}

/** Opens `hash` of the console and waits until its link to the host is live. */
export async function openLive(page: Page, url: string, hash: string): Promise<void> {
  await page.goto(`${url}/${hash}`);
  await page.locator('[data-testid="connection-status"][data-state="live"]').waitFor({ timeout: 30_000 });
}

function started<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is not started: use the fixture inside a test of its describe`);
  return value;
}

/**
 * Registers the `before` and `after` hooks of the enclosing describe: starts (in order) the broker,
 * serve, the feed and Chromium, and stops them in the reverse order, whatever did start.
 */
export function consoleUnderTest(options: ConsoleUnderTestOptions = {}): ConsoleUnderTest {
  let broker: Mosquitto | undefined;
  let serve: ServeProcess | undefined;
  let feed: ScenarioFeed | undefined;
  let browser: Browser | undefined;

  before(async () => {
    const dataDir = options.dataDir === undefined ? undefined : await options.dataDir();
    if (options.feed !== undefined || options.broker === true) broker = await startMosquitto();
    serve = await startServeProcess(options.serveArgs ?? [], broker === undefined ? {} : { EMBERWATCH_MQTT_URL: broker.url }, dataDir);
    if (broker !== undefined && options.feed !== undefined) feed = await startScenarioFeed({ ...options.feed, url: broker.url });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await feed?.stop();
    await serve?.stop();
    await broker?.stop();
  });

  const withPages = async <T>(count: number, body: (...guarded: GuardedPage[]) => Promise<T>, consoleUrl?: string): Promise<T> => {
    const pages: GuardedPage[] = [];
    try {
      for (let i = 0; i < count; i += 1) pages.push(await openGuardedPage(started(browser, 'Chromium'), consoleUrl ?? started(serve, 'serve').url));
      return await body(...pages);
    } finally {
      for (const guarded of pages) await guarded.context.close();
    }
  };

  return {
    get serve() {
      return started(serve, 'serve');
    },
    get url() {
      return started(serve, 'serve').url;
    },
    get brokerUrl() {
      return started(broker, 'the broker').url;
    },
    withPage: (body, consoleUrl) => withPages(1, body, consoleUrl),
    withPages: (count, body) => withPages(count, body),
  };
}
