import type { Client } from '@a2a-js/sdk/client';
import type { StreamResponse, Task } from '@a2a-js/sdk';
import { TaskState } from '@a2a-js/sdk';
import { del, get, post, waitFor } from '../support/http';
import { examplePlan, simulatorPlan } from '../support/plans';
import { startTestApp, type TestApp } from '../support/test-app';
import { a2aClient, artifactData, dataPart, sendRequest, stateName, statusText, userMessage } from './support/a2a-client';

// Real server, real runs: generous under a loaded CI machine.
jest.setTimeout(30_000);

interface RunDetails {
  status: string;
  tasks: Record<string, { status: string; output?: unknown }>;
  result?: unknown;
}

async function failureOf(promise: Promise<unknown>): Promise<Error & { envelopeCode?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

/** A run of one simulator task that takes a minute: long enough to be cancelled, however slow the machine. */
const longPlan = (): Record<string, unknown> => simulatorPlan([{ id: 'slow', input: { durationMs: 60_000 } }, { id: 'after', dependencies: ['slow'] }]);

async function startOverRest(host: TestApp, plan: Record<string, unknown>): Promise<string> {
  const started = await post<{ runId: string }>(`${host.url}/v1/runs`, { plan });
  expect(started.status).toBe(202);
  return started.body.runId;
}

async function restRun(host: TestApp, runId: string): Promise<RunDetails> {
  return (await get<RunDetails>(`${host.url}/v1/runs/${runId}`)).body;
}

describe('the host as an A2A agent: GetTask, CancelTask, SubscribeToTask, ListTasks on runs', () => {
  afterEach(() => jest.restoreAllMocks());
  let host: TestApp;
  let client: Client;

  beforeAll(async () => {
    host = await startTestApp();
    client = await a2aClient(host.url);
  });
  afterAll(() => host.close());

  it('GetTask reads a run started over REST (POST /v1/runs): its state, each task output, the result', async () => {
    const runId = await startOverRest(host, examplePlan('ecommerce-order'));
    const running = await client.getTask({ tenant: '', id: runId });
    expect(running).toMatchObject({ id: runId, contextId: runId, history: [] });
    expect(['working', 'completed']).toContain(stateName(running.status?.state));

    const run = await waitFor(async () => {
      const details = await restRun(host, runId);
      return details.status === 'running' ? undefined : details;
    }, 20_000, 'the run to end');
    const task = await client.getTask({ tenant: '', id: runId });
    expect(stateName(task.status?.state)).toBe('completed');
    expect(statusText(task)).toBe('run completed: 5/5 tasks completed');
    for (const [id, view] of Object.entries(run.tasks)) expect(artifactData(task, `task/${id}`)).toEqual(view.output);
    expect(artifactData(task, 'run/result')).toEqual(run.result);
    expect(task.metadata).toMatchObject({ runId, runStatus: 'completed' });
  });

  it('GetTask on an id that is no run: task not found (-32001) naming it', async () => {
    const error = await failureOf(client.getTask({ tenant: '', id: 'not-a-run' }));
    expect(error).toMatchObject({ envelopeCode: -32001 });
    expect(error.message).toMatch(/not-a-run/);
  });

  it('CancelTask on a long run streamed over A2A: canceled, the stream ends canceled, the REST view says cancelled', async () => {
    const stream = client.sendMessageStream(sendRequest(userMessage([dataPart(longPlan())])));
    const first = await stream.next();
    const task = (first.value as StreamResponse).payload as { $case: 'task'; value: Task };
    expect(task.$case).toBe('task');
    const runId = task.value.id;
    await waitFor(async () => ((await restRun(host, runId)).tasks.slow.status === 'running' ? true : undefined), 20_000, 'the slow task to start');

    const cancelled = await client.cancelTask({ tenant: '', id: runId, metadata: undefined });
    expect(cancelled.id).toBe(runId);
    expect(stateName(cancelled.status?.state)).toBe('canceled');
    expect(statusText(cancelled)).toBe('run cancelled: 0/2 tasks completed, 2 cancelled');

    const rest: StreamResponse[] = [];
    for await (const event of stream) rest.push(event);
    const last = rest[rest.length - 1].payload;
    expect(last?.$case).toBe('statusUpdate');
    expect(last?.$case === 'statusUpdate' ? last.value.status?.state : undefined).toBe(TaskState.TASK_STATE_CANCELED);
    expect(rest.some((event) => event.payload?.$case === 'statusUpdate' && /^task slow cancelled \(\d\/2\)/.test(statusText(event.payload.value)))).toBe(true);

    expect((await restRun(host, runId)).status).toBe('cancelled');
    expect(stateName((await client.getTask({ tenant: '', id: runId })).status?.state)).toBe('canceled');
  });

  it('CancelTask on a run started over REST cancels it; on a completed one: not cancelable (-32002)', async () => {
    const runId = await startOverRest(host, longPlan());
    const cancelled = await client.cancelTask({ tenant: '', id: runId, metadata: undefined });
    expect(stateName(cancelled.status?.state)).toBe('canceled');
    expect((await restRun(host, runId)).status).toBe('cancelled');
    // Cancelling again answers the canceled task.
    expect(stateName((await client.cancelTask({ tenant: '', id: runId, metadata: undefined })).status?.state)).toBe('canceled');

    const done = await client.sendMessage(sendRequest(userMessage([dataPart(simulatorPlan([{ id: 'quick' }]))])));
    const doneId = (done as Task).id;
    const error = await failureOf(client.cancelTask({ tenant: '', id: doneId, metadata: undefined }));
    expect(error).toMatchObject({ envelopeCode: -32002 });
    expect(error.message).toBe(`task ${doneId} cannot be canceled: its run has already ended (completed)`);
  });

  it('SubscribeToTask follows any run from now: the task first, then its updates until it ends', async () => {
    const runId = await startOverRest(host, longPlan());
    const stream = client.resubscribeTask({ tenant: '', id: runId });
    const first = await stream.next();
    const payload = (first.value as StreamResponse).payload;
    expect(payload?.$case).toBe('task');
    expect(payload?.$case === 'task' ? payload.value.id : undefined).toBe(runId);

    expect((await del(`${host.url}/v1/runs/${runId}`)).status).toBe(202);
    const rest: StreamResponse[] = [];
    for await (const event of stream) rest.push(event);
    const states = rest.flatMap((event) => (event.payload?.$case === 'statusUpdate' ? [stateName(event.payload.value.status?.state)] : []));
    expect(states[states.length - 1]).toBe('canceled');
    expect(rest.some((event) => event.payload?.$case === 'artifactUpdate' && event.payload.value.artifact?.artifactId === 'run/result')).toBe(true);

    // The SDK logs a stream refused before its first event; the error itself is what we check.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const ended = await failureOf(collectAll(client.resubscribeTask({ tenant: '', id: runId })));
    expect(ended).toMatchObject({ envelopeCode: -32004 });
    expect(ended.message).toBe(`task ${runId} has ended (cancelled): read it with GetTask (tasks/get)`);
  });

  it('ListTasks pages through the runs, newest first', async () => {
    const runId = await startOverRest(host, simulatorPlan([{ id: 'listed' }]));
    const page = await client.listTasks({
      tenant: '',
      contextId: '',
      status: TaskState.TASK_STATE_UNSPECIFIED,
      pageSize: 1,
      pageToken: '',
      historyLength: undefined,
      statusTimestampAfter: undefined,
      includeArtifacts: false,
    });
    expect(page.tasks.map((task) => task.id)).toEqual([runId]);
    expect(page.nextPageToken).not.toBe('');
    const next = await client.listTasks({
      tenant: '',
      contextId: '',
      status: TaskState.TASK_STATE_UNSPECIFIED,
      pageSize: 1,
      pageToken: page.nextPageToken,
      historyLength: undefined,
      statusTimestampAfter: undefined,
      includeArtifacts: false,
    });
    expect(next.tasks).toHaveLength(1);
    expect(next.tasks[0].id).not.toBe(runId);
  });
});

async function collectAll(stream: AsyncGenerator<StreamResponse, void, undefined>): Promise<StreamResponse[]> {
  const events: StreamResponse[] = [];
  for await (const event of stream) events.push(event);
  return events;
}
