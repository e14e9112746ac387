import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { REPO_ROOT } from './serve-process';

/** Debian's Chromium; Playwright's own browser download is not used. */
export const CHROMIUM_PATH = process.env.EMBERWATCH_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that keep a headless Chromium from reaching for the network it does not have here. */
export const CHROMIUM_ARGS: ReadonlyArray<string> = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true });
}

export interface GuardedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Requests to any host other than the console's own: the console must work without internet. */
  readonly foreignRequests: string[];
  readonly consoleErrors: string[];
}

/** A page that records (and blocks) every request leaving the console's own origin. */
export async function openGuardedPage(browser: Browser, consoleUrl: string): Promise<GuardedPage> {
  const origin = new URL(consoleUrl);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const local = url.host === origin.host || url.protocol === 'data:' || url.protocol === 'blob:';
    if (local) return route.continue();
    foreignRequests.push(url.toString());
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  return { context, page, foreignRequests, consoleErrors };
}

export function screenshotPath(name: string): string {
  const dir = join(REPO_ROOT, 'test-output', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}
