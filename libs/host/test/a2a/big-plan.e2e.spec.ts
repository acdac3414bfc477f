import { get, post, waitFor } from '../support/http';
import { simulatorPlan } from '../support/plans';
import { startTestApp, type TestApp } from '../support/test-app';
import { a2aClient, asTask, collect, dataPart, sendRequest, stateName, statesOf, userMessage } from './support/a2a-client';

// A big run, twice: generous under a loaded CI machine.
jest.setTimeout(120_000);

const TASKS = 1500;

/**
 * The SDK's own blocking send deep-copies the whole task at every update: quadratic in the run's
 * size (a thousand-task run answered after more than a minute). The host answers from the stream,
 * so a blocking send costs about what the run costs; a generous ratio keeps this from flaking.
 */
describe(`the host as an A2A agent: a plan of ${TASKS} tasks`, () => {
  let host: TestApp;
  beforeAll(async () => {
    host = await startTestApp({ MAX_CONCURRENT_TASKS: '64' });
  });
  afterAll(() => host.close());

  it('answers a blocking send, and streams, in time of the same order as the run over REST', async () => {
    const plan = simulatorPlan(Array.from({ length: TASKS }, (_, i) => ({ id: `t${i}` })));

    let started = Date.now();
    const { body } = await post<{ runId: string }>(`${host.url}/v1/runs`, { plan });
    await waitFor(async () => ((await get<{ status: string }>(`${host.url}/v1/runs/${body.runId}`)).body.status === 'completed' ? true : undefined), 60_000, 'the REST run');
    const restMs = Math.max(Date.now() - started, 50);

    const client = await a2aClient(host.url);
    started = Date.now();
    const task = asTask(await client.sendMessage(sendRequest(userMessage([dataPart(plan)]))));
    const sendMs = Date.now() - started;
    expect(stateName(task.status?.state)).toBe('completed');
    expect(task.artifacts).toHaveLength(TASKS + 1);

    started = Date.now();
    const events = await collect(client.sendMessageStream(sendRequest(userMessage([dataPart(plan)]))));
    const streamMs = Date.now() - started;
    expect(statesOf(events).pop()).toBe('completed');
    // The task, a start and a completion per task with its artifact, the result, the final status.
    expect(events).toHaveLength(1 + TASKS * 3 + 2);

    expect({ sendMs, streamMs, within: sendMs < restMs * 25 && streamMs < restMs * 25 }).toEqual({ sendMs, streamMs, within: true });
  });
});
