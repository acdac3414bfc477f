import { get, post } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

// 50 000 tasks through a real server: generous under a loaded CI machine.
jest.setTimeout(120_000);

const TASKS = 50_000;

interface Health {
  status: string;
  info: { orchestrator: { runsInFlight: number } };
}

/**
 * A big plan must not stall the host: validation is one linear pass (no DTO instance per task), so
 * the host keeps serving other requests while a 50 000-task plan is accepted and run. The proof is an
 * ordering the server itself reports, not a timing: /health answers while the big run is in flight.
 */
describe('a 50 000-task plan', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ ENABLE_QUALITY_VALIDATION: 'false' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('is accepted and run to completion while /health keeps answering', async () => {
    // Zero-work tasks: the simulator with no duration.
    const tasks = Array.from({ length: TASKS }, (_, i) => ({ id: `t${i}`, description: `task ${i}`, agent: 'simulator', input: {} }));
    let ended = false;

    // Health probes, one after the other, from before the plan is sent until the run has ended.
    const runsInFlightSeen: number[] = [];
    const probing = (async () => {
      while (!ended) {
        const health = await get<Health>(`${t.url}/health`);
        expect(health.status).toBe(200);
        runsInFlightSeen.push(health.body.info.orchestrator.runsInFlight);
      }
    })();

    const accepted = await post<{ runId: string }>(`${t.url}/v1/runs`, { plan: { name: 'big', tasks }, strategy: 'parallel' });
    expect(accepted.status).toBe(202);
    const { runId } = accepted.body;
    let last: { runId: string; status: string; successful: number; taskCount: number } | undefined;
    while (last?.status !== 'completed') {
      const page = await get<{ items: { runId: string; status: string; successful: number; taskCount: number }[] }>(`${t.url}/v1/runs?limit=1`);
      last = page.body.items[0];
      expect(last.runId).toBe(runId);
      if (last.status !== 'running') break;
    }
    ended = true;
    await probing;

    expect(last).toMatchObject({ status: 'completed', successful: TASKS, taskCount: TASKS });
    // The server answered /health while the big run was in flight: it was not frozen until the end.
    // It relies on the scheduler yielding to the event loop every few hundred zero-work task starts.
    expect(runsInFlightSeen).toContain(1);
  });
});
