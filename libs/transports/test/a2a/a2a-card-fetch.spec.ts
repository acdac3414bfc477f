import type { LookupAddress } from 'node:dns';
import { BadAgentCardError, UntrustedUrlError, UrlGuard, connectA2aAgent } from '../../src';
import { startTestAgent, type RunningTestAgent } from './support/a2a-test-agent';

const allowLoopback = new UrlGuard({ allowedHosts: ['127.0.0.1'] });

/** A 1.0 card for `base`, with `change` applied: the cards that lie are made from this one. */
function cardFor(base: string, change: (card: Record<string, unknown>) => void = () => undefined): string {
  const card: Record<string, unknown> = {
    name: 'Liar Agent',
    description: 'says things',
    version: '1.0.0',
    supportedInterfaces: [{ url: `${base}/a2a/jsonrpc`, protocolBinding: 'JSONRPC', protocolVersion: '1.0' }],
    capabilities: { streaming: true },
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['application/json'],
    skills: [{ id: 'lie', name: 'Lie', description: 'tells lies', tags: ['lie'] }],
  };
  change(card);
  return JSON.stringify(card);
}

/** Serves `document` as the card; connects; returns the error. */
async function refusal(document: (base: string) => string, options: { maxCardBytes?: number } = {}): Promise<BadAgentCardError> {
  const server = await startTestAgent({ cardDocument: document });
  try {
    const error = await connectA2aAgent(server.cardUrl, { guard: allowLoopback, ...options }).then(
      async (agent) => {
        await agent.close();
        throw new Error('the card was accepted');
      },
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(BadAgentCardError);
    expect(error).toMatchObject({ code: 'BAD_AGENT_CARD', url: server.cardUrl });
    expect((error as Error).message).toContain(server.cardUrl);
    return error as BadAgentCardError;
  } finally {
    await server.close();
  }
}

describe('an agent card that lies', () => {
  it('is refused when it is not JSON', async () => {
    const error = await refusal(() => '{"name": "Liar Agent", "skills": [');
    expect(error.field).toBe('(body)');
    expect(error.message).toMatch(/is not JSON/);
  });

  it('is refused when the name is missing', async () => {
    const error = await refusal((base) => cardFor(base, (card) => delete card.name));
    expect(error.field).toBe('name');
    expect(error.message).toBe(`the agent card at ${error.url} is unusable: name is missing`);
  });

  it('is refused when the skills are not a list', async () => {
    const error = await refusal((base) => cardFor(base, (card) => (card.skills = 'all of them')));
    expect(error.field).toBe('skills');
    expect(error.message).toContain('skills must be an array, got string');
  });

  it('is refused when the URL to call is missing', async () => {
    const error = await refusal((base) => cardFor(base, (card) => (card.supportedInterfaces = [{ protocolBinding: 'JSONRPC' }])));
    expect(error.field).toBe('supportedInterfaces[0].url');
    expect(error.message).toContain('supportedInterfaces[0].url is missing');
    const noInterfaces = await refusal((base) => cardFor(base, (card) => delete card.supportedInterfaces));
    expect(noInterfaces.field).toBe('supportedInterfaces');
  });

  it('is refused when a field has the wrong type, naming its path', async () => {
    const tag = await refusal((base) => cardFor(base, (card) => (card.skills = [{ id: 'lie', name: 'Lie', tags: ['ok', 42] }])));
    expect(tag.field).toBe('skills[0].tags[1]');
    expect(tag.message).toContain('must be a string, got number');
    const metadata = await refusal((base) => cardFor(base, (card) => (card.skills = [{ id: 'lie', name: 'Lie', tags: [], metadata: { expectedDurationMs: 'soon' } }])));
    expect(metadata.field).toBe('skills[0].metadata.expectedDurationMs');
  });

  it('is refused when it is larger than the limit', async () => {
    const error = await refusal((base) => cardFor(base, (card) => (card.description = 'x'.repeat(8_000))), { maxCardBytes: 4_096 });
    expect(error.field).toBe('(body)');
    expect(error.message).toContain('is larger than 4096 bytes');
  });

  it('is refused when it is not served (HTTP 404), and reported unavailable on HTTP 503', async () => {
    const server = await startTestAgent({
      routes: (request, response) => {
        if (request.url === '/missing.json' || request.url === '/busy.json') {
          response.writeHead(request.url === '/missing.json' ? 404 : 503);
          response.end();
          return true;
        }
        return false;
      },
    });
    try {
      await expect(connectA2aAgent(`${server.base}/missing.json`, { guard: allowLoopback })).rejects.toMatchObject({ code: 'BAD_AGENT_CARD', message: expect.stringContaining('HTTP 404') });
      await expect(connectA2aAgent(`${server.base}/busy.json`, { guard: allowLoopback })).rejects.toMatchObject({ code: 'AGENT_UNAVAILABLE', message: expect.stringContaining('HTTP 503') });
    } finally {
      await server.close();
    }
  });
});

describe('URLs the host refuses to call (UNTRUSTED_URL)', () => {
  let server: RunningTestAgent;
  let redirects = 0;

  beforeAll(async () => {
    server = await startTestAgent({
      routes: (request, response, base) => {
        if (request.url !== '/moved') return false;
        redirects += 1;
        response.writeHead(302, { location: `${base}/.well-known/agent-card.json` });
        response.end();
        return true;
      },
    });
  });

  afterAll(() => server.close());

  const port = (): string => new URL(server.base).port;
  /** A resolver for the names the tests use; everything else does not exist. */
  const names = (table: Record<string, string[]>) => async (hostname: string): Promise<LookupAddress[]> => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

  async function refusedWith(cardUrl: string, guard: UrlGuard): Promise<UntrustedUrlError> {
    const error = await connectA2aAgent(cardUrl, { guard }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UntrustedUrlError);
    expect(error).toMatchObject({ code: 'UNTRUSTED_URL' });
    return error as UntrustedUrlError;
  }

  it('refuses a scheme other than http(s)', async () => {
    const error = await refusedWith('ftp://agents.example/card.json', new UrlGuard());
    expect(error.message).toContain('must be http or https, not ftp');
  });

  it('refuses 127.0.0.1 unless AGENT_ALLOWED_HOSTS lists it', async () => {
    const before = server.connections;
    const error = await refusedWith(server.cardUrl, UrlGuard.fromEnv({}));
    expect(error.message).toContain('127.0.0.1 is a loopback, private or link-local address (127.0.0.1)');
    expect(server.connections).toBe(before);
  });

  it('refuses a name that resolves to 127.0.0.1', async () => {
    const guard = new UrlGuard({ resolve: names({ 'agent.example': ['127.0.0.1'] }) });
    const error = await refusedWith(`http://agent.example:${port()}/.well-known/agent-card.json`, guard);
    expect(error.message).toContain('agent.example is a loopback, private or link-local address (127.0.0.1)');
  });

  it('refuses a name that resolved to a public address for the check and to 127.0.0.1 for the connection', async () => {
    let lookups = 0;
    // DNS rebinding: the first answer passes the check, the next one is what the socket would use.
    const guard = new UrlGuard({
      resolve: async (hostname) => {
        if (hostname !== 'rebind.example') throw new Error(`unexpected lookup of ${hostname}`);
        lookups += 1;
        return [{ address: lookups === 1 ? '203.0.113.7' : '127.0.0.1', family: 4 }];
      },
    });
    const before = server.connections;
    const error = await refusedWith(`http://rebind.example:${port()}/.well-known/agent-card.json`, guard);
    expect(lookups).toBe(2);
    expect(error.message).toContain('rebind.example resolves to a loopback, private or link-local address (127.0.0.1)');
    expect(server.connections).toBe(before);
  });

  it('refuses a redirect from an allowed host to 127.0.0.1', async () => {
    const guard = new UrlGuard({ allowedHosts: ['localhost'], resolve: names({ localhost: ['127.0.0.1'] }) });
    const error = await refusedWith(`http://localhost:${port()}/moved`, guard);
    expect(redirects).toBe(1);
    expect(error.message).toContain('the agent card URL (redirected): 127.0.0.1 is a loopback, private or link-local address');
  });

  it('refuses a card fetched from an allowed host whose URL points to 127.0.0.1', async () => {
    // The card itself comes from "localhost" (allowed by name); the URL inside it is 127.0.0.1 (not allowed).
    const guard = new UrlGuard({ allowedHosts: ['localhost'], resolve: names({ localhost: ['127.0.0.1'] }) });
    const error = await refusedWith(`http://localhost:${port()}/.well-known/agent-card.json`, guard);
    expect(error.url).toBe(server.endpoint);
    expect(error.message).toContain(`the URL in the agent card of http://localhost:${port()}/.well-known/agent-card.json: 127.0.0.1 is a loopback`);
  });
});
