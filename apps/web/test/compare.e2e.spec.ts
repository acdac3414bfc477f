import type { Browser } from 'playwright-core';
import { apiFor, waitForRun } from './support/api';
import { launchBrowser, openConsole, screenshot, WAIT_MS } from './support/browser';
import { startHost, type Host } from './support/host';

describe('Compare: one plan under the three strategies', () => {
  let host: Host;
  let browser: Browser;

  beforeAll(async () => {
    [host, browser] = await Promise.all([startHost(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('runs examples/uneven-pipelines.json sequentially, level by level and by dependencies: hybrid ≤ parallel ≤ sequential', async () => {
    const { page, context, problems } = await openConsole(browser, host.url, '#/runs');
    await page.click('[data-testid="nav-compare"]');
    await page.selectOption('[data-testid="compare-source"]', 'uneven-pipelines.json');
    await page.click('[data-testid="compare-start"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="compare-makespan"]').length === 3, undefined, { timeout: WAIT_MS * 2 });

    const makespans = Object.fromEntries(
      await page.$$eval('[data-testid="compare-makespan"]', (items) => items.map((item) => [item.getAttribute('data-strategy'), Number(item.getAttribute('data-ms'))])),
    ) as Record<'sequential' | 'parallel' | 'hybrid', number>;
    // Real timers with the simulator's durations: only the ordering is asserted.
    expect(makespans.hybrid).toBeLessThanOrEqual(makespans.parallel);
    expect(makespans.parallel).toBeLessThanOrEqual(makespans.sequential);

    // Each figure is the run's own result, and each run used the strategy its lane names.
    const api = apiFor(host.url);
    for (const strategy of ['sequential', 'parallel', 'hybrid'] as const) {
      const href = await page.getAttribute(`.compare-lane[data-strategy="${strategy}"] header a`, 'href');
      const runId = decodeURIComponent(href!.slice('#/runs/'.length));
      const run = await waitForRun(api, runId, (details) => details.result !== undefined);
      expect(run.strategy).toBe(strategy);
      expect(run.result!.makespanMs).toBe(makespans[strategy]);
    }
    // Each lane drew the five tasks as Gantt bars.
    expect(await page.$$eval('.compare-lane [data-testid="gantt-bar"]', (bars) => bars.length)).toBe(15);
    await screenshot(page, 'compare-page');
    expect(problems).toEqual([]);
    await context.close();
  });
});
