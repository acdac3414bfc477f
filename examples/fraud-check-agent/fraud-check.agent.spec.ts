import { AgentRegistry, createDemoAgents, type AgentCard } from '@a2a-mcp/agents';
import { ParallelWorkflowGraph, TaskError, VirtualClock, runWorkflow, type TaskRequest } from '@a2a-mcp/core-graph';
import { createStandaloneContext } from '@a2a-mcp/core-graph/testing';
import { DOMAIN_AGENT_METADATA } from '@a2a-mcp/orchestration';
import { parsePlan } from '@a2a-mcp/planner';
import { QualityDomain, compileOutputSchema, validateResponse } from '@a2a-mcp/quality';
import { DiscoveryModule, DiscoveryService, Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FRAUD_CHECK_AGENT, FRAUD_CHECK_SKILL, FraudCheckAgent, type FraudCheckOutput } from './fraud-check.agent';
import { FraudCheckModule } from './fraud-check.module';

function fraudTask(input: Record<string, unknown>, dependencyOutputs: Record<string, unknown> = {}): TaskRequest {
  return {
    runId: 'run-1',
    taskId: 'fraud',
    description: 'Check order #1042 for fraud',
    agent: FRAUD_CHECK_AGENT,
    input,
    dependencyOutputs,
    metadata: {},
  };
}

/** A TaskContext on a virtual clock (sleeps take no real time) that records what the agent reports. */
function testContext() {
  return createStandaloneContext({ taskId: 'fraud' });
}

const outputSchema = FRAUD_CHECK_SKILL.metadata!.outputSchema!;
const validateOutput = compileOutputSchema(outputSchema);

