import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentsConfigError, readAgentsConfigFile } from '../src';

describe('AGENTS_CONFIG files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2a-mcp-agents-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads JSON and YAML alike', () => {
    const agents = [
      { name: 'payment_processor', transport: 'grpc', address: '127.0.0.1:50051' },
      { name: 'shipping_agent', transport: 'nats' },
    ];
    const json = file('agents.json', JSON.stringify({ agents }));
    const yaml = file('agents.yaml', 'agents:\n  - name: payment_processor\n    transport: grpc\n    address: "127.0.0.1:50051"\n  - { name: shipping_agent, transport: nats }\n');
    expect(readAgentsConfigFile(json)).toEqual({ file: json, agents, a2aAgents: [] });
    expect(readAgentsConfigFile(yaml)).toEqual({ file: yaml, agents, a2aAgents: [] });
  });

  it('parses A2A agents by card URL apart from the pinned ones', () => {
    const path = file(
      'mixed.yaml',
      'agents:\n  - { name: shipping_agent, transport: nats }\n  - { transport: a2a, cardUrl: "https://agents.example.com/currency" }\n  - { transport: a2a, cardUrl: " http://10.0.0.5:9000 ", name: fx }\n',
    );
    expect(readAgentsConfigFile(path)).toEqual({
      file: path,
      agents: [{ name: 'shipping_agent', transport: 'nats' }],
      a2aAgents: [{ cardUrl: 'https://agents.example.com/currency' }, { cardUrl: 'http://10.0.0.5:9000', name: 'fx' }],
    });
  });

  it.each([
    ['bad.json', '{ agents: [', /is not valid JSON/],
    ['bad.yaml', 'agents: [\n', /is not valid YAML/],
    ['list.yaml', '- a\n', /the document must be an object with an "agents" list/],
    ['extra.yaml', 'agents: []\nreplicas: 2\n', /unknown field "replicas" \(allowed: agents\)/],
    ['scalar.yaml', 'agents: 3\n', /agents must be a list/],
    ['item.yaml', 'agents: [3]\n', /agents\[0\] must be an object with name and transport/],
    ['name.yaml', 'agents: [{ transport: nats }]\n', /agents\[0\]\.name must be a non-empty string/],
    ['twice.yaml', 'agents: [{ name: a, transport: nats }, { name: a, transport: nats }]\n', /agents\[1\]\.name: agent "a" is pinned twice/],
    ['transport.yaml', 'agents: [{ name: a, transport: http }]\n', /agents\[0\]\.transport must be one of nats, grpc, a2a \(agent "a"\)/],
    ['nocard.yaml', 'agents: [{ transport: a2a }]\n', /agents\[0\]\.cardUrl must be the agent's URL/],
    ['cardscheme.yaml', 'agents: [{ transport: a2a, cardUrl: "file:///etc/passwd" }]\n', /agents\[0\]\.cardUrl must be an http or https URL, got "file:\/\/\/etc\/passwd"/],
    ['a2afield.yaml', 'agents: [{ transport: a2a, cardUrl: "http://x", address: "y" }]\n', /agents\[0\]: unknown field "address" \(allowed for an A2A agent: name, transport, cardUrl\)/],
    ['a2atwice.yaml', 'agents: [{ name: fx, transport: nats }, { name: fx, transport: a2a, cardUrl: "http://x" }]\n', /agents\[1\]\.name: agent "fx" is listed twice/],
    ['noaddress.yaml', 'agents: [{ name: a, transport: grpc }]\n', /agents\[0\]\.address is required for a gRPC agent: "host:port" \(agent "a"\)/],
    ['address.yaml', 'agents: [{ name: a, transport: grpc, address: "localhost" }]\n', /agents\[0\]\.address must be "host:port" for a gRPC agent, got "localhost" \(agent "a"\)/],
    ['field.yaml', 'agents: [{ name: a, transport: nats, port: 1 }]\n', /agents\[0\]: unknown field "port" \(allowed: name, transport, address\)/],
  ])('%s: a clear error naming the file and the field', (name, text, message) => {
    const path = file(name, text);
    let error: unknown;
    try {
      readAgentsConfigFile(path);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AgentsConfigError);
    expect((error as AgentsConfigError).code).toBe('INVALID_AGENTS_CONFIG');
    expect((error as AgentsConfigError).message.startsWith(`${path}: `)).toBe(true);
    expect((error as AgentsConfigError).message).toMatch(message);
  });

  it('names a file it cannot read', () => {
    const missing = join(dir, 'missing.yaml');
    expect(() => readAgentsConfigFile(missing)).toThrow(`${missing}: cannot be read (ENOENT)`);
  });
});
