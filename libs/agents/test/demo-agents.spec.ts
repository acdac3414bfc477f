import { TaskError, type TaskRequest } from '@a2a-mcp/core-graph';
import { createDemoAgents, type Agent, type JsonSchema } from '../src';
import { schemaViolations } from './support/schema-check';
import { createTestContext, taskRequest } from './support/test-context';

const agents = new Map(createDemoAgents().map((agent) => [agent.card.name, agent]));

function agent(name: string): Agent {
  const found = agents.get(name);
  if (!found) throw new Error(`no demo agent ${name}`);
  return found;
}

function outputSchemaOf(demo: Agent): JsonSchema {
  const schema = demo.card.skills[0].metadata?.outputSchema;
  if (!schema) throw new Error(`${demo.card.name} declares no output schema`);
  return schema;
}

async function run(name: string, overrides: Partial<TaskRequest> = {}, runId = 'run-1') {
  const test = createTestContext({ runId, taskId: overrides.taskId });
  const output = await agent(name).execute(taskRequest({ runId, agent: name, ...overrides }), test.ctx);
  return { ...test, output: output as Record<string, unknown> };
}

/** A plausible request per agent, wired like the original framework scenarios. */
const SAMPLE_TASKS: Record<string, Partial<TaskRequest>> = {
  data_processor: { description: 'Validate the incoming customer data set' },
  analytics_specialist: {
    description: 'Compute customer analytics',
    dependencyOutputs: { validate: { recordsProcessed: 1200, rejected: 12, schemaVersion: '1.0', confidence: 0.99 } },
  },
  notification_agent: { description: 'Notify the data team that processing started' },
  reporting_agent: {
    description: 'Write the quarterly report',
    dependencyOutputs: {
      analytics: { metrics: {}, insights: ['Revenue grew 4%'], confidence: 0.9 },
      data_processing: { recordsProcessed: 100, rejected: 1, schemaVersion: '1.0', confidence: 0.99 },
    },
  },
  archival_agent: {
    description: 'Archive the report',
    dependencyOutputs: { reporting: { title: 'Quarterly Report', sections: [], summary: 's', confidence: 0.9 } },
  },
  payment_processor: { description: "Charge the customer's card for order #1042" },
  inventory_manager: { description: 'Reserve the ordered items in inventory', input: { orderId: 1042 } },
  shipping_agent: { description: 'Create the shipping label', input: { orderId: '1042' } },
  email_agent: { description: 'Email the order confirmation for order #1042' },
  sms_agent: { description: 'Text the customer the order status for order #1042' },
};

