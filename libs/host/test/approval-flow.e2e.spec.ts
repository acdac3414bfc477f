import { examplePlan } from './support/plans';
import { get, post } from './support/http';
import { readSse } from './support/sse-client';
import { startTestApp, type TestApp } from './support/test-app';

// Real server and timers: generous under a loaded CI machine.
jest.setTimeout(30_000);

interface RunBody {
  status: string;
  tasks: Record<string, { status: string; question?: string; output?: unknown; error?: { code: string; message: string } }>;
}

/** Polls GET /v1/runs/:id until `done` holds (no fixed sleeps: the machine may be slow). */
async function until(t: TestApp, runId: string, done: (run: RunBody) => boolean): Promise<RunBody> {
  for (let polls = 0; polls < 2000; polls++) {
    const { body } = await get<RunBody>(`${t.url}/v1/runs/${runId}`);
    if (done(body)) return body;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`run ${runId} never reached the expected state`);
}

describe('examples/approval-flow.json: a run that waits for a person', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function startPausedRun(): Promise<string> {
    const started = await post<{ runId: string }>(`${t.url}/v1/runs`, { plan: examplePlan('approval-flow') });
    expect(started.status).toBe(202);
    const { runId } = started.body;
    // The stream announces the pause with the question.
    const stream = await readSse(`${t.url}/v1/runs/${runId}/events`, { stopWhen: (event) => event.event === 'task_paused' });
    const paused = JSON.parse(stream.events[stream.events.length - 1].data) as { taskId: string; question: string };
    expect(paused).toMatchObject({ taskId: 'approval', question: 'Approve order 1042 for 129.90 EUR? (yes/no)' });
    return runId;
  }

  it('pauses at the approval with its question, resumes on "yes" and completes', async () => {
    const runId = await startPausedRun();
    const waiting = await until(t, runId, (run) => run.tasks.approval.status === 'paused');
    expect(waiting.status).toBe('running');
    expect(waiting.tasks.approval.question).toBe('Approve order 1042 for 129.90 EUR? (yes/no)');
    expect(waiting.tasks.shipping.status).toBe('pending');

    const answered = await post(`${t.url}/v1/runs/${runId}/input`, { taskId: 'approval', answer: 'yes' });
    expect(answered.status).toBe(200);

    const done = await until(t, runId, (run) => run.status !== 'running');
    expect(done.status).toBe('completed');
    expect(done.tasks.approval.output).toEqual({
      orderId: '1042',
      amount: 129.9,
      currency: 'EUR',
      approved: true,
      approver: 'duty manager',
      confidence: 1,
    });
    expect(done.tasks.shipping.status).toBe('completed');
  });

  it('on "no" fails the approval with APPROVAL_REJECTED and skips shipping', async () => {
    const runId = await startPausedRun();
    const answered = await post(`${t.url}/v1/runs/${runId}/input`, { taskId: 'approval', answer: { approved: false, approver: 'sam', reason: 'address unverified' } });
    expect(answered.status).toBe(200);

    const done = await until(t, runId, (run) => run.status !== 'running');
    expect(done.status).toBe('partial'); // payment completed, approval failed, shipping skipped
    expect(done.tasks.approval).toMatchObject({
      status: 'failed',
      error: { code: 'APPROVAL_REJECTED', message: 'task "approval": order 1042 was not approved by sam: address unverified' },
    });
    expect(done.tasks.shipping.status).toBe('skipped');
  });
});
