import { CliInputError, USAGE_HINT } from './cli-error';

/**
 * Checks of flag values as commander hands them over (strings, or undefined when not given): each
 * throws CliInputError naming the flag, what it got and what it takes.
 */

/** The variable that gives --server its default. */
export const SERVER_ENV = 'A2A_MCP_SERVER';
/** The variable that gives --api-key its default (better than the flag: a flag shows in the process list). */
export const API_KEY_ENV = 'A2A_MCP_API_KEY';

export function choiceFlag<T extends string>(flag: string, choices: readonly T[], value: string | undefined): T | undefined {
  if (value === undefined) return undefined;
  const choice = choices.find((name) => name === value);
  if (choice === undefined) throw new CliInputError(`${flag} must be one of ${choices.join(', ')}, got "${value}"`);
  return choice;
}

export function positiveIntegerFlag(flag: string, value: string | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const number = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(number) || number < 1 || number > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? 'an integer >= 1' : `an integer from 1 to ${max}`;
    throw new CliInputError(`${flag} must be ${range}, got "${value}"`);
  }
  return number;
}

/**
 * The orchestrator's URL: --server, else A2A_MCP_SERVER (unset or blank: none). An http(s) URL;
 * anything else is named back to the user with where it came from.
 */
export function serverUrl(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const fromEnv = env[SERVER_ENV]?.trim();
  const [text, source] = flag !== undefined ? [flag, '--server'] : fromEnv ? [fromEnv, SERVER_ENV] : [undefined, ''];
  if (text === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new CliInputError(`${source} must be an http(s) URL such as http://localhost:3000, got "${text}"`);
  }
  return text;
}

/** The API key sent to the orchestrator (AUTH_MODE=apikey): --api-key, else A2A_MCP_API_KEY; none when both are unset or blank. */
export function apiKeyOf(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (flag !== undefined) {
    const key = flag.trim();
    if (key === '') throw new CliInputError(`--api-key is empty: give the key, or set ${API_KEY_ENV}. ${USAGE_HINT}`);
    return key;
  }
  const fromEnv = env[API_KEY_ENV]?.trim();
  return fromEnv === '' ? undefined : fromEnv;
}

/** The server a remote-only command needs. */
export function requiredServer(command: string, flag: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  const server = serverUrl(flag, env);
  if (server === undefined) throw new CliInputError(`${command} needs --server <url> (or ${SERVER_ENV}): the orchestrator that runs it. ${USAGE_HINT}`);
  return server;
}

export function rulesFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const path = value.trim();
  if (path === '') throw new CliInputError('--rules needs a file: --rules <rules.json>');
  return path;
}

export function requestText(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new CliInputError('the request is empty: say what should be done');
  return trimmed;
}

export function nonEmpty(what: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new CliInputError(`${what} is empty. ${USAGE_HINT}`);
  return trimmed;
}
