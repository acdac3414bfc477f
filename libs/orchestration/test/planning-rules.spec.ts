import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '@a2a-mcp/planner';
import { OrchestratorConfigError, PlanningService } from '../src';
import { orchestrationContext } from './support';

const ORDER = 'Process order 1042: charge the card, reserve the items, print a shipping label, then email and text the customer.';
const RULES = join(__dirname, '..', '..', '..', 'examples', 'custom-dependency-rules.json');
const depsOf = (plan: Plan, agent: string): string[] => [...(plan.tasks.find((task) => task.agent === agent)?.dependencies ?? [])].sort();

describe('PlanningService with CUSTOM_DEPENDENCIES_FILE', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'planning-rules-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plans with the rules: the SMS waits for the email', async () => {
    const plain = await orchestrationContext();
    const ruled = await orchestrationContext({ CUSTOM_DEPENDENCIES_FILE: RULES });
    try {
      const without = await plain.get(PlanningService).plan(ORDER);
      const withRules = await ruled.get(PlanningService).plan(ORDER);
      expect(depsOf(without.plan, 'sms_agent')).toEqual(['payment']);
      expect(depsOf(withRules.plan, 'sms_agent')).toEqual(['email', 'payment']);
      expect(withRules.planner).toBe('deterministic');
    } finally {
      await plain.close();
      await ruled.close();
    }
  });

  it('refuses to boot when a rule names an agent or skill no registered agent has, naming the variable', async () => {
    const path = join(dir, 'unknown.json');
    writeFileSync(path, JSON.stringify({ rules: [{ agent: 'sms_agent', dependsOn: ['email_agent'] }, { skill: 'send_pigeon', dependsOn: ['send_email'] }] }));
    const boot = orchestrationContext({ CUSTOM_DEPENDENCIES_FILE: path });
    await expect(boot).rejects.toBeInstanceOf(OrchestratorConfigError);
    await expect(boot).rejects.toThrow(
      new RegExp(`^invalid configuration: CUSTOM_DEPENDENCIES_FILE=".*unknown\\.json" \\(allowed: rules naming the registered agents and skills; rules file ".*unknown\\.json": rules\\[1\\]\\.skill: unknown skill "send_pigeon" \\(known skills: `),
    );
  });
});
