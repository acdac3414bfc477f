import { readConfigDocument } from '@a2a-mcp/agents';

/** One agent pinned to a transport (and, for gRPC, to an address). */
export interface PinnedAgent {
  name: string;
  transport: 'nats' | 'grpc';
  /** gRPC: `host:port` (required). NATS: a server URL, default NATS_URL. */
  address?: string;
}

/** A remote A2A agent registered by its card URL (`transport: a2a` in AGENTS_CONFIG). */
export interface A2aAgentEntry {
  /** Where its agent card is: the agent's base URL or the card's own URL. */
  cardUrl: string;
  /** The agent's name here; default the card's name made into an identifier. */
  name?: string;
}

/**
 * AGENTS_CONFIG: agents pinned to NATS or gRPC addresses (the others are found by discovery), and
 * remote A2A agents by card URL. Both live in one `agents` list; they are parsed apart.
 */
export interface AgentsConfig {
  /** The file it was read from, for messages. */
  file: string;
  agents: PinnedAgent[];
  /** Entries with `transport: a2a`. */
  a2aAgents: A2aAgentEntry[];
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

const TRANSPORTS = ['nats', 'grpc', 'a2a'] as const;
const HOST_PORT = /^[^\s:]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads AGENTS_CONFIG (`.json`, or YAML for `.yaml`/`.yml`/anything else). Throws AgentsConfigError. */
export function readAgentsConfigFile(file: string): AgentsConfig {
  const raw = readConfigDocument(file, (detail) => {
    throw new AgentsConfigError(file, detail);
  });
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
  const agents: PinnedAgent[] = [];
  const a2aAgents: A2aAgentEntry[] = [];
  (document.agents as unknown[]).forEach((entry, index) => {
    const at = `agents[${index}]`;
    if (!isRecord(entry)) fail(`${at} must be an object with name and transport`);
    const item = entry as Record<string, unknown>;
    if (item.transport === 'a2a') {
      a2aAgents.push(a2aEntry(item, at, seen, fail));
      return;
    }
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
    agents.push({ name: agentName, transport: transport as PinnedAgent['transport'], ...(address === undefined ? {} : { address: address as string }) });
  });
  return { file, agents, a2aAgents };
}

function a2aEntry(item: Record<string, unknown>, at: string, seen: Set<string>, fail: (detail: string) => never): A2aAgentEntry {
  for (const key of Object.keys(item)) if (!['name', 'transport', 'cardUrl'].includes(key)) fail(`${at}: unknown field "${key}" (allowed for an A2A agent: name, transport, cardUrl)`);
  const { name, cardUrl } = item;
  if (typeof cardUrl !== 'string' || cardUrl.trim() === '') fail(`${at}.cardUrl must be the agent's URL (its card is read from /.well-known/agent-card.json)`);
  if (!/^https?:\/\//i.test((cardUrl as string).trim())) fail(`${at}.cardUrl must be an http or https URL, got ${JSON.stringify(cardUrl)}`);
  if (name === undefined) return { cardUrl: (cardUrl as string).trim() };
  if (typeof name !== 'string' || name.trim() === '') fail(`${at}.name must be a non-empty string when given`);
  if (seen.has(name as string)) fail(`${at}.name: agent "${name as string}" is listed twice`);
  seen.add(name as string);
  return { cardUrl: (cardUrl as string).trim(), name: name as string };
}
