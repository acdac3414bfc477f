import { readConfigDocument } from '@a2a-mcp/agents';

/** An MCP server the host starts as a child process and talks to over its stdin/stdout. */
export interface McpStdioServer {
  /** The agent name its tools are registered under. */
  name: string;
  command: string;
  args?: string[];
  /** Added to the few variables the child inherits (PATH, HOME, USER, SHELL, TERM, LOGNAME). */
  env?: Record<string, string>;
  /** The child's working directory; the host's by default. */
  cwd?: string;
}

/** An MCP server reached over Streamable HTTP; its URL must pass the UrlGuard (AGENT_ALLOWED_HOSTS). */
export interface McpHttpServer {
  name: string;
  url: string;
  /** Sent with every request (an Authorization header, an API key). */
  headers?: Record<string, string>;
}

export type McpServerEntry = McpStdioServer | McpHttpServer;

/** MCP_SERVERS: the MCP servers whose tools become agents. */
export interface McpServersConfig {
  /** The file it was read from, for messages. */
  file: string;
  servers: McpServerEntry[];
}

/** A bad MCP_SERVERS file: the message names the file, the entry and the field. */
export class McpServersConfigError extends Error {
  readonly code = 'INVALID_MCP_SERVERS' as const;
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'McpServersConfigError';
  }
}

/** Agent names as plans and logs show them: a letter, then letters, digits, `_`, `-` or `.`. */
export const MCP_SERVER_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

const STDIO_FIELDS = ['name', 'command', 'args', 'env', 'cwd'];
const HTTP_FIELDS = ['name', 'url', 'headers'];
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads MCP_SERVERS (`.json`, or YAML for `.yaml`/`.yml`/anything else). Throws McpServersConfigError. */
export function readMcpServersConfigFile(file: string): McpServersConfig {
  const raw = readConfigDocument(file, (detail) => {
    throw new McpServersConfigError(file, detail);
  });
  return parseMcpServersConfig(raw, file);
}

/** Checks a decoded MCP_SERVERS document: `{servers: [{name, command, args?, env?, cwd?} | {name, url, headers?}]}`. */
export function parseMcpServersConfig(raw: unknown, file: string): McpServersConfig {
  const fail = (detail: string): never => {
    throw new McpServersConfigError(file, detail);
  };
  if (!isRecord(raw)) return fail('the document must be an object with a "servers" list');
  for (const key of Object.keys(raw)) if (key !== 'servers') fail(`unknown field "${key}" (allowed: servers)`);
  if (!Array.isArray(raw.servers)) fail('servers must be a list');
  const seen = new Set<string>();
  const servers = (raw.servers as unknown[]).map((entry, index) => {
    const server = parseEntry(entry, `servers[${index}]`, fail);
    if (seen.has(server.name)) fail(`servers[${index}].name: "${server.name}" is used by an earlier server (names are agent names: unique)`);
    seen.add(server.name);
    return server;
  });
  return { file, servers };
}

function parseEntry(entry: unknown, at: string, fail: (detail: string) => never): McpServerEntry {
  if (!isRecord(entry)) return fail(`${at} must be an object with a name and either a command (stdio) or a url (Streamable HTTP)`);
  const { name } = entry;
  if (typeof name !== 'string' || name === '') return fail(`${at}.name must be a non-empty string`);
  if (!MCP_SERVER_NAME.test(name)) {
    fail(`${at}.name ${JSON.stringify(name)} is not an agent name: a letter, then up to 63 letters, digits, "_", "-" or "."`);
  }
  const who = `(server "${name}")`;
  const hasCommand = entry.command !== undefined;
  const hasUrl = entry.url !== undefined;
  if (hasCommand === hasUrl) {
    fail(hasCommand ? `${at}: give either command or url, not both ${who}` : `${at}: command (a stdio server) or url (a Streamable HTTP server) is required ${who}`);
  }
  const allowed = hasCommand ? STDIO_FIELDS : HTTP_FIELDS;
  for (const key of Object.keys(entry)) {
    if (!allowed.includes(key)) fail(`${at}: unknown field "${key}" for a ${hasCommand ? 'stdio' : 'Streamable HTTP'} server (allowed: ${allowed.join(', ')}) ${who}`);
  }
  if (hasUrl) {
    const url = nonEmptyString(entry.url, `${at}.url`, who, fail);
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      fail(`${at}.url is not a URL: ${JSON.stringify(url)} ${who}`);
    }
    if (parsed?.protocol !== 'http:' && parsed?.protocol !== 'https:') fail(`${at}.url must be http or https, got ${JSON.stringify(url)} ${who}`);
    const headers = stringMap(entry.headers, `${at}.headers`, who, fail);
    return { name, url, ...(headers === undefined ? {} : { headers }) };
  }
  const command = nonEmptyString(entry.command, `${at}.command`, who, fail);
  let args: string[] | undefined;
  if (entry.args !== undefined) {
    if (!Array.isArray(entry.args)) fail(`${at}.args must be a list of strings ${who}`);
    args = (entry.args as unknown[]).map((arg, i) => (typeof arg === 'string' ? arg : fail(`${at}.args[${i}] must be a string, got ${JSON.stringify(arg)} ${who}`)));
  }
  const env = stringMap(entry.env, `${at}.env`, who, fail);
  const cwd = entry.cwd === undefined ? undefined : nonEmptyString(entry.cwd, `${at}.cwd`, who, fail);
  return { name, command, ...(args === undefined ? {} : { args }), ...(env === undefined ? {} : { env }), ...(cwd === undefined ? {} : { cwd }) };
}

function nonEmptyString(value: unknown, field: string, who: string, fail: (detail: string) => never): string {
  if (typeof value !== 'string' || value.trim() === '') return fail(`${field} must be a non-empty string ${who}`);
  return value;
}

/** env and headers: string values only (a YAML `PORT: 8080` is a number: quote it). */
function stringMap(value: unknown, field: string, who: string, fail: (detail: string) => never): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return fail(`${field} must be an object of strings ${who}`);
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') fail(`${field}.${key} must be a string, got ${JSON.stringify(item)} (quote it) ${who}`);
  }
  return value as Record<string, string>;
}
