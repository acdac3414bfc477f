import type { Page } from 'playwright-core';
import { allEvents, apiFor, runDetails, simulatorChain, startRun } from './support/api';
import { consoleSuite, screenshot, WAIT_MS } from './support/browser';
import { exampleTaskIds, exampleText, waitForDagStatus } from './support/console';

/** The Gantt's bars as the page draws them. */
async function ganttBars(page: Page): Promise<{ taskId: string; start: number; end: number; status: string }[]> {
  return page.$$eval('[data-testid="gantt-bar"]', (bars) =>
    bars.map((bar) => ({
      taskId: bar.getAttribute('data-task-id') ?? '',
      start: Number(bar.getAttribute('data-start')),
      end: Number(bar.getAttribute('data-end')),
      status: bar.getAttribute('data-status') ?? '',
    })),
  );
}

async function runStatus(page: Page): Promise<string | null> {
  return page.getAttribute('[data-testid="run-status"]', 'data-status');
}

describe('the Run page', () => {
  const suite = consoleSuite();

  it('ecommerce-order: every task ends completed; the Gantt has the events’ times in task_start order; a click on a task shows its output', async () => {
    const api = apiFor(suite.host.url);
    const plan = JSON.parse(exampleText('ecommerce-order.json')) as NonNullable<Parameters<typeof startRun>[1]['plan']>;
    const runId = await startRun(api, { plan });
    const open = await suite.open(`#/runs/${encodeURIComponent(runId)}`);
    const { page } = open;
    const ids = exampleTaskIds('ecommerce-order.json');

    await waitForDagStatus(page, ids, 'completed');
    await page.waitForSelector('[data-testid="run-status"][data-status="completed"]');
    expect(await page.$$eval('[data-testid="dag-node"]', (nodes) => nodes.map((node) => node.getAttribute('data-task-id')).sort())).toEqual([...ids].sort());

    // The page against the API: the run's own events and result.
    const events = await allEvents(api, runId);
    const details = await runDetails(api, runId);
    const result = details.result!;
    const firstStarts = new Map<string, number>();
    for (const event of events) if (event.type === 'task_start' && !firstStarts.has(event.taskId)) firstStarts.set(event.taskId, event.at);
    const ends = new Map<string, number>();
    for (const event of events) if (event.type === 'task_complete') ends.set(event.taskId, event.at);

    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="gantt-bar"][data-status="completed"]').length === count, ids.length);
    const bars = await ganttBars(page);
    // Sorted by start (stable: equal starts keep the page's order), the bars follow the task_start events.
    const byStart = bars.map((bar, index) => ({ ...bar, index })).sort((a, b) => a.start - b.start || a.index - b.index);
    expect(byStart.map((bar) => bar.taskId)).toEqual([...firstStarts.keys()]);
    for (const bar of bars) {
      expect(bar.start).toBe(firstStarts.get(bar.taskId));
      expect(bar.end).toBe(ends.get(bar.taskId));
    }
    expect(Number(await page.getAttribute('[data-testid="gantt-makespan"]', 'data-ms'))).toBe(result.makespanMs);

    // Header: the result's strategy, makespan and efficiency; the measured critical path marked on the DAG.
    expect(await page.textContent('[data-testid="run-strategy"]')).toBe(result.strategy);
    expect(Number(await page.getAttribute('[data-testid="run-makespan"]', 'data-ms'))).toBe(result.makespanMs);
    expect(Number(await page.getAttribute('[data-testid="run-efficiency"]', 'data-value'))).toBe(result.parallelEfficiency);
    const critical = await page.$$eval('[data-testid="dag-node"][data-critical="true"]', (nodes) => nodes.map((node) => node.getAttribute('data-task-id')));
    expect(critical.sort()).toEqual([...result.criticalPath].sort());
    // The log ends with the run's last event.
    await page.waitForFunction((seq) => document.querySelector(`[data-testid="event-row"][data-seq="${seq}"]`) !== null, events[events.length - 1].seq);

    const picked = ids.find((id) => details.tasks[id].output !== undefined)!;
    await page.click(`[data-testid="dag-node"][data-task-id="${picked}"]`);
    await page.waitForSelector(`[data-testid="task-panel"][data-task-id="${picked}"]`);
    expect(JSON.parse((await page.textContent('[data-testid="task-output"]')) ?? '')).toEqual(details.tasks[picked].output);
    expect(await page.textContent('[data-testid="task-agent"]')).toBe(details.tasks[picked].agent);
    expect(await page.textContent('[data-testid="task-description"]')).toBe(details.tasks[picked].description);
    await screenshot(page, 'run-page-ecommerce');
    expect(open.problems).toEqual([]);
  });

  it('cancels a long run: the run and its unfinished tasks end cancelled', async () => {
    const api = apiFor(suite.host.url);
    const runId = await startRun(api, {
      plan: {
        tasks: ['slow1', 'slow2', 'slow3'].map((id, i) => ({ id, description: `a minute of work (${id})`, agent: 'simulator', estimatedDuration: 60_000, dependencies: i === 2 ? ['slow1'] : [] })),
      },
    });
    const open = await suite.open(`#/runs/${encodeURIComponent(runId)}`);
    const { page } = open;
    await page.waitForSelector('[data-testid="dag-node"][data-status="running"]');
    expect(await runStatus(page)).toBe('running');

    await page.click('[data-testid="cancel-run"]');
    await page.waitForSelector('[data-testid="run-status"][data-status="cancelled"]');
    await waitForDagStatus(page, ['slow1', 'slow2', 'slow3'], 'cancelled');
    expect((await runDetails(api, runId)).status).toBe('cancelled');
    // A finished run offers no controls.
    expect(await page.$('[data-testid="cancel-run"]')).toBeNull();
    expect(open.problems).toEqual([]);
  });

  it('after a reload mid-run, replays the log and follows the run to its end', async () => {
    const api = apiFor(suite.host.url);
    const plan = simulatorChain(8, 600);
    const ids = plan!.tasks.map((task) => task.id);
    const runId = await startRun(api, { plan });
    const open = await suite.open(`#/runs/${encodeURIComponent(runId)}`);
    const { page } = open;
    await page.waitForSelector('[data-testid="dag-node"][data-task-id="step1"][data-status="completed"]');
    const before = (await runDetails(api, runId)).status;

    await page.reload();
    await waitForDagStatus(page, ids, 'completed');
    await page.waitForSelector('[data-testid="run-status"][data-status="completed"]');
    // The reload happened while the run went on, and the page saw every event once.
    expect(before).toBe('running');
    const events = await allEvents(api, runId);
    await page.waitForFunction((count) => document.querySelector('[data-testid="event-count"]')?.getAttribute('data-count') === String(count), events.length);
    expect(await page.getAttribute('[data-testid="run-events"]', 'data-count')).toBe(String(events.length));
    expect(open.problems).toEqual([]);
  }, 4 * WAIT_MS);

  it('answers a paused task and adds a task to the running plan', async () => {
    const api = apiFor(suite.host.url);
    const plan = JSON.parse(exampleText('approval-flow.json')) as NonNullable<Parameters<typeof startRun>[1]['plan']>;
    const runId = await startRun(api, { plan });
    const open = await suite.open(`#/runs/${encodeURIComponent(runId)}`);
    const { page } = open;

    await page.waitForSelector('[data-testid="dag-node"][data-task-id="approval"][data-status="paused"]');
    const question = (await runDetails(api, runId)).tasks.approval.question!;
    expect(await page.textContent('[data-testid="answer-form"][data-task-id="approval"]')).toContain(question);

    // While the run waits for the answer: a new task after payment.
    await page.click('[data-testid="add-node"] summary');
    await page.fill('[data-testid="add-node-id"]', 'audit');
    await page.fill('[data-testid="add-node-agent"]', 'simulator');
    await page.fill('[data-testid="add-node-description"]', 'Record the order in the audit log');
    await page.fill('[data-testid="add-node-depends"]', 'payment');
    await page.click('[data-testid="add-node-submit"]');
    await page.waitForSelector('[data-testid="dag-node"][data-task-id="audit"]');

    await page.fill('[data-testid="answer-input"]', 'yes');
    await page.click('[data-testid="answer-submit"]');
    await waitForDagStatus(page, ['payment', 'approval', 'shipping', 'audit'], 'completed');
    await page.waitForSelector('[data-testid="run-status"][data-status="completed"]');
    const details = await runDetails(api, runId);
    expect(details.tasks.audit.dependencies).toEqual(['payment']);
    expect(details.tasks.approval.output).toEqual(expect.objectContaining({ approved: true }));
    expect(open.problems).toEqual([]);
  });
});
