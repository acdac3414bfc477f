import { BadAgentCardError, SKILL_PLANNING_EXTENSION_URI, agentNameFromDisplayName, agentCardUrlOf, toAgentCard, validateA2aCard } from '../../src';

const URL = 'https://agents.example/.well-known/agent-card.json';

function card(change: (card: Record<string, unknown>) => void = () => undefined): Record<string, unknown> {
  const value: Record<string, unknown> = {
    name: 'Travel Planner',
    description: 'plans trips',
    version: '2.0.0',
    supportedInterfaces: [{ url: 'https://agents.example/a2a', protocolBinding: 'JSONRPC', protocolVersion: '1.0' }],
    skills: [{ id: 'plan_trip', name: 'Plan a trip', description: 'itineraries', tags: ['travel'] }],
  };
  change(value);
  return value;
}

function problem(document: unknown): { field: string; message: string } {
  try {
    validateA2aCard(document, URL);
  } catch (error) {
    expect(error).toBeInstanceOf(BadAgentCardError);
    return { field: (error as BadAgentCardError).field, message: (error as Error).message };
  }
  throw new Error('the card was accepted');
}

describe('agent names from A2A display names', () => {
  it.each([
    ['Currency Agent', 'currency_agent'],
    ['  currency--agent!! ', 'currency_agent'],
    ['Résumé-Writer 2', 'resume_writer_2'],
    ['3D Printer', 'agent_3d_printer'],
    ['already_snake', 'already_snake'],
  ])('%j → %j', (display, name) => expect(agentNameFromDisplayName(display)).toBe(name));

  it('gives up on a name with no letters or digits, and cuts a long one at 64 characters', () => {
    expect(agentNameFromDisplayName('!!! ???')).toBeUndefined();
    expect(agentNameFromDisplayName('日本語のエージェント')).toBeUndefined();
    const long = agentNameFromDisplayName('word '.repeat(40))!;
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).toMatch(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/);
  });

  it('refuses a card whose name makes no agent name, pointing at the name option', () => {
    const valid = validateA2aCard(card((c) => (c.name = '???')), URL);
    expect(() => toAgentCard(valid, URL)).toThrow(/name \("\?\?\?"\) has no letters or digits to make an agent name of; give one with the name option/);
    expect(toAgentCard(valid, URL, 'mystery_agent').description).toBe('plans trips (A2A agent "???")');
  });
});

describe('validateA2aCard', () => {
  it('reads planning metadata from the card extension, with the skill’s own metadata winning', () => {
    const valid = validateA2aCard(
      card((c) => {
        c.capabilities = {
          streaming: true,
          extensions: [
            { uri: 'urn:someone-else', params: { skills: 'not ours' } },
            { uri: SKILL_PLANNING_EXTENSION_URI, params: { skills: { plan_trip: { consumes: ['destination'], produces: ['itinerary'], expectedDurationMs: 900 } } } },
          ],
        };
        c.skills = [{ id: 'plan_trip', name: 'Plan a trip', tags: ['travel'], metadata: { expectedDurationMs: 300, owner: 'ignored' } }];
      }),
      URL,
    );
    expect(valid.skills).toEqual([{ id: 'plan_trip', name: 'Plan a trip', description: '', tags: ['travel'], metadata: { consumes: ['destination'], produces: ['itinerary'], expectedDurationMs: 300 } }]);
    expect(valid.streaming).toBe(true);
  });

  it('picks the first interface in a binding the client speaks, and refuses a card with none', () => {
    const valid = validateA2aCard(
      card((c) => {
        c.supportedInterfaces = [
          { url: 'https://agents.example/grpc', protocolBinding: 'GRPC' },
          { url: 'https://agents.example/rest', protocolBinding: 'http+json', tenant: 't1' },
          { url: 'https://agents.example/rpc', protocolBinding: 'JSONRPC' },
        ];
      }),
      URL,
    );
    expect(valid.endpoint).toEqual({ url: 'https://agents.example/rest', protocolBinding: 'HTTP+JSON', protocolVersion: '1.0', tenant: 't1' });
    expect(problem(card((c) => (c.supportedInterfaces = [{ url: 'https://agents.example/grpc', protocolBinding: 'GRPC' }])))).toEqual({
      field: 'supportedInterfaces',
      message: `the agent card at ${URL} is unusable: supportedInterfaces offers no JSONRPC or HTTP+JSON interface (only "GRPC")`,
    });
    expect(problem(card((c) => (c.supportedInterfaces = [])))).toMatchObject({ field: 'supportedInterfaces' });
  });

  it('reads an A2A 0.3 card by its url and preferredTransport', () => {
    const legacy = validateA2aCard({ name: 'Old', url: 'https://old.example/rpc', protocolVersion: '0.3.0', skills: [] }, URL);
    expect(legacy).toMatchObject({ legacy: true, endpoint: { url: 'https://old.example/rpc', protocolBinding: 'JSONRPC', protocolVersion: '0.3.0' } });
    expect(problem({ name: 'Old', url: 'https://old.example/rpc', preferredTransport: 'GRPC', skills: [] })).toMatchObject({ field: 'preferredTransport' });
    expect(problem({ name: 'Old', url: 42, skills: [] })).toMatchObject({ field: 'url', message: expect.stringContaining('must be a string, got number') });
  });

  it('names the first bad field of a card that lies', () => {
    expect(problem('a card')).toMatchObject({ field: '(body)', message: expect.stringContaining('must be an object, got string') });
    expect(problem(card((c) => (c.name = '   ')))).toMatchObject({ field: 'name', message: expect.stringContaining('must not be empty') });
    expect(problem(card((c) => (c.skills = [{ id: 'a', name: 'A' }, { id: 'a', name: 'B' }])))).toMatchObject({ field: 'skills[1].id', message: expect.stringContaining('repeats the skill id "a"') });
    expect(problem(card((c) => (c.skills = [{ name: 'nameless' }])))).toMatchObject({ field: 'skills[0].id' });
    expect(problem(card((c) => (c.capabilities = { streaming: 'yes' })))).toMatchObject({ field: 'capabilities.streaming' });
    expect(problem(card((c) => (c.description = 'x'.repeat(10_001))))).toMatchObject({ field: 'description', message: expect.stringContaining('longer than 10000 characters') });
    expect(problem(card((c) => (c.skills = Array.from({ length: 257 }, (_, i) => ({ id: `s${i}`, name: 'S' })))))).toMatchObject({ field: 'skills', message: expect.stringContaining('257 entries, at most 256') });
    expect(problem(card((c) => (c.skills = [{ id: 's', name: 'S', metadata: { consumes: 'order' } }])))).toMatchObject({ field: 'skills[0].metadata.consumes' });
  });
});

describe('agentCardUrlOf', () => {
  it('reads a base URL as the card at its well-known path and keeps any other URL', () => {
    expect(agentCardUrlOf('https://agents.example')).toBe('https://agents.example/.well-known/agent-card.json');
    expect(agentCardUrlOf('https://agents.example/')).toBe('https://agents.example/.well-known/agent-card.json');
    expect(agentCardUrlOf('https://agents.example/cards/travel.json')).toBe('https://agents.example/cards/travel.json');
  });
});
