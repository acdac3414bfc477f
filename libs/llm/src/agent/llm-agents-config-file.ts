import { readConfigDocument, type JsonSchema } from '@a2a-mcp/agents';
import { compileOutputSchema, QUALITY_DOMAINS } from '@a2a-mcp/quality';
import { chatCompletionsUrl } from '../client/chat-endpoint';
import {
  API_KEY_ENV_RULE,
  ENV_VAR_NAME,
  LLM_AGENT_NAME,
  MAX_LLM_ATTEMPTS,
  USAGE_KEY,
  type LlmAgentConfig,
  type LlmAgentsConfig,
  type LlmEndpointConfig,
  type LlmSkillConfig,
} from './llm-agent-config';

/** A bad LLM_AGENTS file: the message names the file, the entry (and its agent) and the field. */
export class LlmAgentsConfigError extends Error {
  readonly code = 'INVALID_LLM_AGENTS' as const;
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'LlmAgentsConfigError';
  }
}

type Fail = (detail: string) => never;
type Fields = Record<string, unknown>;

const AGENT_FIELDS = ['name', 'description', 'skills', 'systemPrompt', 'outputSchema', 'endpoint'];
const SKILL_FIELDS = ['id', 'name', 'description', 'tags', 'examples', 'consumes', 'produces', 'expectedDurationMs', 'qualityDomain'];
const ENDPOINT_FIELDS = ['url', 'model', 'apiKeyEnv', 'timeoutMs', 'maxAttempts', 'temperature', 'jsonMode'];
/** OpenAI's accepted range. */
const MAX_TEMPERATURE = 2;

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Reads an LLM_AGENTS file (`.json`, or YAML for `.yaml`/`.yml`/anything else). Throws LlmAgentsConfigError. */
export function readLlmAgentsConfigFile(file: string): LlmAgentsConfig {
  const raw = readConfigDocument(file, (detail) => {
    throw new LlmAgentsConfigError(file, detail);
  });
  return parseLlmAgentsConfig(raw, file);
}

/** Checks a decoded LLM_AGENTS document `{agents: [...]}`; each output schema must compile. */
export function parseLlmAgentsConfig(raw: unknown, file: string): LlmAgentsConfig {
  const fail: Fail = (detail) => {
    throw new LlmAgentsConfigError(file, detail);
  };
  if (!isRecord(raw)) fail('the document must be an object with an "agents" list');
  const document = raw as Fields;
  for (const key of Object.keys(document)) if (key !== 'agents') fail(`unknown field "${key}" (allowed: agents)`);
  if (!Array.isArray(document.agents)) fail('agents must be a list');
  const seen = new Set<string>();
  const agents = (document.agents as unknown[]).map((entry, index) => {
    const agent = agentEntry(entry, `agents[${index}]`, fail);
    if (seen.has(agent.name)) fail(`agents[${index}].name: agent "${agent.name}" is listed twice`);
    seen.add(agent.name);
    return agent;
  });
  return { file, agents };
}

function agentEntry(entry: unknown, at: string, fail: Fail): LlmAgentConfig {
  if (!isRecord(entry)) fail(`${at} must be an object with name, skills, systemPrompt, outputSchema and endpoint`);
  const item = entry as Fields;
  const { name } = item;
  if (!isText(name) || !LLM_AGENT_NAME.test(name)) {
    fail(`${at}.name must be a name of letters, digits, "_", "." or "-" (e.g. "summarizer"), got ${JSON.stringify(name)}`);
  }
  // From here on every message also names the agent.
  const of = ` (agent "${name as string}")`;
  const failIn: Fail = (detail) => fail(`${detail}${of}`);
  unknownFields(item, AGENT_FIELDS, at, failIn);
  const agent: LlmAgentConfig = {
    name: name as string,
    skills: skills(item.skills, `${at}.skills`, failIn),
    systemPrompt: text(item.systemPrompt, `${at}.systemPrompt`, failIn),
    outputSchema: outputSchema(item.outputSchema, `${at}.outputSchema`, failIn),
    endpoint: endpoint(item.endpoint, `${at}.endpoint`, failIn),
  };
  if (item.description !== undefined) agent.description = text(item.description, `${at}.description`, failIn);
  return agent;
}

