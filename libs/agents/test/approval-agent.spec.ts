import { TaskError } from '@a2a-mcp/core-graph';
import { createStandaloneContext } from '@a2a-mcp/core-graph/testing';
import { APPROVAL_AGENT, APPROVAL_MAX_QUESTIONS, createApprovalAgent, createDemoAgents, createInteractiveDemoAgents } from '../src';
import { parseAnswer } from '../src/demo/approval-agent.agent';
import { schemaViolations } from './support/schema-check';
import { taskRequest } from './support/test-context';

const agent = createApprovalAgent();

/** Runs the agent with `answers` given in turn to its questions; records the questions. */
async function approve(answers: unknown[], overrides: Parameters<typeof taskRequest>[0] = {}) {
  const queue = [...answers];
  const test = createStandaloneContext({ taskId: 'approve', answer: () => queue.shift() });
  const task = taskRequest({ taskId: 'approve', agent: APPROVAL_AGENT, description: 'Ask a manager to approve order #1042', ...overrides });
  const outcome = await agent.execute(task, test.ctx).then(
    (output) => ({ output: output as Record<string, unknown>, error: undefined }),
    (error: unknown) => ({ output: undefined, error: error as TaskError }),
  );
  return { ...test, ...outcome };
}

describe('approval_agent', () => {
  it('is an interactive demo agent, kept apart from the ten that never ask', () => {
    expect(createInteractiveDemoAgents().map((demo) => demo.card.name)).toEqual([APPROVAL_AGENT]);
    expect(createDemoAgents().map((demo) => demo.card.name)).not.toContain(APPROVAL_AGENT);
  });

  it('asks "Approve order X for $Y? (yes/no)" and, on yes, completes approved with the approver', async () => {
    const { questions, output, progress } = await approve(['yes'], { input: { amount: 129.9, approver: 'erika' } });
    expect(questions).toEqual(['Approve order 1042 for $129.90? (yes/no)']);
    expect(output).toEqual({ orderId: '1042', amount: 129.9, currency: 'USD', approved: true, approver: 'erika', confidence: 1 });
    expect(progress.map((p) => p.pct)).toEqual([0, 100]);
    expect(schemaViolations(output, agent.card.skills[0].metadata!.outputSchema!)).toEqual([]);
  });

  it('reads the order, amount and currency from an upstream payment', async () => {
    const payment = { orderId: 'A-17', transactionId: 'txn_1', amount: 2400, currency: 'EUR', status: 'captured', confidence: 0.98 };
    const { questions, output } = await approve([{ approved: true, approver: 'sam' }], { description: 'Get sign-off', dependencyOutputs: { payment } });
    expect(questions).toEqual(['Approve order A-17 for 2400.00 EUR? (yes/no)']);
    expect(output).toMatchObject({ orderId: 'A-17', amount: 2400, currency: 'EUR', approver: 'sam' });
  });

  it('on no, fails with the non-retryable APPROVAL_REJECTED naming who refused and why', async () => {
    const { error } = await approve([{ approved: false, approver: 'sam', reason: 'address unverified' }], { input: { amount: 5 } });
    expect(error).toBeInstanceOf(TaskError);
    expect(error).toMatchObject({ code: 'APPROVAL_REJECTED', retryable: false });
    expect(error!.message).toBe('task "approve": order 1042 was not approved by sam: address unverified');
    expect((await approve(['No'], { input: { amount: 5 } })).error).toMatchObject({ code: 'APPROVAL_REJECTED' });
  });

  it('asks again after an unclear answer, and gives up with INVALID_ANSWER after the last question', async () => {
    const again = await approve(['maybe', 'y'], { input: { amount: 5 } });
    expect(again.questions).toEqual(['Approve order 1042 for $5.00? (yes/no)', 'Please answer yes or no. Approve order 1042 for $5.00? (yes/no)']);
    expect(again.output).toMatchObject({ approved: true, approver: 'operator' });

    const unclear = await approve(['?', 42, { approved: 'yes' }, 'yes'], { input: { amount: 5 } });
    expect(unclear.questions).toHaveLength(APPROVAL_MAX_QUESTIONS);
    expect(unclear.error).toMatchObject({ code: 'INVALID_ANSWER', retryable: false });
  });

  it('fails bad input at once, before asking', async () => {
    const missing = await approve(['yes']);
    expect(missing.error).toMatchObject({ code: 'INVALID_INPUT', retryable: false });
    expect(missing.error!.message).toContain('input.amount');
    expect(missing.questions).toEqual([]);
    const negative = await approve(['yes'], { input: { amount: -1 } });
    expect(negative.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(negative.questions).toEqual([]);
  });

  it.each([
    ['yes', true],
    [' APPROVE ', true],
    [true, true],
    ['n', false],
    ['rejected', false],
    [false, false],
  ])('reads %j as approved=%s', (answer, approved) => {
    expect(parseAnswer(answer)).toEqual({ approved });
  });

  it.each([['perhaps'], [''], [1], [null], [{ approved: 'yes' }], [['yes']]])('finds no decision in %j', (answer) => {
    expect(parseAnswer(answer)).toBeUndefined();
  });
});
