import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QualityDomain } from '@a2a-mcp/quality';
import { MODE_DEFAULTS, OrchestratorConfigError, validateOrchestratorEnv } from '../src';

describe('validateOrchestratorEnv', () => {
  it('has the documented defaults (ORCHESTRATION_MODE=enhanced)', () => {
    expect(validateOrchestratorEnv({})).toEqual({
      port: 3000,
      logLevel: 'info',
      logFormat: 'auto',
      mode: 'enhanced',
      defaultStrategy: 'auto',
      streaming: true,
      observability: true,
      qualityValidation: true,
      defaultQualityDomain: QualityDomain.GENERIC,
      parallelThreshold: 3,
      connectionPoolSize: 20,
      maxConcurrentTasks: 64,
      shutdownGraceMs: 10_000,
      runRetention: 1000,
      runRetentionMs: 3_600_000,
      runMemoryBudgetBytes: expect.any(Number),
      schedulingPolicy: 'run-order',
      execution: { taskTimeoutMs: 3_600_000, maxRetries: 3, qualityRetries: 2 },
      maxBodyBytes: 20 * 1024 * 1024,
      planLimits: { maxTasks: 100_000, maxIdLength: 200, maxInputBytes: 1024 * 1024, maxDescriptionLength: 10_000 },
      planner: 'deterministic',
      plannerLlmEnv: {},
      remoteAgents: { mode: 'embedded', announceMs: 5000, discoveryWindowMs: 500, subjectPrefix: '' },
      transports: { natsUrl: 'nats://127.0.0.1:4222', heartbeatMs: 1000, missedBeats: 3, poolSize: 20, maxPayloadBytes: 1024 * 1024 },
      externalAgents: { allowedHosts: [], connectTimeoutMs: 10_000, retryMaxMs: 30_000, maxResponseBytes: 256 * 1024, llmKeys: {} },
      resilience: expect.any(Object),
      security: expect.any(Object),
      durability: {
        store: expect.objectContaining({ kind: 'sqlite', dataDir: expect.stringMatching(/data$/), snapshotEvery: 1000 }),
        hostId: expect.stringMatching(/:3000$/),
        leaseTtlMs: 15_000,
        storePollMs: 250,
      },
    });
  });

  it('reads the durable run store and lease settings, naming every bad one', () => {
    expect(validateOrchestratorEnv({ RUN_STORE: 'postgres', DATABASE_URL: 'postgres://u@db:5432/runs', HOST_ID: 'replica-1', LEASE_TTL_MS: '5000', PORT: '4000' })).toMatchObject({
      durability: { store: { kind: 'postgres', databaseUrl: 'postgres://u@db:5432/runs' }, hostId: 'replica-1', leaseTtlMs: 5000 },
    });
    expect(validateOrchestratorEnv({ PORT: '4000' }).durability.hostId).toMatch(/:4000$/);
    let error: unknown;
    try {
      validateOrchestratorEnv({ RUN_STORE: 'postgres', LEASE_TTL_MS: '10' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OrchestratorConfigError);
    const variables = (error as OrchestratorConfigError).issues.map((issue) => issue.variable).sort();
    expect(variables).toEqual(['DATABASE_URL', 'LEASE_TTL_MS']);
    expect(() => validateOrchestratorEnv({ RUN_STORE: 'mongo' })).toThrow(/RUN_STORE="mongo"/);
  });

  it('reads the execution defaults, the scheduling policy and the memory budgets, naming every bad one', () => {
    expect(
      validateOrchestratorEnv({
        DEFAULT_TASK_TIMEOUT_MS: '5000',
        DEFAULT_MAX_RETRIES: '0',
        RUN_TIMEOUT_MS: '60000',
        SCHEDULING_POLICY: 'fair',
        RUN_MEMORY_BUDGET_BYTES: String(64 * 1024 * 1024),
      }),
    ).toMatchObject({
      execution: { taskTimeoutMs: 5000, maxRetries: 0, qualityRetries: 2, runTimeoutMs: 60_000 },
      schedulingPolicy: 'fair',
      runMemoryBudgetBytes: 64 * 1024 * 1024,
    });
    let error: unknown;
    try {
      validateOrchestratorEnv({ DEFAULT_TASK_TIMEOUT_MS: '3000000000', DEFAULT_MAX_RETRIES: '-1', SCHEDULING_POLICY: 'lifo', RUN_RETENTION: '0' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OrchestratorConfigError);
    const variables = (error as OrchestratorConfigError).issues.map((issue) => issue.variable).sort();
    expect(variables).toEqual(['DEFAULT_MAX_RETRIES', 'DEFAULT_TASK_TIMEOUT_MS', 'RUN_RETENTION', 'SCHEDULING_POLICY']);
    expect((error as OrchestratorConfigError).message).toContain('DEFAULT_TASK_TIMEOUT_MS="3000000000" (allowed: an integer from 1 to 2147483647)');
  });

  it('maps each mode to its strategy and features', () => {
    expect(validateOrchestratorEnv({ ORCHESTRATION_MODE: 'basic' })).toMatchObject({
      defaultStrategy: 'sequential',
      qualityValidation: false,
      streaming: false,
      observability: false,
    });
    expect(validateOrchestratorEnv({ ORCHESTRATION_MODE: 'parallel', PARALLEL_THRESHOLD: '2' })).toMatchObject({
      defaultStrategy: 'parallel',
      parallelThreshold: 2,
      qualityValidation: true,
      streaming: true,
    });
    expect(MODE_DEFAULTS.enhanced.strategy).toBe('auto');
  });

  it('lets an explicit ENABLE_* win over the mode, either way', () => {
    expect(validateOrchestratorEnv({ ORCHESTRATION_MODE: 'basic', ENABLE_QUALITY_VALIDATION: 'true', ENABLE_PHASE_7_STREAMING: '1' })).toMatchObject({
      qualityValidation: true,
      streaming: true,
    });
    expect(validateOrchestratorEnv({ ENABLE_QUALITY_VALIDATION: 'FALSE', ENABLE_OBSERVABILITY: '0' })).toMatchObject({
      qualityValidation: false,
      observability: false,
    });
  });

  it('reads every variable, case-insensitively where it is a name, ignoring blanks', () => {
    const config = validateOrchestratorEnv({
      PORT: '8080',
      ORCHESTRATION_MODE: ' Parallel ',
      PARALLEL_THRESHOLD: '5',
      CONNECTION_POOL_SIZE: '7',
      DEFAULT_QUALITY_DOMAIN: 'service',
      MAX_CONCURRENT_TASKS: '8',
      SHUTDOWN_GRACE_MS: '0',
      RUN_RETENTION: '3',
      PLANNER: 'deterministic',
      ENABLE_OBSERVABILITY: '',
    });
    expect(config).toMatchObject({
      port: 8080,
      mode: 'parallel',
      parallelThreshold: 5,
      connectionPoolSize: 7,
      defaultQualityDomain: QualityDomain.SERVICE,
      maxConcurrentTasks: 8,
      shutdownGraceMs: 0,
      runRetention: 3,
      observability: true,
    });
  });

  it.each([
    ['ORCHESTRATION_MODE', 'turbo', 'one of basic, enhanced, parallel'],
    ['PARALLEL_THRESHOLD', '0', 'an integer ≥ 1'],
    ['PARALLEL_THRESHOLD', '2.5', 'an integer ≥ 1'],
    ['PARALLEL_THRESHOLD', 'three', 'an integer ≥ 1'],
    ['CONNECTION_POOL_SIZE', '-1', 'an integer ≥ 1'],
    ['MAX_CONCURRENT_TASKS', '0', 'an integer ≥ 1'],
    ['SHUTDOWN_GRACE_MS', '-5', 'an integer ≥ 0'],
    ['RUN_RETENTION', '1e3', 'an integer ≥ 1'],
    ['PORT', '65536', 'an integer from 0 to 65535'],
    ['ENABLE_PHASE_7_STREAMING', 'yes', 'true, false, 1 or 0'],
    ['ENABLE_OBSERVABILITY', 'on', 'true, false, 1 or 0'],
    ['ENABLE_QUALITY_VALIDATION', '2', 'true, false, 1 or 0'],
    ['DEFAULT_QUALITY_DOMAIN', 'MEDICAL', 'one of GENERIC, ANALYTICAL, BUSINESS, ACADEMIC, SERVICE, CREATIVE'],
    ['PLANNER', 'gpt', 'one of deterministic, llm'],
  ])('refuses %s=%s naming the variable, the value and what is allowed', (variable, value, allowed) => {
    let error: unknown;
    try {
      validateOrchestratorEnv({ [variable]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OrchestratorConfigError);
    const configError = error as OrchestratorConfigError;
    expect(configError.code).toBe('INVALID_CONFIG');
    expect(configError.issues).toEqual([{ variable, value, allowed }]);
    expect(configError.message).toBe(`invalid configuration: ${variable}=${JSON.stringify(value)} (allowed: ${allowed})`);
  });

  it('collects every bad variable into one message', () => {
    expect(() => validateOrchestratorEnv({ ORCHESTRATION_MODE: 'x', PARALLEL_THRESHOLD: '0', PORT: 'http' })).toThrow(
      /^invalid configuration: PORT="http" .*; ORCHESTRATION_MODE="x" .*; PARALLEL_THRESHOLD="0" /,
    );
  });

  it('checks PLANNER_LLM_* only when PLANNER=llm', () => {
    expect(() => validateOrchestratorEnv({ PLANNER_LLM_URL: 'not a url' })).not.toThrow();
    expect(() => validateOrchestratorEnv({ PLANNER: 'llm' })).toThrow(/PLANNER_LLM_URL="" \(allowed: LLM planner: PLANNER_LLM_URL is not set/);
    expect(() => validateOrchestratorEnv({ PLANNER: 'llm', PLANNER_LLM_URL: 'ftp://x', PLANNER_LLM_MODEL: 'm' })).toThrow(/PLANNER_LLM_URL="ftp:\/\/x"/);
    const config = validateOrchestratorEnv({ PLANNER: 'llm', PLANNER_LLM_URL: 'http://localhost:11434/v1', PLANNER_LLM_MODEL: 'llama3' });
    expect(config.planner).toBe('llm');
    expect(config.plannerLlmEnv).toEqual({ PLANNER_LLM_URL: 'http://localhost:11434/v1', PLANNER_LLM_MODEL: 'llama3' });
  });
});

describe('CUSTOM_DEPENDENCIES_FILE', () => {
  const examples = join(__dirname, '..', '..', '..', 'examples');
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'host-rules-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const issuesFor = (path: string) => {
    try {
      validateOrchestratorEnv({ CUSTOM_DEPENDENCIES_FILE: path });
    } catch (error) {
      if (error instanceof OrchestratorConfigError) return error.issues;
      throw error;
    }
    throw new Error('expected an OrchestratorConfigError');
  };

  it('reads the rules file at boot; unset means no rules', () => {
    const path = join(examples, 'custom-dependency-rules.json');
    const config = validateOrchestratorEnv({ CUSTOM_DEPENDENCIES_FILE: ` ${path} ` });
    expect(config.customDependencyRules?.path).toBe(path);
    expect(config.customDependencyRules?.rules.map((rule) => `${rule.kind}:${rule.name}`)).toEqual([
      'agent:reporting_agent',
      'agent:archival_agent',
      'agent:notification_agent',
      'skill:send_sms',
    ]);
    expect(validateOrchestratorEnv({}).customDependencyRules).toBeUndefined();
    expect(validateOrchestratorEnv({ CUSTOM_DEPENDENCIES_FILE: '' }).customDependencyRules).toBeUndefined();
  });

  it('refuses a missing, broken or malformed file, naming the variable, the file, the rule and the field', () => {
    const missing = join(dir, 'missing.json');
    expect(issuesFor(missing)).toEqual([
      { variable: 'CUSTOM_DEPENDENCIES_FILE', value: missing, allowed: `a readable custom dependency rules file; rules file "${missing}": cannot be read: no such file` },
    ]);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"rules": [');
    expect(issuesFor(broken)[0].allowed).toMatch(/rules file ".*broken\.json": invalid JSON at line 1, column 12/);
    const malformed = join(dir, 'malformed.json');
    writeFileSync(malformed, JSON.stringify({ rules: [{ agent: 'sms_agent', dependsOn: ['email_agent'] }, { agent: 'email_agent', dependsOn: [''] }] }));
    expect(issuesFor(malformed)[0].allowed).toMatch(/rules file ".*malformed\.json": rules\[1\]\.dependsOn\[0\]: must be a non-empty name, got ""$/);
    expect(() => validateOrchestratorEnv({ CUSTOM_DEPENDENCIES_FILE: malformed, PORT: 'x' })).toThrow(/^invalid configuration: PORT="x" .*; CUSTOM_DEPENDENCIES_FILE=".*malformed\.json"/);
  });
});

describe('external agents configuration (AGENT_ALLOWED_HOSTS, MCP_SERVERS, LLM_AGENTS)', () => {
  const examples = join(__dirname, '..', '..', '..', 'examples');
  const issuesOf = (env: Record<string, string>): { variable: string; value: string; allowed: string }[] => {
    try {
      validateOrchestratorEnv(env);
    } catch (error) {
      if (error instanceof OrchestratorConfigError) return [...error.issues];
      throw error;
    }
    return [];
  };

  it('reads the allow-list, the MCP servers and the LLM agents with the keys they name', () => {
    const config = validateOrchestratorEnv({
      AGENT_ALLOWED_HOSTS: '127.0.0.1, ollama.internal,10.0.0.0/8',
      MCP_SERVERS: join(examples, 'mcp-servers.json'),
      LLM_AGENTS: join(examples, 'llm-agents', 'openai.json'),
      OPENAI_API_KEY: 'sk-test',
      UNRELATED_SECRET: 'not picked',
    });
    expect(config.externalAgents.allowedHosts).toEqual(['127.0.0.1', 'ollama.internal', '10.0.0.0/8']);
    expect(config.externalAgents.mcpServers?.servers.map((server) => server.name)).toEqual(['text_tools']);
    expect(config.externalAgents.llmAgents?.agents.length).toBeGreaterThan(0);
    expect(config.externalAgents.llmKeys).toEqual({ OPENAI_API_KEY: 'sk-test' });
  });

  it('names a bad allow-list entry, a bad MCP_SERVERS file and an LLM agent whose key variable is unset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'host-external-'));
    try {
      const badServers = join(dir, 'servers.json');
      writeFileSync(badServers, JSON.stringify({ servers: [{ name: 'x' }] }));
      const issues = issuesOf({ AGENT_ALLOWED_HOSTS: 'ok.example.com,not a host', MCP_SERVERS: badServers, LLM_AGENTS: join(examples, 'llm-agents', 'openai.json') });
      expect(issues.map((issue) => issue.variable)).toEqual(['AGENT_ALLOWED_HOSTS', 'MCP_SERVERS', 'LLM_AGENTS']);
      expect(issues[0].allowed).toMatch(/"not a host" is not a host name, an IP address or a CIDR range/);
      expect(issues[1].allowed).toMatch(new RegExp(`^a readable MCP servers file; ${badServers.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: servers\\[0\\]`));
      expect(issues[2].allowed).toMatch(/OPENAI_API_KEY/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
