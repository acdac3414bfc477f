import { DeterministicPlanner, type CustomDependencyRules, type Plan } from '../src';
import { agentGraph, demoCards, exampleRequests, expectValid } from './planning-helpers';

const planner = new DeterministicPlanner();
const agents = demoCards();

async function planWith(request: string, customDependencies: CustomDependencyRules): Promise<Plan> {
  const plan = await planner.plan(request, { agents, customDependencies });
  expectValid(plan, agents);
  return plan;
}

describe('custom dependency rules (the original framework CUSTOM_DEPENDENCIES)', () => {
  const [order, customerData, quarterly] = exampleRequests();

  it('the original framework rules, by agent name, agree with data flow on the quarterly request', async () => {
    const rules = { reporting_agent: ['analytics_specialist', 'data_processor'], archival_agent: ['reporting_agent'], notification_agent: [] };
    const plan = await planWith(quarterly, rules);
    expect(agentGraph(plan)).toEqual({
      data_processor: [],
      analytics_specialist: ['data_processor'],
      reporting_agent: ['analytics_specialist', 'data_processor'],
      archival_agent: ['reporting_agent'],
    });
    expect(plan.risks).toEqual([]);
  });

  it('add dependencies by agent name: notification waits for analytics', async () => {
    const plan = await planWith(customerData, { notification_agent: ['analytics_specialist'] });
    expect(agentGraph(plan).notification_agent).toEqual(['analytics_specialist']);
  });

  it('add dependencies by skill id and by task id', async () => {
    const plan = await planWith(order, { send_email: ['create_shipment'], sms: ['email'] });
    expect(agentGraph(plan)).toMatchObject({
      email_agent: ['payment_processor', 'shipping_agent'],
      sms_agent: ['email_agent', 'payment_processor'],
    });
    expect(plan.criticalPath).toEqual(['payment', 'shipping', 'email', 'sms']);
  });

  it('may point at a later task, reordering what the request listed the other way round', async () => {
    const plan = await planWith('Notify the data team, then process the raw data.', { notification_agent: ['data_processor'] });
    expect(agentGraph(plan)).toEqual({ notification_agent: ['data_processor'], data_processor: [] });
  });

  it('never makes a cycle: the rule is skipped and reported as a low risk', async () => {
    const plan = await planWith(quarterly, { data_processor: ['archival_agent'] });
    expect(agentGraph(plan).data_processor).toEqual([]);
    expect(plan.risks).toEqual([
      {
        description: 'custom rule data_processor → archival_agent not applied to task "data": "archival" already depends on it',
        severity: 'low',
        taskId: 'data',
      },
    ]);
  });

  it('ignores keys that name nothing in the plan, and inherited keys', async () => {
    const rules = JSON.parse('{"simulator": ["payment_processor"], "shipping_agent": ["nobody"], "constructor": ["x"]}') as CustomDependencyRules;
    const plain = await planWith(order, {});
    expect(await planWith(order, rules)).toEqual(plain);
  });

  it('dedupes a rule that repeats data flow', async () => {
    const plan = await planWith(order, { shipping_agent: ['payment_processor', 'payment_processor', 'inventory_manager'] });
    expect(plan.tasks.find((task) => task.id === 'shipping')!.dependencies).toEqual(['payment', 'inventory']);
  });
});
