import { apiFor } from './support/api';
import { consoleSuite, screenshot } from './support/browser';

describe('Agents: what this host can call', () => {
  const suite = consoleSuite();

  it('lists every agent of GET /v1/agents with its card, transport, address and health', async () => {
    const { data } = await apiFor(suite.host.url).GET('/v1/agents');
    const payment = data!.items.find((agent) => agent.name === 'payment_processor');
    expect(payment).toBeDefined();

    const { page, context, problems } = await suite.open('#/runs');
    await page.click('[data-testid="nav-agents"]');
    const card = '[data-testid="agent-row"][data-agent="payment_processor"]';
    await page.waitForSelector(card);
    const names = await page.$$eval('[data-testid="agent-row"]', (rows) => rows.map((row) => row.getAttribute('data-agent')));
    expect([...names].sort()).toEqual(data!.items.map((agent) => agent.name).sort());

    const text = await page.textContent(card);
    expect(text).toContain(payment!.description);
    expect(text).toContain(payment!.version);
    expect(text).toContain(payment!.transport);
    expect(text).toContain(payment!.address);
    expect(await page.getAttribute(card, 'data-healthy')).toBe(String(payment!.healthy));
    for (const skill of payment!.skills) {
      const shown = await page.textContent(`${card} [data-testid="agent-skill"][data-skill="${skill.id}"]`);
      for (const tag of skill.tags) expect(shown).toContain(tag);
    }
    await screenshot(page, 'agents-page');
    expect(problems).toEqual([]);
    await context.close();
  });
});
