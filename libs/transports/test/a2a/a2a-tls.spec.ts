import { createStandaloneContext, createTaskRequest } from '@a2a-mcp/core-graph/testing';
import { AgentCardUnavailableError, BadTlsOptionError, UrlGuard, connectA2aAgent, type A2aAgent } from '../../src';
import { startTestAgent, type RunningTestAgent } from './support/a2a-test-agent';
import { makeTestCertificates, type TestCertificates } from './support/test-certificates';

// Real https servers and handshakes: generous under a loaded CI machine.
jest.setTimeout(30_000);

const guard = new UrlGuard({ allowedHosts: ['127.0.0.1'] });
/** What refusing an untrusted certificate says, whichever way the chain was untrusted. */
const UNTRUSTED = /TLS handshake with 127\.0\.0\.1:\d+ failed: its certificate is not trusted \([A-Z_]+: .+\); give the agent's CA as the tls\.ca option/;

async function runZeroTasks(agent: A2aAgent, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const { ctx } = createStandaloneContext({ runId: 'tls', taskId: `t${i}` });
    await expect(agent.executor.execute(createTaskRequest({ runId: 'tls', taskId: `t${i}`, input: { mode: 'zero' } }), ctx)).resolves.toEqual({ ok: true });
  }
}

/** Connecting must fail: the error it failed with. */
async function refusal(cardUrl: string, options: Parameters<typeof connectA2aAgent>[1]): Promise<unknown> {
  return connectA2aAgent(cardUrl, options).then(
    async (agent) => {
      await agent.close();
      throw new Error(`${cardUrl} was accepted`);
    },
    (caught: unknown) => caught,
  );
}

describe('an A2A agent over https', () => {
  let certificates: TestCertificates;
  const servers: RunningTestAgent[] = [];
  const agents: A2aAgent[] = [];

  beforeAll(() => {
    certificates = makeTestCertificates();
  });

  afterEach(async () => {
    await Promise.all(agents.splice(0).map((agent) => agent.close()));
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function serve(tls: { key: string; cert: string }, options: Parameters<typeof startTestAgent>[0] = {}): Promise<RunningTestAgent> {
    const server = await startTestAgent({ ...options, tls });
    servers.push(server);
    return server;
  }

  async function connect(cardUrl: string, options: Parameters<typeof connectA2aAgent>[1] = {}): Promise<A2aAgent> {
    const agent = await connectA2aAgent(cardUrl, { guard, ...options });
    agents.push(agent);
    return agent;
  }

  it('with tls.ca the test CA: fetches the card and runs tasks over TLS, reusing the pooled connections', async () => {
    const server = await serve(certificates.signedByCa);
    expect(server.cardUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
    const agent = await connect(server.cardUrl, { tls: { ca: certificates.ca.cert }, poolSize: 2 });
    expect(agent.card.url).toBe(server.endpoint);
    expect(agent.address).toBe(server.endpoint);
    await runZeroTasks(agent, 10);
    const stats = agent.poolStats();
    expect(stats).toMatchObject({ transport: 'a2a', address: new URL(server.endpoint).origin });
    expect(stats.created).toBeGreaterThanOrEqual(1);
    expect(stats.created).toBeLessThanOrEqual(2);
    expect(stats.created + stats.reused).toBe(10);
    // The agent's side: one handshake for the card, one per pooled connection, none per task.
    expect(server.handshakes).toBe(1 + stats.created);
    expect(server.received).toHaveLength(10);
  });

  it('unpooled: a fresh connection and a full TLS handshake (no resumed session) for every request', async () => {
    const server = await serve(certificates.signedByCa);
    const agent = await connect(server.cardUrl, { tls: { ca: certificates.ca.cert }, unpooled: true });
    const before = server.handshakes;
    await runZeroTasks(agent, 4);
    expect(agent.poolStats()).toMatchObject({ created: 4, reused: 0 });
    expect(server.handshakes - before).toBe(4);
    expect(server.resumedSessions).toBe(0);
  });

  it('refuses a self-signed certificate it was not told to trust: AGENT_UNAVAILABLE naming TLS, no task sent', async () => {
    const server = await serve(certificates.selfSigned);
    const error = await refusal(server.cardUrl, { guard });
    expect(error).toBeInstanceOf(AgentCardUnavailableError);
    expect(error).toMatchObject({ code: 'AGENT_UNAVAILABLE', url: server.cardUrl });
    expect((error as Error).message).toContain(`cannot fetch the agent card at ${server.cardUrl}: `);
    expect((error as Error).message).toMatch(UNTRUSTED);
    expect((error as Error).message).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(server.received).toHaveLength(0);
  });

  it('trusts only the CAs it is given: the test CA does not vouch for a self-signed certificate', async () => {
    const server = await serve(certificates.selfSigned);
    const error = await refusal(server.cardUrl, { guard, tls: { ca: certificates.ca.cert } });
    expect(error).toMatchObject({ code: 'AGENT_UNAVAILABLE' });
    expect((error as Error).message).toMatch(UNTRUSTED);
    // And the other way round: the self-signed certificate as the only CA does not vouch for the test CA's.
    const signed = await serve(certificates.signedByCa);
    expect((await refusal(signed.cardUrl, { guard, tls: { ca: certificates.selfSigned.cert } })) as Error).toMatchObject({ message: expect.stringMatching(UNTRUSTED) });
  });

  it('a task whose endpoint has an untrusted certificate fails AGENT_UNAVAILABLE (retryable) naming TLS', async () => {
    // The card comes from a trusted server; the endpoint it names is another one, with a self-signed certificate.
    const endpointServer = await serve(certificates.selfSigned);
    const cardServer = await serve(certificates.signedByCa, {
      cardDocument: () =>
        JSON.stringify({
          name: 'Elsewhere Agent',
          description: 'calls happen elsewhere',
          version: '1.0.0',
          supportedInterfaces: [{ url: endpointServer.endpoint, protocolBinding: 'JSONRPC', protocolVersion: '1.0' }],
          capabilities: { streaming: true },
          defaultInputModes: ['text/plain'],
          defaultOutputModes: ['application/json'],
          skills: [{ id: 'echo', name: 'Echo', description: 'echoes', tags: ['echo'] }],
        }),
    });
    const agent = await connect(cardServer.cardUrl, { tls: { ca: certificates.ca.cert } });
    const error = await agent.executor.execute(createTaskRequest({ input: { mode: 'zero' } }), createStandaloneContext().ctx).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'AGENT_UNAVAILABLE', retryable: true });
    expect((error as Error).message).toContain(`agent "elsewhere_agent" is unavailable over a2a at ${endpointServer.endpoint}: `);
    expect((error as Error).message).toMatch(UNTRUSTED);
    expect(endpointServer.received).toHaveLength(0);
  });

  it('refuses a tls.ca that holds no usable certificate, naming the URL, before any connection', async () => {
    const server = await serve(certificates.signedByCa);
    const notPem = await refusal(server.cardUrl, { guard, tls: { ca: 'not a certificate' } });
    expect(notPem).toBeInstanceOf(BadTlsOptionError);
    expect(notPem).toMatchObject({ code: 'BAD_TLS_OPTION', url: server.cardUrl });
    expect((notPem as Error).message).toBe(`the TLS option ca for the A2A agent at ${server.cardUrl} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
    const broken = await refusal(server.cardUrl, { guard, tls: { ca: [certificates.ca.cert, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'] } });
    expect((broken as Error).message).toContain('has a certificate that does not parse (2 of 2)');
    expect(server.connections).toBe(0);
  });
});
