import { consoleSuite, screenshot } from './support/browser';
import { exampleTaskIds, waitForDagStatus, waitForRunPage, waitForValidPlan } from './support/console';

const WRITER = 'writer-key-0123456789abcdef';
const READER = 'reader-key-0123456789abcdef';

describe('the console against a host with AUTH_MODE=apikey', () => {
  const suite = consoleSuite({ AUTH_MODE: 'apikey', API_KEYS: `${WRITER}:acme:runs:read|runs:write|agents:read,${READER}:acme:runs:read` });

  it('asks for the key (again when refused), then works with it, also after a reload', async () => {
    const { page, context, problems } = await suite.open('#/new');
    await page.waitForSelector('[data-testid="api-key-input"]');
    expect(await page.$('[data-testid="api-key-refused"]')).toBeNull();
    await screenshot(page, 'auth-key-prompt');

    await page.fill('[data-testid="api-key-input"]', 'not-a-key-of-this-host-0000');
    await page.click('[data-testid="api-key-submit"]');
    await page.waitForSelector('[data-testid="api-key-refused"]');

    await page.fill('[data-testid="api-key-input"]', WRITER);
    await page.click('[data-testid="api-key-submit"]');
    await page.selectOption('[data-testid="example-select"]', 'ecommerce-order.json');
    await waitForValidPlan(page);
    expect(await page.$('[data-testid="read-only"]')).toBeNull();
    await page.click('[data-testid="start-run"]');
    await waitForRunPage(page);
    await waitForDagStatus(page, exampleTaskIds('ecommerce-order.json'), 'completed');

    // The key is kept for the tab: a reload goes straight on.
    await page.reload();
    await page.waitForSelector('[data-testid="run-status"][data-status="completed"]');
    expect(await page.$('[data-testid="api-key-input"]')).toBeNull();
    await page.click('[data-testid="nav-agents"]');
    await page.waitForSelector('[data-testid="agent-row"][data-agent="payment_processor"]');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('with a read-only key (runs:read only): runs can be watched, the start buttons are disabled', async () => {
    const { page, context, problems } = await suite.open('#/new');
    await page.fill('[data-testid="api-key-input"]', READER);
    await page.click('[data-testid="api-key-submit"]');
    await page.waitForSelector('[data-testid="read-only"]');
    await page.selectOption('[data-testid="example-select"]', 'ecommerce-order.json');
    // Checking a plan is a read: it still works.
    await waitForValidPlan(page);
    expect(await page.isDisabled('[data-testid="start-run"]')).toBe(true);
    expect(await page.isDisabled('[data-testid="plan-request-submit"]')).toBe(true);
    await screenshot(page, 'auth-read-only');

    await page.click('[data-testid="nav-compare"]');
    expect(await page.isDisabled('[data-testid="compare-start"]')).toBe(true);

    // The writer's run (same tenant) is listed and can be opened.
    await page.click('[data-testid="nav-runs"]');
    await page.waitForSelector('[data-testid="run-row"][data-status="completed"]');
    await page.click('[data-testid="run-row"] a');
    await page.waitForSelector('[data-testid="run-status"][data-status="completed"]');

    // agents:read is not among its scopes: the page says so.
    await page.click('[data-testid="nav-agents"]');
    await page.waitForSelector('[data-testid="agents-error"]');
    expect(await page.textContent('[data-testid="agents-error"]')).toContain('FORBIDDEN');
    expect(problems).toEqual([]);
    await context.close();
  });
});