describe('demo agents', () => {
  it('are the original framework agents, each with one skill fit for planning', () => {
    expect([...agents.keys()].sort()).toEqual(Object.keys(SAMPLE_TASKS).sort());
    for (const demo of agents.values()) {
      const { card } = demo;
      expect(card.skills).toHaveLength(1);
      const [skill] = card.skills;
      expect(skill.tags.length).toBeGreaterThan(0);
      expect(skill.examples?.length).toBeGreaterThan(0);
      expect(skill.metadata?.consumes).toBeDefined();
      expect(skill.metadata?.produces?.length).toBeGreaterThan(0);
      expect(skill.metadata?.qualityDomain).toBeDefined();
      expect(outputSchemaOf(demo).required).toContain('confidence');
    }
  });

  it('declare the original framework data flow in consumes/produces', () => {
    const flow = (name: string) => agent(name).card.skills[0].metadata;
    expect(flow('payment_processor')).toMatchObject({ consumes: ['order'], produces: ['payment_confirmation'] });
    expect(flow('shipping_agent')?.consumes).toEqual(['payment_confirmation', 'inventory_reservation']);
    expect(flow('email_agent')?.consumes).toEqual(['payment_confirmation']);
    expect(flow('sms_agent')?.consumes).toEqual(['payment_confirmation']);
    expect(flow('analytics_specialist')).toMatchObject({ consumes: ['processed_data'], produces: ['analytics_report'] });
    expect(flow('reporting_agent')).toMatchObject({ consumes: ['analytics_report', 'processed_data'], produces: ['report'] });
    expect(flow('archival_agent')?.consumes).toEqual(['report']);
    expect(flow('notification_agent')?.consumes).toEqual([]);
  });

  describe.each(Object.keys(SAMPLE_TASKS))('%s', (name) => {
    it('returns an output that satisfies its declared output schema', async () => {
      const { output } = await run(name, SAMPLE_TASKS[name]);
      expect(schemaViolations(output, outputSchemaOf(agent(name)))).toEqual([]);
      expect(output.confidence).toBeGreaterThanOrEqual(0);
      expect(output.confidence).toBeLessThanOrEqual(1);
    });

    it('satisfies its schema with no input and no upstream results at all', async () => {
      const { output } = await run(name, { description: '' });
      expect(schemaViolations(output, outputSchemaOf(agent(name)))).toEqual([]);
    });

    it('is deterministic for the same task', async () => {
      const first = await run(name, SAMPLE_TASKS[name]);
      const second = await run(name, SAMPLE_TASKS[name]);
      expect(second.output).toEqual(first.output);
      expect(second.artifacts).toEqual(first.artifacts);
    });

    it('waits exactly durationMs, reporting progress at 0 and 50 %', async () => {
      const { ctx, progress } = await run(name, { ...SAMPLE_TASKS[name], input: { ...SAMPLE_TASKS[name].input, durationMs: 75 } });
      expect(ctx.now()).toBe(75);
      expect(progress.map((report) => report.pct)).toEqual([0, 50]);
    });

    it('defaults durationMs to the estimated duration, and does no timer work for zero', async () => {
      expect((await run(name, { ...SAMPLE_TASKS[name], metadata: { estimatedDuration: 20 } })).ctx.now()).toBe(20);
      const idle = await run(name, SAMPLE_TASKS[name]);
      expect(idle.sleeps).toEqual([]);
    });

    it('rejects a bad durationMs before doing anything', async () => {
      const test = createTestContext();
      const task = taskRequest({ ...SAMPLE_TASKS[name], taskId: 'bad', agent: name, input: { durationMs: -5 } });
      const error = await agent(name).execute(task, test.ctx).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'INVALID_INPUT', retryable: false });
      expect((error as TaskError).message).toMatch(/"bad".*input\.durationMs/);
      expect(test.progress).toEqual([]);
    });

    it('stops when the run is cancelled', async () => {
      const test = createTestContext();
      const pending = agent(name).execute(taskRequest({ ...SAMPLE_TASKS[name], input: { durationMs: 100 } }), test.ctx);
      test.controller.abort(new Error('cancelled'));
      await expect(pending).rejects.toThrow('cancelled');
    });
  });

  describe('e-commerce order', () => {
    it('payment, inventory, shipping, email and sms agree on the order', async () => {
      const payment = (await run('payment_processor', { taskId: 'payment', description: "Charge the customer's card for order #1042" })).output;
      const inventory = (await run('inventory_manager', { taskId: 'inventory', description: 'Reserve the ordered items in inventory', input: { orderId: '1042' } })).output;
      const shipping = (
        await run('shipping_agent', { taskId: 'shipping', description: 'Create the shipping label', dependencyOutputs: { payment, inventory } })
      ).output;
      const email = (await run('email_agent', { taskId: 'email', description: 'Email the order confirmation', dependencyOutputs: { payment } })).output;

      expect(payment).toMatchObject({ orderId: '1042', status: 'captured', currency: 'USD' });
      expect(inventory).toMatchObject({ orderId: '1042', status: 'reserved' });
      expect(shipping.orderId).toBe('1042');
      expect(email.subject).toBe('Order 1042 confirmed');
      expect(email.body).toContain(String(payment.amount));
    });

    it('parses the order from "order 1042" and honours amount and currency', async () => {
      const { output } = await run('payment_processor', {
        description: 'Process order 1042: charge the card',
        input: { amount: 99.5, currency: 'eur' },
      });
      expect(output).toMatchObject({ orderId: '1042', amount: 99.5, currency: 'EUR' });
    });

    it('derives the transaction id from the order and the run', async () => {
      const task = { description: 'Charge order #7' };
      const a = (await run('payment_processor', task, 'run-a')).output;
      const b = (await run('payment_processor', task, 'run-b')).output;
      expect(a.transactionId).not.toEqual(b.transactionId);
      expect(a.amount).toEqual(b.amount);
    });

    it('sibling tasks without an order number agree on one derived from the run', async () => {
      const payment = (await run('payment_processor', { description: 'Charge the card' }, 'run-x')).output;
      const inventory = (await run('inventory_manager', { description: 'Reserve the items' }, 'run-x')).output;
      expect(payment.orderId).toEqual(inventory.orderId);
    });

    it('refuses to ship an uncaptured payment or an unreserved order; ships the paid order', async () => {
      const ship = (dependencyOutputs: Record<string, unknown>) =>
        run('shipping_agent', { description: 'Create the shipping label', dependencyOutputs }).catch((e: unknown) => e);

      expect(await ship({ payment: { orderId: '1', transactionId: 't', status: 'declined' } })).toMatchObject({
        code: 'PAYMENT_NOT_CAPTURED',
        retryable: false,
      });
      expect(await ship({ inventory: { orderId: '1', reservationId: 'r', status: 'backordered' } })).toMatchObject({
        code: 'INVENTORY_NOT_RESERVED',
      });
      // The inventory task named no order and derived its own id: the payment's order is shipped.
      expect(
        await ship({
          payment: { orderId: '1042', transactionId: 't', status: 'captured' },
          inventory: { orderId: 'ORD-00042', reservationId: 'r', status: 'reserved' },
        }),
      ).toMatchObject({ output: { orderId: '1042' } });
    });

    it('rejects malformed inventory items naming the field', async () => {
      await expect(run('inventory_manager', { input: { items: [{ sku: 'A', quantity: 0 }] } })).rejects.toThrow(/input\.items/);
      const { output } = await run('inventory_manager', { input: { items: [{ sku: 'A', quantity: 2 }] } });
      expect(output.items).toEqual([{ sku: 'A', quantity: 2 }]);
    });
  });

  describe('data pipeline', () => {
    it('analytics uses the clean records of the data processor', async () => {
      const data = (await run('data_processor', { input: { records: [{ a: 1 }, { a: 2 }, 'garbage', { a: 3 }] } })).output;
      expect(data).toMatchObject({ recordsProcessed: 4, rejected: 1, confidence: 0.75 });

      const analytics = (await run('analytics_specialist', { dependencyOutputs: { data } })).output;
      expect(analytics.metrics).toMatchObject({ recordsAnalyzed: 3 });
      expect(analytics.insights).toEqual(expect.arrayContaining([expect.stringContaining('3 records')]));
    });

    it('reporting compiles one section per upstream result and emits the report as an artifact', async () => {
      const { output, artifacts } = await run('reporting_agent', SAMPLE_TASKS.reporting_agent);
      expect(output.title).toBe('Quarterly Report');
      expect(output.sections).toEqual([
        { heading: 'Analytics', body: 'Revenue grew 4%' },
        { heading: 'Data processing', body: '100 records processed, 1 rejected' },
      ]);
      expect(artifacts).toEqual([{ name: 'report', mimeType: 'application/json', data: output }]);
    });

    it('archival files the report under the run', async () => {
      const { output } = await run('archival_agent', SAMPLE_TASKS.archival_agent, 'run-9');
      expect(output.location).toBe(`archive://a2a-mcp-archive/run-9/${String(output.archiveId)}`);
      expect(output.itemsArchived).toBe(1);
    });

    it('notification addresses the team named in the description', async () => {
      const { output } = await run('notification_agent', SAMPLE_TASKS.notification_agent);
      expect(output).toMatchObject({ channel: 'slack', recipients: ['data-team'], status: 'sent' });
    });
  });
});
