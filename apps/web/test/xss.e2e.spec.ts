import { apiFor, runDetails, startRun } from './support/api';
import { consoleSuite, screenshot } from './support/browser';
import { waitForDagStatus } from './support/console';

const SCRIPT = '<script>window.__xss=1</script>';
const IMAGE = '<img src=x onerror="window.__xss=2">';

describe('agent output is text, never markup', () => {
  const suite = consoleSuite();

  it('shows a task output holding <script> and <img onerror> as text: nothing runs, no element is made', async () => {
    const api = apiFor(suite.host.url);
    // The simulator returns input.output as the task's output.
    const runId = await startRun(api, {
      plan: {
        tasks: [
          { id: 'echo', description: `Echo ${IMAGE}`, agent: 'simulator', input: { durationMs: 5, output: { html: SCRIPT, image: IMAGE, note: `${SCRIPT}${IMAGE}` } } },
          { id: 'after', description: 'after the echo', agent: 'simulator', dependencies: ['echo'], input: { durationMs: 5 } },
        ],
      },
    });
    const open = await suite.open(`#/runs/${encodeURIComponent(runId)}`);
    const { page } = open;
    await waitForDagStatus(page, ['echo', 'after'], 'completed');
    expect((await runDetails(api, runId)).tasks.echo.output).toEqual({ html: SCRIPT, image: IMAGE, note: `${SCRIPT}${IMAGE}` });

    await page.click('[data-testid="dag-node"][data-task-id="echo"]');
    await page.waitForSelector('[data-testid="task-panel"][data-task-id="echo"]');
    const output = (await page.textContent('[data-testid="task-output"]')) ?? '';
    expect(JSON.parse(output)).toEqual({ html: SCRIPT, image: IMAGE, note: `${SCRIPT}${IMAGE}` });
    expect(await page.textContent('[data-testid="task-description"]')).toBe(`Echo ${IMAGE}`);
    // The text is on screen as written, and it made no element and ran nothing.
    expect(await page.isVisible(`[data-testid="task-output"]:has-text("${SCRIPT}")`)).toBe(true);
    expect(await page.$$('[data-testid="task-panel"] img')).toHaveLength(0);
    expect(await page.$$('[data-testid="task-panel"] script')).toHaveLength(0);
    expect(await page.$$('img[src="x"]')).toHaveLength(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    await screenshot(page, 'xss-task-panel');
    expect(open.problems).toEqual([]);
  });
});