function skills(raw: unknown, at: string, fail: Fail): LlmSkillConfig[] {
  if (!Array.isArray(raw) || raw.length === 0) fail(`${at} must be a non-empty list of skills ({id, name, description, tags})`);
  const ids = new Set<string>();
  return (raw as unknown[]).map((entry, index) => {
    const where = `${at}[${index}]`;
    if (!isRecord(entry)) fail(`${where} must be an object with id, name, description and tags`);
    const item = entry as Fields;
    unknownFields(item, SKILL_FIELDS, where, fail);
    const skill: LlmSkillConfig = {
      id: text(item.id, `${where}.id`, fail),
      name: text(item.name, `${where}.name`, fail),
      description: text(item.description, `${where}.description`, fail),
      tags: words(item.tags, `${where}.tags`, fail),
    };
    if (ids.has(skill.id)) fail(`${where}.id: skill "${skill.id}" is listed twice`);
    ids.add(skill.id);
    if (item.examples !== undefined) skill.examples = words(item.examples, `${where}.examples`, fail);
    if (item.consumes !== undefined) skill.consumes = words(item.consumes, `${where}.consumes`, fail);
    if (item.produces !== undefined) skill.produces = words(item.produces, `${where}.produces`, fail);
    if (item.expectedDurationMs !== undefined) {
      const ms = item.expectedDurationMs;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) fail(`${where}.expectedDurationMs must be a positive number of ms, got ${JSON.stringify(ms)}`);
      skill.expectedDurationMs = ms as number;
    }
    if (item.qualityDomain !== undefined) {
      const domain = item.qualityDomain;
      if (typeof domain !== 'string' || !(QUALITY_DOMAINS as readonly string[]).includes(domain)) {
        fail(`${where}.qualityDomain must be one of ${QUALITY_DOMAINS.join(', ')}, got ${JSON.stringify(domain)}`);
      }
      skill.qualityDomain = domain as string;
    }
    return skill;
  });
}

function outputSchema(raw: unknown, at: string, fail: Fail): JsonSchema {
  if (!isRecord(raw)) fail(`${at} must be a JSON Schema object`);
  const schema = raw as JsonSchema;
  // The output is the model's object plus `usage`: anything but an object could not carry it.
  if (schema.type !== 'object') fail(`${at}.type must be "object": the agent answers with a JSON object`);
  if (schema.$async !== undefined) fail(`${at}: $async schemas are not supported`);
  if (isRecord(schema.properties) && USAGE_KEY in schema.properties) {
    fail(`${at}.properties.${USAGE_KEY} is reserved: the agent puts the token usage there`);
  }
  try {
    compileOutputSchema(schema);
  } catch (error) {
    fail(`${at} does not compile: ${error instanceof Error ? error.message : String(error)}`);
  }
  return schema;
}

function endpoint(raw: unknown, at: string, fail: Fail): LlmEndpointConfig {
  if (!isRecord(raw)) fail(`${at} must be an object with url and model`);
  const item = raw as Fields;
  if ('apiKey' in item) {
    fail(`${at}.apiKey is not allowed: put the key in an environment variable and name it in apiKeyEnv (e.g. "apiKeyEnv": "OPENAI_API_KEY")`);
  }
  unknownFields(item, ENDPOINT_FIELDS, at, fail);
  const url = text(item.url, `${at}.url`, fail);
  try {
    chatCompletionsUrl(url, `${at}.url`);
  } catch (error) {
    fail((error as Error).message);
  }
  const result: LlmEndpointConfig = { url: url.trim(), model: text(item.model, `${at}.model`, fail).trim() };
  if (item.apiKeyEnv !== undefined) {
    // Not quoted back: a value that is not a variable's name may be the key itself.
    if (typeof item.apiKeyEnv !== 'string' || !ENV_VAR_NAME.test(item.apiKeyEnv)) fail(`${at}.apiKeyEnv: ${API_KEY_ENV_RULE}`);
    result.apiKeyEnv = item.apiKeyEnv as string;
  }
  if (item.timeoutMs !== undefined) {
    if (!Number.isInteger(item.timeoutMs) || (item.timeoutMs as number) <= 0) fail(`${at}.timeoutMs must be a positive whole number of ms, got ${JSON.stringify(item.timeoutMs)}`);
    result.timeoutMs = item.timeoutMs as number;
  }
  if (item.maxAttempts !== undefined) {
    const attempts = item.maxAttempts;
    if (!Number.isInteger(attempts) || (attempts as number) < 1 || (attempts as number) > MAX_LLM_ATTEMPTS) {
      fail(`${at}.maxAttempts must be a whole number from 1 to ${MAX_LLM_ATTEMPTS} (HTTP calls per task attempt, the first included), got ${JSON.stringify(attempts)}`);
    }
    result.maxAttempts = attempts as number;
  }
  if (item.temperature !== undefined) {
    const temperature = item.temperature;
    if (typeof temperature !== 'number' || !(temperature >= 0 && temperature <= MAX_TEMPERATURE)) {
      fail(`${at}.temperature must be a number from 0 to ${MAX_TEMPERATURE}, got ${JSON.stringify(temperature)}`);
    }
    result.temperature = temperature as number;
  }
  if (item.jsonMode !== undefined) {
    if (typeof item.jsonMode !== 'boolean') fail(`${at}.jsonMode must be true or false, got ${JSON.stringify(item.jsonMode)}`);
    result.jsonMode = item.jsonMode as boolean;
  }
  return result;
}

function unknownFields(item: Fields, allowed: readonly string[], at: string, fail: Fail): void {
  for (const key of Object.keys(item)) if (!allowed.includes(key)) fail(`${at}: unknown field "${key}" (allowed: ${allowed.join(', ')})`);
}

function text(raw: unknown, at: string, fail: Fail): string {
  if (!isText(raw)) fail(`${at} must be a non-empty string`);
  return raw as string;
}

function words(raw: unknown, at: string, fail: Fail): string[] {
  if (!Array.isArray(raw) || !raw.every(isText)) fail(`${at} must be a list of non-empty strings`);
  return [...(raw as string[])];
}
