import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LlmAgent, LlmAgentsConfigError, parseLlmAgentsConfig, readLlmAgentsConfigFile } from '../src';
import { summarizerConfig } from './support/summarizer';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples', 'llm-agents');
const FILE = 'llm-agents.json';

/** A valid document as plain JSON data, for tests to break one field at a time. */
function validDocument(): { agents: Record<string, unknown>[] } {
  return JSON.parse(JSON.stringify({ agents: [summarizerConfig('https://api.openai.com/v1', { apiKeyEnv: 'OPENAI_API_KEY' })] })) as {
    agents: Record<string, unknown>[];
  };
}

function configError(raw: unknown): LlmAgentsConfigError {
  try {
    parseLlmAgentsConfig(raw, FILE);
  } catch (error) {
    if (error instanceof LlmAgentsConfigError) return error;
    throw error;
  }
  throw new Error('expected an LlmAgentsConfigError');
}

/** The message for a valid document changed by `change`. */
function messageFor(change: (agent: Record<string, unknown>) => void): string {
  const document = validDocument();
  change(document.agents[0]);
  return configError(document).message;
}

const endpointOf = (agent: Record<string, unknown>) => agent.endpoint as Record<string, unknown>;
const skillOf = (agent: Record<string, unknown>) => (agent.skills as Record<string, unknown>[])[0];

describe('parseLlmAgentsConfig', () => {
  it('accepts a valid document and keeps every field', () => {
    const config = parseLlmAgentsConfig(validDocument(), FILE);
    expect(config.file).toBe(FILE);
    expect(config.agents).toEqual([summarizerConfig('https://api.openai.com/v1', { apiKeyEnv: 'OPENAI_API_KEY' })]);
  });

  it('has the stable code and names the file', () => {
    const error = configError([]);
    expect(error.code).toBe('INVALID_LLM_AGENTS');
    expect(error.file).toBe(FILE);
    expect(error.message).toBe(`${FILE}: the document must be an object with an "agents" list`);
    expect(configError({ agents: {} }).message).toContain('agents must be a list');
    expect(configError({ agents: [], other: 1 }).message).toContain('unknown field "other"');
  });

  it.each([
    ['a bad name', (a: Record<string, unknown>) => (a.name = 'my agent'), 'agents[0].name must be a name'],
    ['an unknown field', (a: Record<string, unknown>) => (a.model = 'gpt'), 'agents[0]: unknown field "model" (allowed: name, description, skills, systemPrompt, outputSchema, endpoint) (agent "summarizer")'],
    ['no skills', (a: Record<string, unknown>) => (a.skills = []), 'agents[0].skills must be a non-empty list'],
    ['a skill without tags', (a: Record<string, unknown>) => delete skillOf(a).tags, 'agents[0].skills[0].tags must be a list of non-empty strings (agent "summarizer")'],
    ['a skill with an unknown field', (a: Record<string, unknown>) => (skillOf(a).outputSchema = {}), 'agents[0].skills[0]: unknown field "outputSchema"'],
    ['a bad quality domain', (a: Record<string, unknown>) => (skillOf(a).qualityDomain = 'FAST'), 'agents[0].skills[0].qualityDomain must be one of GENERIC'],
    ['a bad duration', (a: Record<string, unknown>) => (skillOf(a).expectedDurationMs = -1), 'agents[0].skills[0].expectedDurationMs'],
    ['an empty system prompt', (a: Record<string, unknown>) => (a.systemPrompt = ' '), 'agents[0].systemPrompt must be a non-empty string (agent "summarizer")'],
    ['no output schema', (a: Record<string, unknown>) => delete a.outputSchema, 'agents[0].outputSchema must be a JSON Schema object'],
    ['a schema that is not for an object', (a: Record<string, unknown>) => (a.outputSchema = { type: 'string' }), 'agents[0].outputSchema.type must be "object"'],
    ['a schema declaring usage', (a: Record<string, unknown>) => (a.outputSchema = { type: 'object', properties: { usage: {} } }), 'agents[0].outputSchema.properties.usage is reserved'],
    ['a schema that does not compile', (a: Record<string, unknown>) => (a.outputSchema = { type: 'object', properties: { n: { type: 'nonsense' } } }), 'agents[0].outputSchema does not compile'],
    ['no endpoint', (a: Record<string, unknown>) => delete a.endpoint, 'agents[0].endpoint must be an object with url and model'],
    ['an endpoint URL that is not http(s)', (a: Record<string, unknown>) => (endpointOf(a).url = 'ftp://h/v1'), 'agents[0].endpoint.url must be an http(s) URL, got "ftp://h/v1" (agent "summarizer")'],
    ['no model', (a: Record<string, unknown>) => delete endpointOf(a).model, 'agents[0].endpoint.model must be a non-empty string'],
    ['a key in the file', (a: Record<string, unknown>) => (endpointOf(a).apiKey = 'sk-123'), 'agents[0].endpoint.apiKey is not allowed: put the key in an environment variable'],
    ['a bad timeout', (a: Record<string, unknown>) => (endpointOf(a).timeoutMs = 1.5), 'agents[0].endpoint.timeoutMs must be a positive whole number'],
    ['too many attempts', (a: Record<string, unknown>) => (endpointOf(a).maxAttempts = 11), 'agents[0].endpoint.maxAttempts must be a whole number from 1 to 10'],
    ['a bad temperature', (a: Record<string, unknown>) => (endpointOf(a).temperature = 3), 'agents[0].endpoint.temperature must be a number from 0 to 2'],
    ['a bad jsonMode', (a: Record<string, unknown>) => (endpointOf(a).jsonMode = 'yes'), 'agents[0].endpoint.jsonMode must be true or false'],
    ['an unknown endpoint field', (a: Record<string, unknown>) => (endpointOf(a).retries = 2), 'agents[0].endpoint: unknown field "retries"'],
  ])('refuses %s, naming the entry and the field', (_case, change, expected) => {
    const message = messageFor(change);
    expect(message.startsWith(`${FILE}: `)).toBe(true);
    expect(message).toContain(expected);
  });

  it('refuses a key pasted into apiKeyEnv without repeating it', () => {
    const message = messageFor((agent) => (endpointOf(agent).apiKeyEnv = 'sk-proj-abc123'));
    expect(message).toContain('agents[0].endpoint.apiKeyEnv');
    expect(message).toContain('never the key itself');
    expect(message).not.toContain('sk-proj-abc123');
    expect(messageFor((agent) => (endpointOf(agent).apiKeyEnv = 'gsk_abc123'))).not.toContain('gsk_abc123');
    expect(messageFor((agent) => (endpointOf(agent).apiKey = 'sk-in-the-file'))).not.toContain('sk-in-the-file');
  });

  it('refuses the same agent twice and the same skill id twice', () => {
    const twice = validDocument();
    twice.agents.push(twice.agents[0]);
    expect(configError(twice).message).toContain('agents[1].name: agent "summarizer" is listed twice');
    const skills = messageFor((agent) => (agent.skills as unknown[]).push(skillOf(agent)));
    expect(skills).toContain('agents[0].skills[1].id: skill "summarize" is listed twice');
  });
});

