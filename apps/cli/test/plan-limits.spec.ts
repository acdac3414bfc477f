import { CliInputError } from '../src/cli-error';
import { checkPlanFile } from '../src/load-plan';
import { examplePath, runCli } from './support/fake-io';

const ECOMMERCE = examplePath('ecommerce-order.json'); // 5 tasks
const AGENTS = ['payment_processor', 'inventory_manager', 'shipping_agent', 'email_agent', 'sms_agent'];

describe('plan limits from the environment', () => {
  it('applies PLAN_MAX_TASKS to a plan file', () => {
    expect(checkPlanFile(ECOMMERCE, AGENTS, { PLAN_MAX_TASKS: '5' }).ok).toBe(true);
    const check = checkPlanFile(ECOMMERCE, AGENTS, { PLAN_MAX_TASKS: '4' });
    expect(check.ok ? [] : check.issues.map((issue) => issue.code)).toEqual(['TOO_MANY_TASKS']);
  });

  it('applies PLAN_MAX_ID_LENGTH', () => {
    const check = checkPlanFile(ECOMMERCE, AGENTS, { PLAN_MAX_ID_LENGTH: '3' });
    expect(check.ok ? [] : [...new Set(check.issues.map((issue) => issue.code))]).toEqual(['ID_TOO_LONG']);
  });

  it('takes a bad limit as bad input, naming the variable, its value and what is allowed', () => {
    expect(() => checkPlanFile(ECOMMERCE, AGENTS, { PLAN_MAX_INPUT_BYTES: 'lots' })).toThrow(CliInputError);
    expect(() => checkPlanFile(ECOMMERCE, AGENTS, { PLAN_MAX_INPUT_BYTES: 'lots' })).toThrow(
      'invalid plan limits: PLAN_MAX_INPUT_BYTES="lots" (allowed: an integer from 1 to 9007199254740991)',
    );
  });

  describe('through the CLI (its environment)', () => {
    it('exits 2 with one line for a bad PLAN_MAX_TASKS', async () => {
      const { code, stdout, stderr } = await runCli(['validate', ECOMMERCE], { env: { PLAN_MAX_TASKS: '0' } });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe('a2a-mcp: invalid plan limits: PLAN_MAX_TASKS="0" (allowed: an integer from 1 to 9007199254740991)\n');
    });

    it('refuses a plan over PLAN_MAX_TASKS with exit 2, for run as for validate', async () => {
      for (const command of ['validate', 'run']) {
        const { code, stderr } = await runCli([command, ECOMMERCE], { env: { PLAN_MAX_TASKS: '2' } });
        expect(code).toBe(2);
        expect(stderr).toContain('the plan has 5 tasks, more than the 2 allowed');
      }
    });
  });
});
