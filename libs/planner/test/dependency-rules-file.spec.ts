import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DependencyRulesError,
  DeterministicPlanner,
  checkRuleNames,
  dependencyRulesOf,
  parseDependencyRuleSet,
  readDependencyRulesFile,
  type CustomDependencyRuleSet,
} from '../src';
import { EXAMPLES_DIR } from './helpers';
import { agentGraph, demoCards, exampleRequests, expectValid } from './planning-helpers';

const agents = demoCards();
const EXAMPLE_RULES = join(EXAMPLES_DIR, 'custom-dependency-rules.json');

function errorOf(action: () => unknown): DependencyRulesError {
  try {
    action();
  } catch (error) {
    if (error instanceof DependencyRulesError) return error;
    throw error;
  }
  throw new Error('expected a DependencyRulesError');
}

describe('custom dependency rules files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rules-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fileWith = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads examples/custom-dependency-rules.json against the demo agents, and the planner applies it', async () => {
    const ruleSet = readDependencyRulesFile(EXAMPLE_RULES, agents);
    expect(ruleSet.rules).toEqual([
      { kind: 'agent', name: 'reporting_agent', dependsOn: ['analytics_specialist', 'data_processor'] },
      { kind: 'agent', name: 'archival_agent', dependsOn: ['reporting_agent'] },
      { kind: 'agent', name: 'notification_agent', dependsOn: [] },
      { kind: 'skill', name: 'send_sms', dependsOn: ['send_email'] },
    ]);
    const rules = dependencyRulesOf(ruleSet);
    const [order] = exampleRequests();
    const planner = new DeterministicPlanner();
    const plain = await planner.plan(order, { agents });
    const ruled = await planner.plan(order, { agents, customDependencies: rules });
    expectValid(ruled, agents);
    expect(agentGraph(plain).sms_agent).toEqual(['payment_processor']);
    expect(agentGraph(ruled).sms_agent).toEqual(['email_agent', 'payment_processor']);
  });

  it('names the file, each rule index and field, and reports every problem at once', () => {
    const error = errorOf(() =>
      parseDependencyRuleSet(
        {
          rules: [
            { agent: 'reporting_agent', dependsOn: ['data_processor', 7, ''] },
            { agent: 'a', skill: 'b', dependsOn: [] },
            { dependsOn: ['x'] },
            { task: 'sms' },
            { agent: 'email_agent', dependsOn: 'sms_agent', after: ['x'] },
            'reporting_agent',
          ],
          extra: true,
        },
        'rules file "r.json"',
      ),
    );
    expect(error.code).toBe('INVALID_RULES');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'extra',
      'rules[0].dependsOn[1]',
      'rules[0].dependsOn[2]',
      'rules[1]',
      'rules[2]',
      'rules[3].dependsOn',
      'rules[4].after',
      'rules[4].dependsOn',
      'rules[5]',
    ]);
    expect(error.message).toMatch(/^rules file "r\.json": extra: unknown field/);
    expect(error.message).toContain('rules[0].dependsOn[1]: must be a non-empty name, got number 7');
    expect(error.message).toContain('rules[1]: must name exactly one of "agent", "skill" or "task", got "agent" and "skill"');
    expect(error.message).toContain('rules[2]: must name exactly one of "agent", "skill" or "task", got none');
    expect(error.message).toContain('rules[3].dependsOn: is missing');
    expect(error.message).toContain('rules[4].dependsOn: must be a list of names, got "sms_agent"');
  });

  it('explains the format when "rules" is missing or the file is no object', () => {
    // The original framework's dictionary form is not a rules file: say what is.
    expect(errorOf(() => parseDependencyRuleSet({ reporting_agent: ['data_processor'] }, 'f')).message).toMatch(
      /^f: rules: is missing: write \{"rules": \[\{"agent": "reporting_agent", "dependsOn": \["analytics_specialist"\]\}, …\]\}; reporting_agent: unknown field/,
    );
    expect(errorOf(() => parseDependencyRuleSet([], 'f')).message).toMatch(/^f: must be a JSON object like .*, got a list$/);
    expect(errorOf(() => parseDependencyRuleSet({ rules: {} }, 'f')).message).toBe('f: rules: must be a list of rules, got an object');
  });

  it('refuses names no known agent has: agents for agent rules, skills for skill rules; task ids are not known before planning', () => {
    const ruleSet = parseDependencyRuleSet(
      {
        rules: [
          { agent: 'reporting', dependsOn: ['analytics_specialist', 'ghost_agent'] },
          { skill: 'send_email', dependsOn: ['teleport'] },
          { task: 'sms', dependsOn: ['email'] },
        ],
      },
      'rules file "r.json"',
    );
    const error = errorOf(() => checkRuleNames(ruleSet, agents));
    expect(error.issues.map((issue) => issue.path)).toEqual(['rules[0].agent', 'rules[0].dependsOn[1]', 'rules[1].dependsOn[0]']);
    expect(error.message).toMatch(/^rules file "r\.json": rules\[0\]\.agent: unknown agent "reporting" \(known agents: analytics_specialist, archival_agent, /);
    expect(error.message).toContain('rules[1].dependsOn[0]: unknown skill "teleport" (known skills: ');
    expect(() => checkRuleNames(ruleSet, [...agents, { name: 'reporting', skills: [] }, { name: 'ghost_agent', skills: [{ id: 'teleport', name: 't' }] }] as never)).not.toThrow();
  });

  it('merges two rules for one name into the planners\' form, keeping odd names own keys', () => {
    const ruleSet: CustomDependencyRuleSet = {
      source: 's',
      rules: [
        { kind: 'agent', name: 'email_agent', dependsOn: ['payment_processor'] },
        { kind: 'skill', name: 'email_agent', dependsOn: ['create_shipment'] },
        { kind: 'task', name: '__proto__', dependsOn: ['x'] },
      ],
    };
    const rules = dependencyRulesOf(ruleSet);
    expect(rules.email_agent).toEqual(['payment_processor', 'create_shipment']);
    expect(Object.hasOwn(rules, '__proto__')).toBe(true);
  });

  it('names a missing file, a directory and broken JSON (line and column) with their own codes', () => {
    const missing = errorOf(() => readDependencyRulesFile(join(dir, 'nope.json')));
    expect(missing).toMatchObject({ code: 'RULES_FILE_UNREADABLE', message: `rules file "${join(dir, 'nope.json')}": cannot be read: no such file` });
    expect(errorOf(() => readDependencyRulesFile(dir)).message).toContain('cannot be read: it is a directory');
    const broken = fileWith('broken.json', '{\n  "rules": [\n    { "agent": "x", }\n  ]\n}');
    const syntax = errorOf(() => readDependencyRulesFile(broken));
    expect(syntax.code).toBe('RULES_INVALID_JSON');
    expect(syntax.message).toMatch(new RegExp(`^rules file ".*broken\\.json": invalid JSON at line 3, column 21: `));
  });

  it('checks names only when the agents are given', () => {
    const path = fileWith('unknown.json', JSON.stringify({ rules: [{ agent: 'ghost_agent', dependsOn: [] }] }));
    expect(readDependencyRulesFile(path).rules).toHaveLength(1);
    expect(errorOf(() => readDependencyRulesFile(path, agents)).message).toContain('rules[0].agent: unknown agent "ghost_agent"');
  });
});