describe('readLlmAgentsConfigFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'llm-agents-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the examples, each making an agent (the hosted one once its key variable is set)', () => {
    const hosted = readLlmAgentsConfigFile(join(EXAMPLES, 'openai.json'));
    expect(hosted.agents.map((agent) => [agent.name, agent.endpoint.url, agent.endpoint.model, agent.endpoint.apiKeyEnv])).toEqual([
      ['summarizer', 'https://api.openai.com/v1', 'gpt-4o-mini', 'OPENAI_API_KEY'],
    ]);
    expect(() => new LlmAgent(hosted.agents[0], { env: {} })).toThrow(/OPENAI_API_KEY/);
    expect(new LlmAgent(hosted.agents[0], { env: { OPENAI_API_KEY: 'sk-test' } }).url).toBe('https://api.openai.com/v1/chat/completions');

    const local = readLlmAgentsConfigFile(join(EXAMPLES, 'ollama.json'));
    expect(local.agents[0].endpoint).toEqual({ url: 'http://127.0.0.1:11434/v1', model: 'llama3.1', timeoutMs: 120000, temperature: 0 });
    expect(new LlmAgent(local.agents[0], { env: {} }).card.skills[0].metadata?.produces).toEqual(['summary']);
  });

  it('reads YAML', () => {
    const file = join(dir, 'agents.yaml');
    writeFileSync(
      file,
      [
        'agents:',
        '  - name: classifier',
        '    skills:',
        '      - {id: classify, name: Classify, description: Classifies a ticket, tags: [ticket, classify]}',
        '    systemPrompt: You classify support tickets.',
        '    outputSchema:',
        '      type: object',
        '      properties: {category: {type: string, enum: [billing, bug, other]}}',
        '      required: [category]',
        '    endpoint: {url: "http://127.0.0.1:11434/v1", model: llama3.1}',
      ].join('\n'),
    );
    const config = readLlmAgentsConfigFile(file);
    expect(config.agents[0]).toMatchObject({ name: 'classifier', endpoint: { model: 'llama3.1' }, skills: [{ id: 'classify', tags: ['ticket', 'classify'] }] });
  });

  it('names a file that cannot be read or parsed', () => {
    const missing = join(dir, 'missing.json');
    expect(() => readLlmAgentsConfigFile(missing)).toThrow(`${missing}: cannot be read (ENOENT)`);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"agents": [');
    expect(() => readLlmAgentsConfigFile(broken)).toThrow(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: is not valid JSON`));
    const badYaml = join(dir, 'broken.yaml');
    writeFileSync(badYaml, 'agents: [\n');
    expect(() => readLlmAgentsConfigFile(badYaml)).toThrow(/broken\.yaml: is not valid YAML/);
  });
});