function expectValidOutput(output: unknown): void {
  const valid = validateOutput(output);
  expect(validateOutput.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  // What the host's quality gate will say about it (the skill's domain and schema).
  const quality = validateResponse(output, {
    domain: QualityDomain.ANALYTICAL,
    outputSchema,
    description: 'Check order #1042 for fraud',
  });
  expect({ approved: quality.qualityApproved, issues: quality.qualityIssues }).toEqual({ approved: true, issues: [] });
}

async function check(input: Record<string, unknown>, dependencyOutputs: Record<string, unknown> = {}): Promise<FraudCheckOutput> {
  return new FraudCheckAgent().execute(fraudTask(input, dependencyOutputs), testContext().ctx);
}

const cleanOrder = {
  orderId: 'A-17',
  amount: 120,
  country: 'US',
  billingCountry: 'us',
  email: 'alice@example.com',
  ordersLast24h: 1,
  accountAgeDays: 400,
};

describe('FraudCheckAgent: decisions', () => {
  it('approves an order with no risk signal', async () => {
    const output = await check(cleanOrder);
    expect(output).toEqual({ orderId: 'A-17', riskScore: 0, decision: 'approve', reasons: ['no risk signals'], confidence: 0.975 });
    expectValidOutput(output);
  });

  it('sends an order to review at riskScore >= 0.3', async () => {
    const output = await check({ ...cleanOrder, amount: 900, billingCountry: 'FR' });
    expect(output).toMatchObject({ riskScore: 0.3, decision: 'review' });
    expect(output.reasons).toEqual(['elevated amount: 900 >= 500', 'billing country FR differs from shipping country US']);
    expectValidOutput(output);
  });

  it('rejects an order at riskScore >= 0.6, capping the score at 1', async () => {
    const output = await check({ ...cleanOrder, amount: 2500, email: 'x@Mailinator.com', ordersLast24h: 12, accountAgeDays: 0.2 });
    expect(output).toMatchObject({ orderId: 'A-17', riskScore: 1, decision: 'reject' });
    expect(output.reasons).toEqual([
      'high amount: 2500 >= 2000',
      'disposable email domain: mailinator.com',
      'velocity: 12 orders in 24 h',
      'new account: less than a day old',
    ]);
    expectValidOutput(output);
  });

  it('is deterministic: the same input gives the same output', async () => {
    const input = { ...cleanOrder, amount: 700, ordersLast24h: 4 };
    expect(await check(input)).toEqual(await check(input));
  });

  it('takes the order id and amount from the upstream payment, and flags a captured amount that differs', async () => {
    const payment = { orderId: '1042', transactionId: 'txn_1', amount: 2400, currency: 'USD', status: 'captured', confidence: 0.98 };
    const fromPayment = await check({ country: 'US' }, { payment });
    expect(fromPayment).toMatchObject({ orderId: '1042', riskScore: 0.3, decision: 'review', reasons: ['high amount: 2400 >= 2000'] });
    expectValidOutput(fromPayment);

    const mismatch = await check({ amount: 240 }, { payment });
    expect(mismatch).toMatchObject({ orderId: '1042', riskScore: 0.55, decision: 'review' });
    expect(mismatch.reasons).toContain('payment captured 2400, the order is for 240');
  });

  it('uses the thresholds and lists it is configured with', async () => {
    const strict = new FraudCheckAgent({ reviewAt: 0.1, rejectAt: 0.25, highRiskCountries: ['xx'] });
    const output = await strict.execute(fraudTask({ ...cleanOrder, country: 'XX', billingCountry: 'XX' }), testContext().ctx);
    expect(output).toMatchObject({ riskScore: 0.25, decision: 'reject', reasons: ['shipping country XX is on the high-risk list'] });
    expect(() => new FraudCheckAgent({ reviewAt: 0.7, rejectAt: 0.5 })).toThrow(/rejectAt must be a number in \(reviewAt, 1\], got 0.5/);
  });
});

describe('FraudCheckAgent: work, progress and failures', () => {
  it('honours input.durationMs on the run clock and reports progress 0 → 50 → 100', async () => {
    const { ctx, clock, progress, sleeps } = testContext();
    await new FraudCheckAgent().execute(fraudTask({ ...cleanOrder, durationMs: 40 }), ctx);
    expect(sleeps).toEqual([20, 20]);
    expect(clock.now()).toBe(40);
    expect(progress).toEqual([
      { pct: 0, message: 'checking order A-17' },
      { pct: 50, message: 'scoring risk signals' },
      { pct: 100, message: 'approve (risk 0)' },
    ]);
  });

  it.each([
    ['amount', { amount: -5 }, 'input.amount must be a non-negative number (got -5)'],
    ['amount', { amount: '12' }, 'input.amount must be a non-negative number (got "12")'],
    ['country', { country: 'Germany' }, 'input.country must be a two-letter country code'],
    ['email', { email: 'not-an-email' }, 'input.email must be an email address'],
    ['ordersLast24h', { ordersLast24h: 1.5 }, 'input.ordersLast24h must be a non-negative integer'],
    ['durationMs', { durationMs: -1 }, 'input.durationMs must be a non-negative number of milliseconds'],
    ['failOnReject', { failOnReject: 'yes' }, 'input.failOnReject must be true or false'],
  ])('fails bad input.%s at once with a non-retryable INVALID_INPUT naming the field', async (_field, bad, message) => {
    const { ctx, sleeps, progress } = testContext();
    const error = await new FraudCheckAgent().execute(fraudTask({ ...cleanOrder, ...bad }), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', retryable: false });
    expect((error as TaskError).message).toContain(`task "fraud": ${message}`);
    expect(sleeps).toEqual([]);
    expect(progress).toEqual([]);
  });

  it('needs an order id and an amount, from the input or an upstream payment', async () => {
    await expect(check({ amount: 10 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'task "fraud": input.orderId must be given when no upstream payment names the order (it is missing)',
    });
    await expect(check({ orderId: 7 })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('input.amount') });
  });

  it('stops when the run is cancelled during the work', async () => {
    const { ctx, controller, progress } = testContext();
    const running = new FraudCheckAgent().execute(fraudTask({ ...cleanOrder, durationMs: 10_000 }), ctx);
    await Promise.resolve();
    expect(progress.map((p) => p.pct)).toEqual([0]);
    controller.abort(new Error('run cancelled'));
    await expect(running).rejects.toThrow('run cancelled');
    expect(progress.map((p) => p.pct)).toEqual([0]);
  });

  it('with failOnReject, a rejected order fails the task (not retryable) so dependents are skipped', async () => {
    const error = await check({ ...cleanOrder, amount: 5000, email: 'a@yopmail.com', failOnReject: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FRAUD_REJECTED', retryable: false });
    expect((error as TaskError).message).toBe(
      'task "fraud": order A-17 rejected, risk 0.6: high amount: 5000 >= 2000; disposable email domain: yopmail.com',
    );
  });
});

describe('FraudCheckModule', () => {
  async function discoverAgents(imports: Parameters<typeof Test.createTestingModule>[0]['imports']) {
    const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule, ...(imports ?? [])] }).compile();
    const reflector = moduleRef.get(Reflector);
    // What the host does: every provider whose class carries DOMAIN_AGENT_METADATA is an agent.
    const agents = moduleRef
      .get(DiscoveryService)
      .getProviders()
      .filter((wrapper) => wrapper.metatype && reflector.get<AgentCard | undefined>(DOMAIN_AGENT_METADATA, wrapper.metatype))
      .map((wrapper) => ({ card: reflector.get<AgentCard>(DOMAIN_AGENT_METADATA, wrapper.metatype!), instance: wrapper.instance }));
    return { moduleRef, agents };
  }

  it('compiles in a Nest module and exposes the agent with its card under DOMAIN_AGENT_METADATA', async () => {
    const { moduleRef, agents } = await discoverAgents([FraudCheckModule.forFeature()]);
    expect(agents).toHaveLength(1);
    const [{ card, instance }] = agents;
    expect(card).toMatchObject({ name: 'fraud_check', version: '1.0.0', defaultInputModes: ['application/json'] });
    expect(card.skills).toEqual([FRAUD_CHECK_SKILL]);
    expect(instance).toBeInstanceOf(FraudCheckAgent);
    expect(moduleRef.get(FraudCheckAgent)).toBe(instance);
    await moduleRef.close();
  });

  it('hands the forFeature() options to the agent', async () => {
    const { moduleRef, agents } = await discoverAgents([FraudCheckModule.forFeature({ reviewAt: 0.1, rejectAt: 0.2 })]);
    const output = await (agents[0].instance as FraudCheckAgent).execute(fraudTask({ ...cleanOrder, amount: 600 }), testContext().ctx);
    expect(output).toMatchObject({ riskScore: 0.1, decision: 'review' });
    await moduleRef.close();
  });

  it('refuses bad options when the host starts, naming the option', () => {
    expect(() => FraudCheckModule.forFeature({ reviewAt: 0 })).toThrow('fraud_check options: reviewAt must be a number in (0, 1], got 0');
  });
});

describe('examples/fraud-check-agent/order-with-fraud-check.json', () => {
  const planJson = JSON.parse(readFileSync(join(__dirname, 'order-with-fraud-check.json'), 'utf-8'));

  /** The demo agents plus fraud_check, registered from its @DomainAgent card as the host does. */
  function registry(): AgentRegistry {
    const agent = new FraudCheckAgent();
    const card = Reflect.getMetadata(DOMAIN_AGENT_METADATA, FraudCheckAgent) as AgentCard;
    return new AgentRegistry([...createDemoAgents(), { card, execute: (task, ctx) => agent.execute(task, ctx) }]);
  }

  async function run(plan: unknown) {
    const agents = registry();
    const parsed = parsePlan(plan, { knownAgents: agents.names() });
    const graph = ParallelWorkflowGraph.fromSpecs(parsed.tasks);
    return runWorkflow(graph, agents, { strategy: 'hybrid', clock: new VirtualClock() }).result;
  }

  it('is a valid plan that runs payment → fraud_check → shipping to completion', async () => {
    const result = await run(planJson);
    expect(result.status).toBe('completed');
    expect(result.criticalPath).toEqual(['payment', 'fraud_check', 'shipping']);
    expect(result.tasks.fraud_check.output).toEqual({
      orderId: '1042',
      riskScore: 0,
      decision: 'approve',
      reasons: ['no risk signals'],
      confidence: 0.99,
    });
    expect(result.tasks.shipping.output).toMatchObject({ orderId: '1042' });
  });

  it('skips shipping when the fraud check rejects the order', async () => {
    const risky = structuredClone(planJson);
    Object.assign(risky.tasks[1].input, { email: 'buyer@mailinator.com', ordersLast24h: 15 });
    const result = await run(risky);
    expect(result.status).not.toBe('completed');
    expect(result.tasks.fraud_check).toMatchObject({ status: 'failed', error: { code: 'FRAUD_REJECTED' } });
    expect(result.skipped).toEqual(['shipping']);
  });
});
