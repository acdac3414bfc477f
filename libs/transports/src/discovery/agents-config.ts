import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** One agent pinned to a transport (and, for gRPC, to an address). */
export interface PinnedAgent {
  name: string;
  transport: 'nats' | 'grpc';
  /** gRPC: `host:port` (required). NATS: a server URL, default NATS_URL. */
  address?: string;
}

/** AGENTS_CONFIG: agents pinned to transports and addresses; the others are found by discovery. */
export interface AgentsConfig {
  /** The file it was read from, for messages. */
  file: string;
  agents: PinnedAgent[];
}

/** A bad AGENTS_CONFIG file: the message names the file and the field. */
export class AgentsConfigError extends Error {
  readonly code = 'INVALID_AGENTS_CONFIG' as const;
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'AgentsConfigError';
  }
}

const TRANSPORTS = ['nats', 'grpc'] as const;
const HOST_PORT = /^[^\s:]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads AGENTS_CONFIG (`.json`, or YAML for `.yaml`/`.yml`/anything else). Throws AgentsConfigError. */
export function readAgentsConfigFile(file: string): AgentsConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AgentsConfigError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let raw: unknown;
  try {
    raw = extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const kind = extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML';
    throw new AgentsConfigError(file, `is not valid ${kind}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  return parseAgentsConfig(raw, file);
}

/** Checks a decoded AGENTS_CONFIG document. */
export function parseAgentsConfig(raw: unknown, file: string): AgentsConfig {
  const fail = (detail: string): never => {
    throw new AgentsConfigError(file, detail);
  };
  if (!isRecord(raw)) fail('the document must be an object with an "agents" list');
  const document = raw as Record<string, unknown>;
  for (const key of Object.keys(document)) if (key !== 'agents') fail(`unknown field "${key}" (allowed: agents)`);
  if (!Array.isArray(document.agents)) fail('agents must be a list');
  const seen = new Set<string>();
  const agents = (document.agents as unknown[]).map((entry, index): PinnedAgent => {
    const at = `agents[${index}]`;
    if (!isRecord(entry)) fail(`${at} must be an object with name and transport`);
    const item = entry as Record<string, unknown>;
    for (const key of Object.keys(item)) if (!['name', 'transport', 'address'].includes(key)) fail(`${at}: unknown field "${key}" (allowed: name, transport, address)`);
    const { name, transport, address } = item;
    if (typeof name !== 'string' || name.trim() === '') fail(`${at}.name must be a non-empty string`);
    const agentName = name as string;
    if (seen.has(agentName)) fail(`${at}.name: agent "${agentName}" is pinned twice`);
    seen.add(agentName);
    if (!TRANSPORTS.includes(transport as (typeof TRANSPORTS)[number])) fail(`${at}.transport must be one of ${TRANSPORTS.join(', ')} (agent "${agentName}")`);
    if (address !== undefined && (typeof address !== 'string' || address.trim() === '')) fail(`${at}.address must be a non-empty string (agent "${agentName}")`);
    if (transport === 'grpc') {
      if (address === undefined) fail(`${at}.address is required for a gRPC agent: "host:port" (agent "${agentName}")`);
      if (!HOST_PORT.test(address as string)) fail(`${at}.address must be "host:port" for a gRPC agent, got ${JSON.stringify(address)} (agent "${agentName}")`);
    }
    return { name: agentName, transport: transport as PinnedAgent['transport'], ...(address === undefined ? {} : { address: address as string }) };
  });
  return { file, agents };
}
