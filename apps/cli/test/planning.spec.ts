import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '@a2a-mcp/planner';
import { examplePath, fixturePath, runCli } from './support/fake-io';

const requests = readFileSync(examplePath('requests.txt'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));

interface ResultJson {
  status: string;
  strategy: string;
  strategyReason: string;
  failed: string[];
  skipped: string[];
  tasks: Record<string, { status: string; attempts: number; qualityScore: number | null; error?: { code: string; message: string } }>;
}

const deps = (plan: Plan) => Object.fromEntries(plan.tasks.map((t) => [t.agent, [...t.dependencies].sort()]));

describe('a2a-mcp plan', () => {
  it('plans each request of examples/requests.txt over the demo agents', async () => {
    expect(requests).toHaveLength(3);
    const plans: Plan[] = [];
    for (const request of requests) {
      const { code, stdout, stderr } = await runCli(['plan', request, '--json']);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      plans.push(JSON.parse(stdout) as Plan);
    }
    const [order, data, quarterly] = plans;
    expect(deps(order)).toEqual({
      payment_processor: [],
      inventory_manager: [],
      shipping_agent: ['inventory', 'payment'],
      email_agent: ['payment'],
      sms_agent: ['payment'],
    });
    expect(order.criticalPath).toEqual(['payment', 'shipping']);
    expect(Object.keys(deps(data)).sort()).toEqual(['analytics_specialist', 'data_processor', 'notification_agent', 'reporting_agent']);
    expect(data.tasks.find((t) => t.agent === 'notification_agent')?.dependencies).toEqual([]);
    expect(quarterly.tasks.map((t) => t.agent)).toEqual(['data_processor', 'analytics_specialist', 'reporting_agent', 'archival_agent']);
  });

  it('prints a readable table with the critical path, and names steps no agent can do', async () => {
    const { code, stdout } = await runCli(['plan', 'Charge the card for order 7, then email the customer, and also paint the fence']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^TASK\s+AGENT\s+DEPENDS ON\s+EST MS\s+DOMAIN\s+DESCRIPTION/m);
    expect(stdout).toMatch(/^payment\s+payment_processor\s+-/m);
    expect(stdout).toMatch(/critical path payment → email/);
    expect(stdout).toMatch(/risk \(high\): no agent can do: ".*paint the fence"/);
  });

  it('refuses a request no agent can serve, and the llm planner without its settings (exit 2)', async () => {
    const none = await runCli(['plan', 'Paint the fence green']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^a2a-mcp: cannot plan the request \(NO_MATCHING_AGENT\)/);
    const llm = await runCli(['plan', 'Charge the card', '--planner', 'llm']);
    expect(llm.code).toBe(2);
    expect(llm.stderr).toMatch(/PLANNER_LLM_URL/);
    const empty = await runCli(['plan', '   ']);
    expect(empty.code).toBe(2);
  });
});

