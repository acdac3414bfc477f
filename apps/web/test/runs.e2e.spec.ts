import type { ApiClient } from '@a2a-mcp/api-client';
import type { Page } from 'playwright-core';
import { apiFor, examplePlan, simulatorPlan, startRun, waitForRun } from './support/api';
import { consoleSuite, screenshot } from './support/browser';

async function rowIds(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="run-row"]', (rows) => rows.map((row) => row.getAttribute('data-run-id') ?? ''));
}

describe('Runs: the list of runs', () => {
  const suite = consoleSuite();

  let api: ApiClient;
  const quick: string[] = [];
  let failed: string;
  let scored: string;

  beforeAll(async () => {
    api = apiFor(suite.host.url);
    failed = await startRun(api, { plan: simulatorPlan('boom', { failAlways: true }) });
    scored = await startRun(api, { plan: simulatorPlan('scored', { qualityScore: 0.8 }) });
    for (let i = 0; i < 10; i++) quick.push(await startRun(api, { plan: simulatorPlan(`quick_${i}`, { durationMs: 0 }) }));
    for (const runId of [failed, scored, ...quick]) await waitForRun(api, runId, (run) => run.result !== undefined);
  });

  it('shows each run with its status and counts, and its result figures once finished', async () => {
    const open = await suite.open('#/runs');
    const { page } = open;
    await page.waitForSelector(`[data-testid="run-row"][data-run-id="${failed}"][data-status="failed"]`);
    await page.waitForSelector(`[data-testid="run-row"][data-run-id="${scored}"][data-status="completed"]`);
    expect(await rowIds(page)).toHaveLength(12);

    // The figures come from GET /v1/runs/{id}'s result, fetched for rows on screen.
    const scoredRow = `[data-testid="run-row"][data-run-id="${scored}"]`;
    await page.waitForSelector(`${scoredRow} [data-testid="run-makespan"][data-ms]`);
    const { result } = await waitForRun(api, scored, (run) => run.result !== undefined);
    expect(Number(await page.getAttribute(`${scoredRow} [data-testid="run-makespan"]`, 'data-ms'))).toBe(result!.makespanMs);
    // Quality: the task's score as the engine reported it (the simulator's score, judged by the quality layer).
    const score = result!.tasks!.scored.qualityScore;
    expect(typeof score).toBe('number');
    expect(await page.textContent(scoredRow)).toContain(`${Math.round(score! * 100)} %`);

    // The host filters the whole list: on pages of 10 the failed run is the 12th, yet the first filtered page shows it.
    await page.selectOption('[data-testid="page-size"]', '10');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 10);
    await page.selectOption('[data-testid="status-filter"]', 'failed');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 1);
    expect(await rowIds(page)).toEqual([failed]);
    expect(await page.isDisabled('[data-testid="runs-next"]')).toBe(true);
    await page.selectOption('[data-testid="status-filter"]', 'cancelled');
    await page.waitForSelector('[data-testid="runs-empty"]');
    expect(open.problems).toEqual([]);
  });

  it('pages with the cursor: older, then newer again', async () => {
    const open = await suite.open('#/runs');
    const { page } = open;
    await page.waitForSelector('[data-testid="run-row"]');
    await page.selectOption('[data-testid="page-size"]', '10');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 10);
    const first = await rowIds(page);
    // Newest first: the last ten quick runs, newest at the top.
    expect(first).toEqual([...quick].reverse());

    await page.click('[data-testid="runs-next"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 2);
    expect(await rowIds(page)).toEqual([scored, failed]);
    expect(await page.isDisabled('[data-testid="runs-next"]')).toBe(true);

    await page.click('[data-testid="runs-previous"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-row"]').length === 10);
    expect(await rowIds(page)).toEqual(first);
    expect(await page.isDisabled('[data-testid="runs-previous"]')).toBe(true);
    expect(open.problems).toEqual([]);
  });

  it('follows a running run live until it ends', async () => {
    // Waits for a person's answer: running for as long as the test wants, no timing involved.
    const waiting = await startRun(api, { plan: examplePlan('approval-flow.json') });
    await waitForRun(api, waiting, (run) => run.tasks.approval?.question !== undefined);
    const open = await suite.open('#/runs');
    const { page } = open;
    await page.waitForSelector(`[data-testid="run-row"][data-run-id="${waiting}"][data-status="running"]`);
    await page.waitForSelector('[data-testid="runs-live"]');
    await screenshot(page, 'runs-page');

    const { response } = await api.POST('/v1/runs/{id}/input', { params: { path: { id: waiting } }, body: { taskId: 'approval', answer: 'yes' } });
    expect(response.status).toBeLessThan(300);
    // No reload: the page reads the list again while a shown run is running.
    await page.waitForSelector(`[data-testid="run-row"][data-run-id="${waiting}"][data-status="completed"]`);
    await page.waitForSelector(`[data-testid="run-row"][data-run-id="${waiting}"] [data-testid="run-makespan"][data-ms]`);
    await page.click(`[data-testid="run-row"][data-run-id="${waiting}"] a`);
    await page.waitForFunction((id) => window.location.hash === `#/runs/${id}`, waiting);
    expect(open.problems).toEqual([]);
  });
});
