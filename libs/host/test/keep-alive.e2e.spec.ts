import { Agent, request, type IncomingMessage } from 'node:http';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(30_000);

/** One GET on the agent; resolves with whether it went over a socket an earlier request had used. */
function getHealth(url: string, agent: Agent): Promise<{ status: number; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/health`, { agent }, (res: IncomingMessage) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Node's default keep-alive of 5 s makes a client that reuses a connection after a pause (or whose next
 * request sat behind a busy event loop) meet ECONNRESET. The host keeps idle connections longer.
 */
describe('HTTP keep-alive', () => {
  let t: TestApp;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    agent.destroy();
    await t.close();
  });

  it('keeps an idle connection open past Node’s 5 s default, so the next request reuses it', async () => {
    expect(await getHealth(t.url, agent)).toEqual({ status: 200, reused: false });
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(await getHealth(t.url, agent)).toEqual({ status: 200, reused: true });
  });
});