describe('a2a-mcp run --request', () => {
  it('plans and runs in one go', async () => {
    const { code, stdout } = await runCli(['run', '--request', requests[0], '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as ResultJson;
    expect(Object.keys(result.tasks).sort()).toEqual(['email', 'inventory', 'payment', 'shipping', 'sms']);
    expect(result.status).toBe('completed');
    // Scores come from the quality framework: the demo outputs satisfy their SERVICE thresholds.
    for (const task of Object.values(result.tasks)) expect(task.qualityScore).toBeGreaterThan(0.7);
  });

  it('refuses a plan file together with --request', async () => {
    const { code, stderr } = await runCli(['run', examplePath('ecommerce-order.json'), '--request', 'charge the card']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/not both/);
  });
});

describe('quality policies and settings', () => {
  const runLowQuality = async (...flags: string[]) => {
    const outcome = await runCli(['run', fixturePath('low-quality.json'), '--json', ...flags]);
    return { ...outcome, result: JSON.parse(outcome.stdout || '{}') as ResultJson };
  };

  it('warn (default): reports the low score and goes on', async () => {
    const { code, result } = await runLowQuality();
    expect(code).toBe(0);
    expect(result.tasks.weak).toMatchObject({ status: 'completed', attempts: 1 });
    expect(result.tasks.weak.qualityScore).toBeLessThan(0.7);
  });

  it('retry: re-runs the task on the quality budget (QUALITY_MAX_RETRIES, default 2), then fails it and skips its dependents', async () => {
    const { code, result } = await runLowQuality('--quality-policy', 'retry');
    expect(code).toBe(1);
    // Low quality spends its own budget, not the task's error retries (maxRetries 1 in the fixture).
    expect(result.tasks.weak).toMatchObject({ status: 'failed', attempts: 3, error: { code: 'QUALITY_BELOW_THRESHOLD' } });
    expect(result.skipped).toEqual(['after']);
    const once = await runCli(['run', fixturePath('low-quality.json'), '--json', '--quality-policy', 'retry'], { env: { QUALITY_MAX_RETRIES: '1' } });
    expect((JSON.parse(once.stdout) as ResultJson).tasks.weak).toMatchObject({ status: 'failed', attempts: 2 });
    const bad = await runCli(['run', fixturePath('low-quality.json')], { env: { QUALITY_MAX_RETRIES: 'lots' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/QUALITY_MAX_RETRIES="lots"/);
  });

  it('fail: fails at once', async () => {
    const { code, result } = await runLowQuality('--quality-policy', 'fail');
    expect(code).toBe(1);
    expect(result.tasks.weak).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'QUALITY_BELOW_THRESHOLD' } });
  });

  it('honours ENABLE_QUALITY_VALIDATION and DEFAULT_QUALITY_DOMAIN, and names a bad value', async () => {
    const off = await runCli(['run', fixturePath('low-quality.json'), '--json', '--quality-policy', 'fail'], { env: { ENABLE_QUALITY_VALIDATION: 'false' } });
    expect(off.code).toBe(0);
    const bad = await runCli(['run', fixturePath('low-quality.json')], { env: { ENABLE_QUALITY_VALIDATION: 'maybe' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/ENABLE_QUALITY_VALIDATION/);
    const domain = await runCli(['run', fixturePath('low-quality.json')], { env: { DEFAULT_QUALITY_DOMAIN: 'ASTROLOGY' } });
    expect(domain.code).toBe(2);
    expect(domain.stderr).toMatch(/DEFAULT_QUALITY_DOMAIN/);
  });

  it('auto reports the optimizer\'s reason in the result', async () => {
    const { stdout } = await runCli(['run', examplePath('ecommerce-order.json'), '--json', '--strategy', 'auto']);
    const result = JSON.parse(stdout) as ResultJson;
    // Estimated levels line up with the critical path and each reaches the plan's threshold (2).
    expect(result.strategy).toBe('parallel');
    expect(result.strategyReason).toMatch(/^auto: uniform_levels: /);
    // A one-shot CLI run snapshots before the monitor's first sample: said as such, not as idle.
    expect(result.strategyReason).toContain('load: event loop: no load history yet');
  });
});

describe('custom dependency rules (--rules, CUSTOM_DEPENDENCIES_FILE)', () => {
  const rulesFile = examplePath('custom-dependency-rules.json');
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-rules-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fileWith = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const planOf = async (argv: string[], env: Record<string, string> = {}): Promise<Plan> => {
    const { code, stdout, stderr } = await runCli(['plan', requests[0], '--json', ...argv], { env });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    return JSON.parse(stdout) as Plan;
  };

  it('plan applies the rules of --rules, else of CUSTOM_DEPENDENCIES_FILE; the flag wins', async () => {
    expect(deps(await planOf([])).sms_agent).toEqual(['payment']);
    // examples/custom-dependency-rules.json: the text message goes out only after the email.
    expect(deps(await planOf(['--rules', rulesFile])).sms_agent).toEqual(['email', 'payment']);
    expect(deps(await planOf([], { CUSTOM_DEPENDENCIES_FILE: rulesFile })).sms_agent).toEqual(['email', 'payment']);
    // The variable names a file that does not exist: with the flag it is not even read.
    expect(deps(await planOf(['--rules', rulesFile], { CUSTOM_DEPENDENCIES_FILE: join(dir, 'missing.json') })).sms_agent).toEqual(['email', 'payment']);
  });

  it('run --request plans with the rules: the SMS starts only after the email finished', async () => {
    const { code, stdout } = await runCli(['run', '--request', requests[0], '--rules', rulesFile, '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { tasks: Record<string, { startedAtMs: number; finishedAtMs: number }> };
    expect(result.tasks.sms.startedAtMs).toBeGreaterThanOrEqual(result.tasks.email.finishedAtMs);
  });

  it('a bad rules file is bad input (exit 2) naming the flag or variable, the file, the rule and the field', async () => {
    const unknown = fileWith('unknown.json', JSON.stringify({ rules: [{ agent: 'sms_agent', dependsOn: ['pigeon_agent'] }] }));
    const byFlag = await runCli(['plan', requests[0], '--rules', unknown]);
    expect(byFlag.code).toBe(2);
    expect(byFlag.stderr).toMatch(/^a2a-mcp: --rules: rules file ".*unknown\.json": rules\[0\]\.dependsOn\[0\]: unknown agent "pigeon_agent" \(known agents: /);
    const byEnv = await runCli(['run', '--request', requests[0]], { env: { CUSTOM_DEPENDENCIES_FILE: unknown } });
    expect(byEnv.code).toBe(2);
    expect(byEnv.stderr).toMatch(/^a2a-mcp: CUSTOM_DEPENDENCIES_FILE: rules file ".*unknown\.json": rules\[0\]\.dependsOn\[0\]/);
    const broken = fileWith('broken.json', '{ "rules": [ { "agent": "sms_agent" ] }');
    expect((await runCli(['plan', requests[0], '--rules', broken])).stderr).toMatch(/rules file ".*broken\.json": invalid JSON at line 1, column \d+/);
    const shape = fileWith('shape.json', JSON.stringify({ rules: [{ agent: 'sms_agent', after: ['email_agent'] }] }));
    const shapeError = await runCli(['plan', requests[0], '--rules', shape]);
    expect(shapeError.stderr).toContain('rules[0].after: unknown field');
    expect(shapeError.stderr).toContain('rules[0].dependsOn: is missing');
    const missing = await runCli(['plan', requests[0], '--rules', join(dir, 'nope.json')]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/--rules: rules file ".*nope\.json": cannot be read: no such file/) });
  });

  it('--rules goes with planning only: not with a plan file, nor with --server', async () => {
    const withFile = await runCli(['run', examplePath('ecommerce-order.json'), '--rules', rulesFile]);
    expect(withFile).toMatchObject({ code: 2, stderr: expect.stringContaining('--rules goes with --request') });
    const remote = await runCli(['run', '--request', requests[0], '--rules', rulesFile, '--server', 'http://localhost:1']);
    expect(remote).toMatchObject({ code: 2, stderr: expect.stringContaining('with --server the host plans with its own CUSTOM_DEPENDENCIES_FILE') });
    // A plan file has its dependencies: the variable is not read for it.
    const planned = await runCli(['run', examplePath('ecommerce-order.json'), '--json'], { env: { CUSTOM_DEPENDENCIES_FILE: join(dir, 'missing.json') } });
    expect(planned.code).toBe(0);
  });
});
