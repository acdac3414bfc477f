import { DeterministicPlanner, PlanningError, type Plan, type PlanningContext } from '../src';
import { agentGraph, demoCards, exampleRequests, expectValid } from './planning-helpers';

const planner = new DeterministicPlanner();
const agents = demoCards();
const context: PlanningContext = { agents };

async function planOf(request: string, extra: Partial<PlanningContext> = {}): Promise<Plan> {
  const plan = await planner.plan(request, { ...context, ...extra });
  expectValid(plan, agents);
  return plan;
}

async function planningError(request: string, extra: Partial<PlanningContext> = {}): Promise<PlanningError> {
  try {
    await planner.plan(request, { ...context, ...extra });
  } catch (error) {
    if (error instanceof PlanningError) return error;
    throw error;
  }
  throw new Error(`expected a PlanningError for ${JSON.stringify(request)}`);
}

describe('DeterministicPlanner on examples/requests.txt', () => {
  const [order, customerData, quarterly] = exampleRequests();

  it('holds the three requests', () => {
    expect(exampleRequests()).toHaveLength(3);
  });

  it('order 1042: shipping after payment and inventory, email and SMS after payment only', async () => {
    const plan = await planOf(order);
    expect(agentGraph(plan)).toEqual({
      payment_processor: [],
      inventory_manager: [],
      shipping_agent: ['inventory_manager', 'payment_processor'],
      email_agent: ['payment_processor'],
      sms_agent: ['payment_processor'],
    });
    expect(plan.tasks.map((task) => task.id)).toEqual(['payment', 'inventory', 'shipping', 'email', 'sms']);
    expect(plan.tasks.map((task) => task.description)).toEqual([
      'charge the card',
      'reserve the items',
      'print a shipping label',
      'email the customer',
      'text the customer',
    ]);
    for (const task of plan.tasks) expect(task.input).toEqual({ orderId: '1042' });
    expect(plan.coordinationStrategy).toBe('hybrid');
    expect(plan.criticalPath).toEqual(['payment', 'shipping']);
    expect(plan.estimatedParallelTime).toBe(100);
    expect(plan.estimatedTotalTime).toBe(210);
    expect(plan.risks).toEqual([]);
  });

  it('customer data: analytics after data, notification free, report after analytics and data', async () => {
    const plan = await planOf(customerData);
    expect(agentGraph(plan)).toEqual({
      data_processor: [],
      analytics_specialist: ['data_processor'],
      notification_agent: [],
      reporting_agent: ['analytics_specialist', 'data_processor'],
    });
    expect(plan.tasks.map((task) => task.input)).toEqual([{}, {}, {}, {}]);
    expect(plan.coordinationStrategy).toBe('hybrid');
    expect(plan.parallelGroups).toEqual([{ name: 'level-1', tasks: ['data', 'notification'] }]);
  });

  it('quarterly report: data → analytics → report (after analytics and data) → archive', async () => {
    const plan = await planOf(quarterly);
    expect(agentGraph(plan)).toEqual({
      data_processor: [],
      analytics_specialist: ['data_processor'],
      reporting_agent: ['analytics_specialist', 'data_processor'],
      archival_agent: ['reporting_agent'],
    });
    expect(plan.coordinationStrategy).toBe('sequential');
    expect(plan.criticalPath).toEqual(['data', 'analytics', 'reporting', 'archival']);
    expect(plan.tasks[2].description).toBe('write the quarterly report from the analysis and the data');
  });

  it('fills every planner field: durations and domains from the skills, a quality plan per task', async () => {
    const plan = await planOf(quarterly);
    expect(plan.request).toBe(quarterly);
    expect(plan.tasks.map((task) => [task.qualityDomain, task.estimatedDuration])).toEqual([
      ['ANALYTICAL', 50],
      ['ANALYTICAL', 40],
      ['BUSINESS', 30],
      ['GENERIC', 10],
    ]);
    expect(plan.qualityValidationPlan).toEqual({
      defaultDomain: 'GENERIC',
      tasks: {
        data: { domain: 'ANALYTICAL', threshold: 0.85 },
        analytics: { domain: 'ANALYTICAL', threshold: 0.85 },
        reporting: { domain: 'BUSINESS', threshold: 0.75 },
        archival: { domain: 'GENERIC', threshold: 0.7 },
      },
    });
    expect(plan.resourceBreakdown).toEqual({
      data_processor: { tasks: 1, estimatedMs: 50 },
      analytics_specialist: { tasks: 1, estimatedMs: 40 },
      reporting_agent: { tasks: 1, estimatedMs: 30 },
      archival_agent: { tasks: 1, estimatedMs: 10 },
    });
    expect(plan.estimatedTotalTime).toBe(130);
    expect(plan.estimatedParallelTime).toBe(130);
    expect(plan.risks).toEqual([]);
  });

  it('gives the same plan for the same request', async () => {
    for (const request of exampleRequests()) expect(await planOf(request)).toEqual(await planOf(request));
  });
});

