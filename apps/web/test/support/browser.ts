import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startHost, type Host } from './host';

const repoRoot = join(__dirname, '..', '..', '..', '..');
export const ARTIFACTS = join(repoRoot, 'apps', 'web', 'test-artifacts');
/** Generous: a real host and real timers on a busy CI machine; tests wait on the page, never on the clock. */
export const WAIT_MS = 30_000;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** Script errors and console errors (a CSP violation shows there) seen so far. */
  problems: string[];
}

/** A fresh browser context (its own sessionStorage) on the console at `hash`. */
export async function openConsole(browser: Browser, baseUrl: string, hash = '#/runs'): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // The browser logs every non-2xx response as an error; those are the API answering, not faults.
    if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of/.test(message.text())) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  await page.goto(`${baseUrl}/${hash}`);
  return { context, page, problems };
}

export async function screenshot(page: Page, name: string, alsoTo?: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  if (alsoTo !== undefined) {
    mkdirSync(join(alsoTo, '..'), { recursive: true });
    await page.screenshot({ path: alsoTo, fullPage: false });
  }
  return path;
}

export { repoRoot };

export interface ConsoleSuite {
  readonly host: Host;
  readonly browser: Browser;
  /** The console at `hash` in a fresh context, closed after the test. */
  open(hash?: string): Promise<ConsolePage>;
}

/**
 * A describe block's host (built orchestrator with `env`) and browser, started once for the block; the
 * contexts a test opens are closed after it.
 */
export function consoleSuite(env: Record<string, string> = {}): ConsoleSuite {
  let host: Host | undefined;
  let browser: Browser | undefined;
  const opened: ConsolePage[] = [];
  beforeAll(async () => {
    [host, browser] = await Promise.all([startHost(env), launchBrowser()]);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((open) => open.context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the console suite has not started (use it inside a test)');
    return value;
  };
  return {
    get host() {
      return started(host);
    },
    get browser() {
      return started(browser);
    },
    async open(hash = '#/runs') {
      const page = await openConsole(started(browser), started(host).url, hash);
      opened.push(page);
      return page;
    },
  };
}
