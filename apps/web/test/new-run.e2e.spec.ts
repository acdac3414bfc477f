import { join } from 'node:path';
import { consoleSuite, repoRoot, screenshot } from './support/browser';
import { exampleTaskIds, exampleText, waitForDagStatus, waitForRunPage, waitForValidPlan } from './support/console';

describe('New run: pick, edit and start a plan', () => {
  const suite = consoleSuite();

  it('starts examples/ecommerce-order.json and shows its run: every DAG node turns completed', async () => {
    const open = await suite.open('#/runs');
    const { page } = open;
    await page.click('[data-testid="nav-new"]');
    await page.selectOption('[data-testid="example-select"]', 'ecommerce-order.json');
    expect(await page.inputValue('[data-testid="plan-editor"]')).toBe(exampleText('ecommerce-order.json'));
    await waitForValidPlan(page);
    expect(await page.textContent('[data-testid="plan-status"]')).toContain('5 tasks');

    await page.click('[data-testid="start-run"]');
    const runId = await waitForRunPage(page);
    expect(runId).not.toBe('');
    await waitForDagStatus(page, exampleTaskIds('ecommerce-order.json'), 'completed');
    await page.waitForSelector('[data-testid="run-status"][data-status="completed"]');

    // The README's picture is refreshed on request only, so test runs leave the checkout as it was.
    await screenshot(page, 'run-page', process.env.UPDATE_DOCS_SCREENSHOT === '1' ? join(repoRoot, 'docs', 'images', 'web-console.png') : undefined);
    expect(open.problems).toEqual([]);
  });

  it('an invalid edit shows the issue at its path; a JSON syntax error at its line and column', async () => {
    const open = await suite.open('#/new');
    const { page } = open;
    await page.selectOption('[data-testid="example-select"]', 'ecommerce-order.json');
    await waitForValidPlan(page);

    const plan = JSON.parse(exampleText('ecommerce-order.json')) as { tasks: { agent: string; dependencies: string[] }[] };
    plan.tasks[2].agent = 'no_such_agent';
    plan.tasks[3].dependencies = ['payment', 'nowhere'];
    await page.fill('[data-testid="plan-editor"]', JSON.stringify(plan, null, 2));
    await page.waitForSelector('[data-testid="plan-status"][data-state="invalid"]');
    const issues = await page.$$eval('[data-testid="plan-issue"]', (items) => items.map((item) => [item.getAttribute('data-path'), item.getAttribute('data-code')]));
    expect(issues).toEqual(
      expect.arrayContaining([
        ['tasks[2].agent', 'UNKNOWN_AGENT'],
        ['tasks[3].dependencies[1]', 'UNKNOWN_DEPENDENCY'],
      ]),
    );
    expect(await page.isDisabled('[data-testid="start-run"]')).toBe(true);

    // Clicking an issue selects its place in the text.
    await page.click('[data-testid="plan-issue"][data-path="tasks[2].agent"] button');
    const selected = await page.$eval('[data-testid="plan-editor"]', (area) => {
      const text = area as HTMLTextAreaElement;
      return text.value.slice(text.selectionStart, text.selectionEnd);
    });
    expect(selected).toBe('"no_such_agent"');
    await screenshot(page, 'new-run-issues');

    // A missing comma on line 3: reported locally, before any call, at its line and column.
    await page.fill('[data-testid="plan-editor"]', '{\n  "name": "broken"\n  "tasks": []\n}');
    await page.waitForSelector('[data-testid="plan-status"][data-state="syntax"]');
    const syntax = await page.textContent('[data-testid="plan-issue"][data-code="INVALID_JSON"]');
    expect(syntax).toContain('line 3, column 3');
    expect(await page.isDisabled('[data-testid="start-run"]')).toBe(true);
    await screenshot(page, 'new-run-syntax-error');
    expect(open.problems).toEqual([]);
  });

  it('plans a request with the host planner into the editor, and runs it with the chosen strategy', async () => {
    const open = await suite.open('#/new');
    const { page } = open;
    await page.fill('[data-testid="plan-request"]', 'Charge the card for order #1042, then email the confirmation');
    await page.click('[data-testid="plan-request-submit"]');
    await page.waitForFunction(() => {
      const text = (document.querySelector('[data-testid="plan-editor"]') as HTMLTextAreaElement).value;
      try {
        return (JSON.parse(text) as { request?: string }).request?.includes('#1042') === true;
      } catch {
        return false;
      }
    });
    const planned = JSON.parse(await page.inputValue('[data-testid="plan-editor"]')) as { tasks: { id: string }[] };
    expect(planned.tasks.length).toBeGreaterThan(0);
    await waitForValidPlan(page);

    await page.selectOption('[data-testid="strategy-select"]', 'sequential');
    await page.click('[data-testid="start-run"]');
    await waitForRunPage(page);
    await waitForDagStatus(
      page,
      planned.tasks.map((task) => task.id),
      'completed',
    );
    await page.waitForSelector('[data-testid="run-status"][data-status="completed"]');
    expect(open.problems).toEqual([]);
  });
});
