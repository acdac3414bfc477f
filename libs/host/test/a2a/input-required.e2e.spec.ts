import type { Client } from '@a2a-js/sdk/client';
import type { StreamResponse, Task } from '@a2a-js/sdk';
import { get, waitFor } from '../support/http';
import { examplePlan, simulatorPlan } from '../support/plans';
import { startTestApp, type TestApp } from '../support/test-app';
import { a2aClient, asTask, collect, dataPart, sendRequest, stateName, statesOf, statusText, textPart, userMessage } from './support/a2a-client';

// Real server, real runs: generous under a loaded CI machine.
jest.setTimeout(30_000);

const QUESTION = 'Approve order 1042 for 129.90 EUR? (yes/no)';

interface RunDetails {
  status: string;
  tasks: Record<string, { status: string; question?: string; output?: unknown; error?: { code: string } }>;
}

function texts(events: StreamResponse[]): string[] {
  return events.flatMap((event) => (event.payload?.$case === 'statusUpdate' ? [statusText(event.payload.value)] : []));
}

function lastStatus(events: StreamResponse[]): { state: string; text: string; metadata: unknown } {
  const last = events[events.length - 1].payload;
  if (last?.$case !== 'statusUpdate') throw new Error(`the stream did not end with a status update: ${last?.$case ?? 'none'}`);
  return { state: stateName(last.value.status?.state), text: statusText(last.value), metadata: last.value.status?.message?.metadata };
}