describe('DeterministicPlanner wording', () => {
  it('a "then" step follows the step before it when data flow leaves it unordered', async () => {
    const plan = await planOf('Process the raw data, then notify the data team.');
    expect(agentGraph(plan)).toEqual({ data_processor: [], notification_agent: ['data_processor'] });
  });

  it('without a cue, an independent step stays free', async () => {
    const plan = await planOf('Process the raw data and notify the data team.');
    expect(agentGraph(plan)).toEqual({ data_processor: [], notification_agent: [] });
  });

  it('an explicit reference adds the task it names', async () => {
    const plan = await planOf('Charge the card. Reserve the items. After the reservation, notify the team.');
    expect(agentGraph(plan)).toEqual({ payment_processor: [], inventory_manager: [], notification_agent: ['inventory_manager'] });
  });

  it('reads sentences, ";" and synonyms (pay, txt)', async () => {
    const plan = await planOf('Pay for order #77; reserve the stock. Then txt the customer');
    expect(agentGraph(plan)).toEqual({ payment_processor: [], inventory_manager: [], sms_agent: ['payment_processor'] });
    expect(plan.tasks[0].input).toEqual({ orderId: '77' });
  });

  it('numbers repeated agents payment, payment-2, …', async () => {
    const plan = await planOf('Charge the card for order 1, charge the card for order 2, email the customer');
    expect(plan.tasks.map((task) => [task.id, task.input])).toEqual([
      ['payment', { orderId: '1' }],
      ['payment-2', { orderId: '2' }],
      ['email', { orderId: '1' }],
    ]);
    // Data flow picks the latest producer of the payment confirmation.
    expect(plan.tasks[2].dependencies).toEqual(['payment-2']);
  });

  it('a step nobody can do is a high risk, not dropped', async () => {
    const plan = await planOf('Process order 1042: charge the card, book a hotel room, then email the customer.');
    expect(plan.tasks.map((task) => task.agent)).toEqual(['payment_processor', 'email_agent']);
    expect(plan.risks).toEqual([{ description: 'no agent can do: "book a hotel room"', severity: 'high' }]);
  });

  it('an unknown step joined by "and" is still reported; one unknown word stays part of the object', async () => {
    const plan = await planOf('Charge the card and book a hotel room, then process the data and metadata');
    expect(plan.tasks.map((task) => task.description)).toEqual(['Charge the card', 'process the data and metadata']);
    expect(plan.risks).toEqual([{ description: 'no agent can do: "book a hotel room"', severity: 'high' }]);
  });

  it('a step that needs what only a later step makes is a medium risk', async () => {
    const plan = await planOf('Archive the report, then write the quarterly report.');
    expect(plan.risks).toEqual([
      expect.objectContaining({ severity: 'medium', taskId: 'archival', description: expect.stringContaining('report') }),
    ]);
  });
});

describe('DeterministicPlanner errors', () => {
  it('an empty or blank request is EMPTY_REQUEST', async () => {
    expect((await planningError('')).code).toBe('EMPTY_REQUEST');
    expect((await planningError('  \n ')).code).toBe('EMPTY_REQUEST');
  });

  it('a request no agent can do is NO_MATCHING_AGENT naming the request', async () => {
    const error = await planningError('Bake a chocolate cake and sing a song.');
    expect(error.code).toBe('NO_MATCHING_AGENT');
    expect(error.message).toContain('"Bake a chocolate cake and sing a song."');
  });

  it('no agents is NO_AGENTS', async () => {
    expect((await planningError('Charge the card', { agents: [] })).code).toBe('NO_AGENTS');
  });

  it('an aborted signal is ABORTED', async () => {
    expect((await planningError('Charge the card', { signal: AbortSignal.abort() })).code).toBe('ABORTED');
  });
});

describe('DeterministicPlanner at scale', () => {
  const STEPS = [
    'charge the card for order 7',
    'reserve the items',
    'print a shipping label',
    'email the customer',
    'text the customer',
    'process the raw data',
    'analyse the processed data',
    'write the quarterly report',
    'archive the report',
    'notify the data team',
  ];

  it('plans a 1 000-step request into 1 000 valid tasks', async () => {
    const request = Array.from({ length: 1000 }, (_, i) => STEPS[i % STEPS.length]).join(', ');
    const plan = await planOf(request);
    expect(plan.tasks).toHaveLength(1000);
    expect(plan.risks).toEqual([]);
    expect(plan.tasks[999].id).toBe('notification-100');
    // The 11th step's payment is a fresh source; the 14th step's email follows it.
    expect(plan.tasks[13]).toMatchObject({ id: 'email-2', dependencies: ['payment-2'] });
    expect(plan.tasks[17]).toMatchObject({ id: 'reporting-2', dependencies: ['data-2', 'analytics-2'] });
    expect(plan.coordinationStrategy).toBe('hybrid');
  });
});
