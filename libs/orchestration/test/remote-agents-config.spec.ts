import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrchestratorConfigError, validateOrchestratorEnv } from '../src';

function issuesOf(env: Record<string, string>): { variable: string; value: string; allowed: string }[] {
  try {
    validateOrchestratorEnv(env);
  } catch (error) {
    if (error instanceof OrchestratorConfigError) return [...error.issues];
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('remote agents configuration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2a-mcp-remote-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads AGENTS_MODE, the periods, the prefix, AGENTS_CONFIG and the transports\' variables', () => {
    const file = join(dir, 'agents.yml');
    writeFileSync(file, 'agents:\n  - { name: payment_processor, transport: grpc, address: "10.0.0.5:50051" }\n');
    expect(
      validateOrchestratorEnv({
        AGENTS_MODE: 'Both',
        AGENT_ANNOUNCE_MS: '250',
        AGENTS_DISCOVERY_WINDOW_MS: '0',
        AGENTS_SUBJECT_PREFIX: 'staging.',
        AGENTS_CONFIG: file,
        NATS_URL: 'nats://nats:4222',
        AGENT_HEARTBEAT_MS: '100',
      }),
    ).toMatchObject({
      remoteAgents: {
        mode: 'both',
        announceMs: 250,
        discoveryWindowMs: 0,
        subjectPrefix: 'staging.',
        pinned: { file, agents: [{ name: 'payment_processor', transport: 'grpc', address: '10.0.0.5:50051' }] },
      },
      transports: { natsUrl: 'nats://nats:4222', heartbeatMs: 100 },
    });
  });

  it('names every bad variable in one error', () => {
    const issues = issuesOf({ AGENTS_MODE: 'cloud', AGENT_ANNOUNCE_MS: '5', AGENTS_SUBJECT_PREFIX: 'a b', NATS_URL: 'http://x', AGENT_MISSED_HEARTBEATS: '0', CONNECTION_POOL_SIZE: '0' });
    expect(issues.map((issue) => issue.variable).sort()).toEqual(['AGENTS_MODE', 'AGENTS_SUBJECT_PREFIX', 'AGENT_ANNOUNCE_MS', 'AGENT_MISSED_HEARTBEATS', 'CONNECTION_POOL_SIZE', 'NATS_URL']);
    expect(issues.find((issue) => issue.variable === 'AGENTS_MODE')).toEqual({ variable: 'AGENTS_MODE', value: 'cloud', allowed: 'one of embedded, remote, both' });
    expect(issues.find((issue) => issue.variable === 'NATS_URL')).toMatchObject({ value: 'http://x', allowed: expect.stringContaining('nats://host:port') });
  });

  it('refuses NATS/gRPC pins with embedded agents but takes A2A agents, and names a bad file, the variable and the field', () => {
    const file = join(dir, 'agents.json');
    writeFileSync(file, JSON.stringify({ agents: [{ name: 'a', transport: 'grpc' }] }));
    const pinned = join(dir, 'pinned.json');
    writeFileSync(pinned, JSON.stringify({ agents: [{ name: 'b', transport: 'nats' }] }));
    expect(issuesOf({ AGENTS_CONFIG: pinned })).toEqual([
      { variable: 'AGENTS_CONFIG', value: pinned, allowed: 'NATS or gRPC agents (here "b") only with AGENTS_MODE=remote or both; with embedded, only transport: a2a entries' },
    ]);
    const a2a = join(dir, 'a2a.json');
    writeFileSync(a2a, JSON.stringify({ agents: [{ transport: 'a2a', cardUrl: 'http://127.0.0.1:9999' }] }));
    expect(validateOrchestratorEnv({ AGENTS_CONFIG: a2a }).remoteAgents.pinned?.a2aAgents).toEqual([{ cardUrl: 'http://127.0.0.1:9999' }]);
    expect(issuesOf({ AGENTS_MODE: 'remote', AGENTS_CONFIG: file })).toEqual([
      {
        variable: 'AGENTS_CONFIG',
        value: file,
        allowed: `a readable agents file; ${file}: agents[0].address is required for a gRPC agent: "host:port" (agent "a")`,
      },
    ]);
  });
});