async function failureOf(promise: Promise<unknown>): Promise<Error & { envelopeCode?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('the host as an A2A agent: a task that waits for a person (examples/approval-flow.json)', () => {
  let host: TestApp;
  let client: Client;

  beforeAll(async () => {
    host = await startTestApp();
    client = await a2aClient(host.url);
  });
  afterAll(() => host.close());

  it('streams up to input-required with the question; "yes" on the same task id resumes the stream to completed', async () => {
    const first = await collect(client.sendMessageStream(sendRequest(userMessage([dataPart(examplePlan('approval-flow'))]))));
    const task = (first[0].payload as { value: Task }).value;
    expect(lastStatus(first)).toEqual({ state: 'input-required', text: QUESTION, metadata: expect.objectContaining({ kind: 'question', planTask: 'approval' }) });
    expect(statesOf(first).slice(0, -1).every((state) => state === 'working')).toBe(true);
    expect(texts(first)).toContain('task payment completed (1/3)');

    // The run waits: the REST view agrees.
    const waiting = (await get<RunDetails>(`${host.url}/v1/runs/${task.id}`)).body;
    expect(waiting.status).toBe('running');
    expect(waiting.tasks.approval).toMatchObject({ status: 'paused', question: QUESTION });
    // GetTask reads the same.
    const read = await client.getTask({ tenant: '', id: task.id });
    expect(stateName(read.status?.state)).toBe('input-required');
    expect(statusText(read)).toBe(QUESTION);

    const second = await collect(client.sendMessageStream(sendRequest(userMessage([textPart('yes')], { taskId: task.id }))));
    const again = (second[0].payload as { value: Task }).value;
    expect(again.id).toBe(task.id);
    expect(again.contextId).toBe(task.contextId);
    const said = texts(second);
    expect(said[0]).toBe('task approval resumed with the answer');
    expect(said).toEqual(expect.arrayContaining(['task approval completed (2/3)', 'task shipping completed (3/3)']));
    expect(lastStatus(second)).toMatchObject({ state: 'completed', text: 'run completed: 3/3 tasks completed' });
    // The stream went on from the answer: nothing before it is repeated.
    expect(said).not.toContain('task payment completed (1/3)');

    const done = (await get<RunDetails>(`${host.url}/v1/runs/${task.id}`)).body;
    expect(done.status).toBe('completed');
    expect(done.tasks.approval.output).toMatchObject({ approved: true, approver: 'duty manager' });

    // The task's history: both user messages, the question and the result.
    const final = await client.getTask({ tenant: '', id: task.id });
    expect(final.history.map((message) => statusText({ status: { message } }) || '(data)')).toEqual(['(data)', QUESTION, 'yes', 'run completed: 3/3 tasks completed']);
  });

  it('blocking sends stop at input-required too; a data-part answer {approved: false} fails the approval and skips shipping', async () => {
    const paused = asTask(await client.sendMessage(sendRequest(userMessage([dataPart(examplePlan('approval-flow'))]))));
    expect(stateName(paused.status?.state)).toBe('input-required');
    expect(statusText(paused)).toBe(QUESTION);

    const answered = asTask(
      await client.sendMessage(sendRequest(userMessage([dataPart({ approved: false, reason: 'over budget' })], { taskId: paused.id, metadata: { pausedTask: 'approval' } }))),
    );
    expect(answered.id).toBe(paused.id);
    expect(stateName(answered.status?.state)).toBe('failed');
    expect(statusText(answered)).toBe('run partial: 1/3 tasks completed, 1 failed, 1 skipped');
    const run = (await get<RunDetails>(`${host.url}/v1/runs/${paused.id}`)).body;
    expect(run.tasks.approval).toMatchObject({ status: 'failed', error: { code: 'APPROVAL_REJECTED' } });
    expect(run.tasks.shipping.status).toBe('skipped');
  });

  it('an unclear answer asks again: the stream stops at input-required with the new question', async () => {
    const paused = asTask(await client.sendMessage(sendRequest(userMessage([dataPart(examplePlan('approval-flow'))]))));
    const events = await collect(client.sendMessageStream(sendRequest(userMessage([textPart('maybe')], { taskId: paused.id }))));
    expect(lastStatus(events)).toMatchObject({ state: 'input-required', text: `Please answer yes or no. ${QUESTION}` });
    const done = asTask(await client.sendMessage(sendRequest(userMessage([textPart('approve')], { taskId: paused.id }))));
    expect(stateName(done.status?.state)).toBe('completed');
  });

  it('a run started over REST that waits is answered over A2A the same way', async () => {
    const started = await fetch(`${host.url}/v1/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ plan: examplePlan('approval-flow') }),
    });
    const { runId } = (await started.json()) as { runId: string };
    await waitFor(async () => ((await get<RunDetails>(`${host.url}/v1/runs/${runId}`)).body.tasks.approval.status === 'paused' ? true : undefined), 20_000, 'the pause');
    const done = asTask(await client.sendMessage(sendRequest(userMessage([textPart('yes')], { taskId: runId }))));
    expect(done).toMatchObject({ id: runId, contextId: runId });
    expect(stateName(done.status?.state)).toBe('completed');
  });

  describe('a message a task cannot take is a JSON-RPC error', () => {
    it('an answer to a task that waits for nothing: unsupported operation (-32004); to an ended one too', async () => {
      const slow = asTask(
        await client.sendMessage({ ...sendRequest(userMessage([dataPart(simulatorPlan([{ id: 'slow', input: { durationMs: 30_000 } }]))])), configuration: nonBlocking() }),
      );
      // returnImmediately: the task comes back working at once.
      expect(stateName(slow.status?.state)).toBe('working');
      const notWaiting = await failureOf(client.sendMessage(sendRequest(userMessage([textPart('yes')], { taskId: slow.id }))));
      expect(notWaiting).toMatchObject({ envelopeCode: -32004 });
      expect(notWaiting.message).toBe(`task ${slow.id} does not wait for input (none of its tasks is paused): answer only when its status is input-required`);
      await client.cancelTask({ tenant: '', id: slow.id, metadata: undefined });

      const ended = await failureOf(client.sendMessage(sendRequest(userMessage([textPart('yes')], { taskId: slow.id }))));
      expect(ended).toMatchObject({ envelopeCode: -32004 });
      expect(ended.message).toMatch(new RegExp(`^task ${slow.id} has ended \\(cancelled\\) and takes no more messages`));
    });

    it('an empty answer is invalid params naming the paused task; an unknown task id is task not found (-32001)', async () => {
      const paused = asTask(await client.sendMessage(sendRequest(userMessage([dataPart(examplePlan('approval-flow'))]))));
      const empty = await failureOf(client.sendMessage(sendRequest(userMessage([], { taskId: paused.id }))));
      expect(empty).toMatchObject({ envelopeCode: -32602 });
      expect(empty.message).toBe(`task ${paused.id} waits for an answer to the question of "approval": send it as a text part ("yes") or a data part`);
      const unknown = await failureOf(client.sendMessage(sendRequest(userMessage([textPart('yes')], { taskId: 'no-such-run' }))));
      expect(unknown).toMatchObject({ envelopeCode: -32001 });
      expect(unknown.message).toBe('Task not found: no-such-run (no run with this id on this host)');
      await client.cancelTask({ tenant: '', id: paused.id, metadata: undefined });
    });
  });
});

/** Return at the first event (the task) instead of waiting for the run to end. */
function nonBlocking(): { acceptedOutputModes: string[]; taskPushNotificationConfig: undefined; returnImmediately: boolean } {
  return { acceptedOutputModes: [], taskPushNotificationConfig: undefined, returnImmediately: true };
}
