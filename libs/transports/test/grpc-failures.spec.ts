import { TaskError } from '@a2a-mcp/core-graph';
import { createStandaloneContext, createTaskRequest } from '@a2a-mcp/core-graph/testing';
import { GrpcAgentClient, WIRE_HEADERS, type RunningGrpcAgentServer } from '../src';
import { HEARTBEAT_MS, MISSED_BEATS, closedPort, deferred, executorOf, startRawAgentServer, startReplica, untilAborted, type RawExecuteCall } from './support/grpc-fixtures';

describe('gRPC transport: failures become TaskErrors, never hangs', () => {
  let server: RunningGrpcAgentServer | undefined;
  let raw: { address: string; close(): Promise<void> } | undefined;
  let client: GrpcAgentClient;

  beforeEach(() => {
    client = new GrpcAgentClient({ poolSize: 2, heartbeatMs: HEARTBEAT_MS, missedBeats: MISSED_BEATS });
  });

  afterEach(async () => {
    client.close();
    await server?.close();
    await raw?.close();
    server = undefined;
    raw = undefined;
  });

  /** A replica whose agent works until its signal aborts, reporting the abort reason. */
  async function startWaitingReplica(): Promise<{ started: Promise<void>; aborted: Promise<unknown> }> {
    const started = deferred();
    const aborted = deferred<unknown>();
    server = await startReplica({
      executor: executorOf(async (_task, ctx) => {
        ctx.progress(1, 'working');
        started.resolve();
        aborted.resolve(await untilAborted(ctx.signal));
        throw ctx.signal.reason;
      }),
    });
    return { started: started.promise, aborted: aborted.promise };
  }

  it('a cancel on the host aborts the remote agent signal', async () => {
    const agent = await startWaitingReplica();
    const host = createStandaloneContext({ runId: 'fail-cancel' });
    const run = client.executorFor('waiter', server!.address).execute(createTaskRequest({ runId: 'fail-cancel' }), host.ctx);
    await agent.started;
    host.controller.abort(new TaskError('TASK_CANCELLED', 'the run was cancelled', false));

    await expect(run).rejects.toMatchObject({ code: 'TASK_CANCELLED' });
    expect(await agent.aborted).toMatchObject({ code: 'TASK_CANCELLED' });
    expect(server!.service.activeAttempts).toBe(0);
  });

  it('a deadline from the task timeout fails the attempt with TASK_TIMEOUT and stops the remote agent', async () => {
    const agent = await startWaitingReplica();
    const task = createTaskRequest({ runId: 'fail-deadline', metadata: { timeoutMs: 300 } });
    const run = client.executorFor('waiter', server!.address).execute(task, createStandaloneContext({ runId: 'fail-deadline' }).ctx);

    await expect(run).rejects.toMatchObject({ code: 'TASK_TIMEOUT', retryable: true });
    await expect(agent.aborted).resolves.toBeDefined();
  });

  it('connection refused is AGENT_UNAVAILABLE naming the agent and the address', async () => {
    const address = `127.0.0.1:${await closedPort()}`;
    const run = client.executorFor('ghost', address).execute(createTaskRequest({ runId: 'fail-refused' }), createStandaloneContext({ runId: 'fail-refused' }).ctx);
    await expect(run).rejects.toMatchObject({ code: 'AGENT_UNAVAILABLE', retryable: true });
    await expect(run).rejects.toThrow(new RegExp(`agent "ghost" is unavailable over grpc at ${address}`));
    await expect(client.health(address)).rejects.toMatchObject({ code: 'AGENT_UNAVAILABLE' });
  });

  it('a replica killed mid-task fails the attempt retryably (AGENT_UNAVAILABLE or AGENT_LOST) and aborts its agent', async () => {
    const agent = await startWaitingReplica();
    const run = client.executorFor('waiter', server!.address).execute(createTaskRequest({ runId: 'fail-killed' }), createStandaloneContext({ runId: 'fail-killed' }).ctx);
    await agent.started;
    await server!.close();
    server = undefined;

    const error = (await run.catch((e: unknown) => e)) as TaskError;
    expect(error).toBeInstanceOf(TaskError);
    expect(['AGENT_UNAVAILABLE', 'AGENT_LOST']).toContain(error.code);
    expect(error.retryable).toBe(true);
    await expect(agent.aborted).resolves.toBeDefined();
  });

  it('sends the idempotency key, deadline and traceparent as metadata and sets the call deadline', async () => {
    const seen = deferred<RawExecuteCall>();
    raw = await startRawAgentServer((call) => {
      call.write({ key: call.request.idempotencyKey, result: { replicaId: 'raw', outputJson: '{"ok":true}' } });
      call.end();
      seen.resolve(call);
    });
    const traced = new GrpcAgentClient({ poolSize: 1, heartbeatMs: HEARTBEAT_MS, missedBeats: MISSED_BEATS, traceparentOf: () => '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    try {
      const task = createTaskRequest({ runId: 'meta', taskId: 't9', metadata: { timeoutMs: 60_000 } });
      await expect(traced.executorFor('raw', raw.address).execute(task, createStandaloneContext({ runId: 'meta', taskId: 't9', attempt: 3 }).ctx)).resolves.toEqual({ ok: true });
    } finally {
      traced.close();
    }
    const call = await seen.promise;
    expect(call.metadata[WIRE_HEADERS.idempotencyKey]).toBe('meta/t9/3');
    expect(call.metadata[WIRE_HEADERS.traceparent]).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    const deadlineMs = Number(call.metadata[WIRE_HEADERS.deadline]);
    expect(call.request).toMatchObject({ idempotencyKey: 'meta/t9/3', attempt: 3, deadlineAtMs: deadlineMs, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    expect(JSON.parse(call.request.taskJson)).toMatchObject({ runId: 'meta', taskId: 't9' });
    // The gRPC call deadline is the same instant (grpc-js may round it to its wire unit).
    expect(Number.isFinite(call.deadline)).toBe(true);
    expect(Math.abs(call.deadline - deadlineMs)).toBeLessThan(1000);
  });

  it('a frame over the payload limit is PAYLOAD_TOO_LARGE, not retryable, whichever side refuses it', async () => {
    server = await startReplica({ executor: executorOf(async (task) => 'x'.repeat(Number(task.input.size))), maxPayloadBytes: 4096 });
    const run = (c: GrpcAgentClient, runId: string, size: number) =>
      c.executorFor('big', server!.address).execute(createTaskRequest({ runId, input: { size } }), createStandaloneContext({ runId }).ctx);
    await expect(run(client, 'size-ok', 100)).resolves.toHaveLength(100);
    await expect(run(client, 'size-reply', 10_000)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', retryable: false });
    const strict = new GrpcAgentClient({ poolSize: 1, heartbeatMs: HEARTBEAT_MS, missedBeats: MISSED_BEATS, maxPayloadBytes: 1024 });
    try {
      const bigInput = createTaskRequest({ runId: 'size-request', input: { size: 1, padding: 'p'.repeat(5000) } });
      await expect(strict.executorFor('big', server.address).execute(bigInput, createStandaloneContext({ runId: 'size-request' }).ctx)).rejects.toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
      });
    } finally {
      strict.close();
    }
  });

  describe('replies the host cannot use are BAD_AGENT_REPLY', () => {
    const cases: [string, (call: RawExecuteCall) => void, RegExp][] = [
      [
        'a frame for another attempt',
        (call) => call.write({ key: 'other-run/task-1/1', result: { replicaId: 'raw', outputJson: '1' } }),
        /a frame for attempt "other-run\/task-1\/1" arrived on attempt "bad-/,
      ],
      ['a result whose output is not JSON', (call) => call.write({ key: call.request.idempotencyKey, result: { replicaId: 'raw', outputJson: '{oops' } }), /result.output_json is not valid JSON/],
      ['a frame with nothing set', (call) => call.write({ key: call.request.idempotencyKey }), /has no frame set/],
      ['a stream that ends without a final frame', (call) => call.write({ key: call.request.idempotencyKey, heartbeat: { replicaId: 'raw' } }), /ended before a result or error frame/],
    ];

    it.each(cases)('%s', async (_name, misbehave, message) => {
      raw = await startRawAgentServer((call) => {
        misbehave(call);
        call.end();
      });
      const runId = `bad-${Math.random().toString(36).slice(2)}`;
      const run = client.executorFor('liar', raw.address).execute(createTaskRequest({ runId }), createStandaloneContext({ runId }).ctx);
      await expect(run).rejects.toMatchObject({ code: 'BAD_AGENT_REPLY', retryable: true });
      await expect(run).rejects.toThrow(message);
    });
  });

  it('a replica that goes silent after its first heartbeat is AGENT_LOST', async () => {
    raw = await startRawAgentServer((call) => {
      // One beat, then never another frame: the host's watchdog must give up and cancel the call.
      call.write({ key: call.request.idempotencyKey, heartbeat: { replicaId: 'raw' } });
    });
    const run = client.executorFor('mute', raw.address).execute(createTaskRequest({ runId: 'silent' }), createStandaloneContext({ runId: 'silent' }).ctx);
    await expect(run).rejects.toMatchObject({ code: 'AGENT_LOST', retryable: true });
    await expect(run).rejects.toThrow(`sent no heartbeat for ${HEARTBEAT_MS * MISSED_BEATS} ms`);
    expect(client.poolStats()[0]?.inUse).toBe(0);
  });
});
