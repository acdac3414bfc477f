import type { Client } from '@a2a-js/sdk/client';
import type { StreamResponse, Task } from '@a2a-js/sdk';
import type { Agent } from '@a2a-mcp/agents';
import { AgentPackModule } from '@a2a-mcp/orchestration';
import { get, waitFor } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';
import { a2aClient, collect, dataPart, sendRequest, stateName, statusText, textPart, userMessage } from './support/a2a-client';

// Real server, real runs: generous under a loaded CI machine.
jest.setTimeout(30_000);

/** An agent that streams two artifacts (a markdown draft and some numbers) before it returns. */
const reporter: Agent = {
  card: {
    name: 'reporter',
    description: 'Streams a draft and numbers (test only).',
    version: '1.0.0',
    capabilities: { streaming: true },
    defaultInputModes: ['application/json'],
    defaultOutputModes: ['application/json'],
    skills: [{ id: 'report', name: 'Report', description: 'Streams artifacts', tags: ['report'] }],
  },
  async execute(_task, ctx) {
    ctx.artifact({ name: 'draft', mimeType: 'text/markdown', data: '# Draft' });
    ctx.artifact({ name: 'numbers', data: { n: 1 } });
    return { done: true, confidence: 1 };
  },
};

const REPORTER_PACK = AgentPackModule.forFeature({ name: 'reporter pack', agents: [reporter] });
const reportPlan = { tasks: [{ id: 'write', description: 'Write the report', agent: 'reporter', dependencies: [] }] };

function streamedArtifacts(events: StreamResponse[]): { id: string; name: string; part: unknown; mediaType: string }[] {
  return events.flatMap((event) => {
    if (event.payload?.$case !== 'artifactUpdate') return [];
    const artifact = event.payload.value.artifact;
    if (artifact === undefined || !artifact.artifactId.startsWith('artifact/')) return [];
    const part = artifact.parts[0];
    return [{ id: artifact.artifactId, name: artifact.name, part: part.content?.value, mediaType: part.mediaType }];
  });
}

function lastStatus(events: StreamResponse[]): { state: string; text: string; planTask: unknown } {
  const last = events[events.length - 1].payload;
  if (last?.$case !== 'statusUpdate') throw new Error(`the stream did not end with a status update: ${last?.$case ?? 'none'}`);
  return { state: stateName(last.value.status?.state), text: statusText(last.value), planTask: last.value.status?.message?.metadata?.planTask };
}

describe("the host as an A2A agent: agents' streamed artifacts and several waiting tasks", () => {
  let host: TestApp;
  let client: Client;

  beforeAll(async () => {
    host = await startTestApp({}, [REPORTER_PACK]);
    client = await a2aClient(host.url);
  });
  afterAll(() => host.close());

  it("forwards an agent's streamed artifacts: a text/* string as a text part, anything else as data", async () => {
    const events = await collect(client.sendMessageStream(sendRequest(userMessage([dataPart(reportPlan)]))));
    const artifacts = streamedArtifacts(events);
    expect(artifacts.map(({ name, part, mediaType }) => ({ name, part, mediaType }))).toEqual([
      { name: 'draft', part: '# Draft', mediaType: 'text/markdown' },
      { name: 'numbers', part: { n: 1 }, mediaType: 'application/json' },
    ]);
    expect(artifacts.every((artifact) => /^artifact\/write\/\d+$/.test(artifact.id))).toBe(true);
    expect(new Set(artifacts.map((artifact) => artifact.id)).size).toBe(2);
    expect(lastStatus(events).state).toBe('completed');
  });

  it('two tasks waiting at once: each answer is followed at once by the other question, then the run completes', async () => {
    const plan = {
      tasks: ['left', 'right'].map((id) => ({
        id,
        description: `Approve the ${id} order`,
        agent: 'approval_agent',
        dependencies: [],
        input: { orderId: id, amount: 10, currency: 'EUR' },
      })),
    };
    const first = await collect(client.sendMessageStream(sendRequest(userMessage([dataPart(plan)]))));
    const runId = (first[0].payload as { value: Task }).value.id;
    const asked = lastStatus(first);
    expect(asked.state).toBe('input-required');
    const other = asked.planTask === 'left' ? 'right' : 'left';
    expect(asked.text).toBe(`Approve order ${String(asked.planTask)} for 10.00 EUR? (yes/no)`);

    // Both wait (the second may pause a moment after the first).
    await waitFor(async () => {
      const run = (await get<{ tasks: Record<string, { status: string }> }>(`${host.url}/v1/runs/${runId}`)).body;
      return run.tasks.left.status === 'paused' && run.tasks.right.status === 'paused' ? true : undefined;
    }, 20_000, 'both approvals to wait');
    // Answer the other one first, by name: the one first asked still waits, so the stream stops at once.
    const second = await collect(client.sendMessageStream(sendRequest(userMessage([textPart('yes')], { taskId: runId, metadata: { pausedTask: other } }))));
    expect(lastStatus(second)).toMatchObject({ state: 'input-required', planTask: asked.planTask });

    const third = await collect(client.sendMessageStream(sendRequest(userMessage([textPart('yes')], { taskId: runId }))));
    expect(lastStatus(third)).toMatchObject({ state: 'completed', text: 'run completed: 2/2 tasks completed' });
  });
});

describe("agents' streamed artifacts with PHASE 7 streaming off", () => {
  it('are left out; task outputs and the result still come', async () => {
    const host = await startTestApp({ ENABLE_PHASE_7_STREAMING: 'false' }, [REPORTER_PACK]);
    try {
      const client = await a2aClient(host.url);
      const events = await collect(client.sendMessageStream(sendRequest(userMessage([dataPart(reportPlan)]))));
      expect(streamedArtifacts(events)).toEqual([]);
      const ids = events.flatMap((event) => (event.payload?.$case === 'artifactUpdate' ? [event.payload.value.artifact?.artifactId] : []));
      expect(ids).toEqual(['task/write', 'run/result']);
    } finally {
      await host.close();
    }
  });
});
