import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ConfigIssue, EnvReader } from './env-reader';

/** AUTH_MODE: who may call the host's API (REST, SSE, A2A at /a2a, MCP at /mcp). */
export const AUTH_MODES = ['none', 'apikey', 'jwt'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/**
 * What a caller may do. `runs:read` lists, reads and streams runs; `runs:write` starts, cancels,
 * modifies and answers them (and plans); `agents:read` lists the agents; `admin` is every scope.
 */
export const AUTH_SCOPES = ['runs:read', 'runs:write', 'agents:read', 'admin'] as const;
export type AuthScope = (typeof AUTH_SCOPES)[number];

/** The tenant that sees every tenant's runs (an operator's key); any other tenant sees only its own. */
export const ALL_TENANTS = '*';

/** One API key as the host keeps it: never the key itself, only its SHA-256 digest. */
export interface ApiKeyEntry {
  /** The first 12 hex digits of the digest: names the key in logs without revealing it. */
  id: string;
  /** SHA-256 of the key, compared in constant time. */
  digest: Buffer;
  tenant: string;
  scopes: readonly AuthScope[];
}

/** AUTH_MODE=jwt: HS256 with a shared secret, or RS256/ES256 with keys from a JWKS URL. */
export interface JwtSettings {
  /** JWT_SECRET (HS256), at least 32 characters. */
  secret?: string;
  /** JWT_JWKS_URL: the identity provider's key set (RS256, ES256), fetched when first needed. */
  jwksUrl?: string;
  /** JWT_ISSUER: the `iss` every token must have (unchecked when unset). */
  issuer?: string;
  /** JWT_AUDIENCE: the `aud` every token must name (unchecked when unset). */
  audience?: string;
  /** JWT_TENANT_CLAIM: the claim naming the caller's tenant (default `tenant`; `sub` when the token has none). */
  tenantClaim: string;
}

/** CORS_ORIGINS: none (CORS off), every origin, or these origins. */
export type CorsOrigins = { kind: 'off' } | { kind: 'any' } | { kind: 'list'; origins: readonly string[] };

/** Who may call the host, where it listens, and the limits that keep one caller from starving the rest. */
export interface SecuritySettings {
  authMode: AuthMode;
  /** AUTH_MODE=apikey: API_KEYS and API_KEYS_FILE (`key:tenant:scope1|scope2` each). */
  apiKeys: readonly ApiKeyEntry[];
  /** AUTH_MODE=jwt. */
  jwt?: JwtSettings;
  /** HOST: the interface the HTTP server listens on (default 127.0.0.1). */
  host: string;
  /** ALLOW_UNAUTHENTICATED: serve with AUTH_MODE=none on an address other machines reach. */
  allowUnauthenticated: boolean;
  /** METRICS_AUTH: /metrics needs the admin scope (default false: public, as Prometheus scrapes it). */
  metricsAuth: boolean;
  cors: CorsOrigins;
  /** RATE_LIMIT_RUNS_PER_MINUTE: runs one tenant (or address, without auth) may start per minute; 0: no limit. */
  runsPerMinute: number;
  /** SSE_MAX_CLIENTS_PER_RUN: event streams open at once on one run. */
  sseMaxClientsPerRun: number;
  /** SSE_MAX_CLIENTS_PER_CALLER: event streams one tenant (or address) holds open at once. */
  sseMaxClientsPerCaller: number;
}

export const DEFAULT_HOST = '127.0.0.1';
export const MIN_JWT_SECRET_LENGTH = 32;
export const MIN_API_KEY_LENGTH = 16;

const TENANT = /^(?:\*|[A-Za-z0-9][A-Za-z0-9._@-]{0,127})$/;
const TENANT_ALLOWED = `a tenant name (letters, digits, . _ @ -, up to 128) or ${ALL_TENANTS}`;
const API_KEY_ALLOWED =
  `comma-separated key:tenant:scope1|scope2 entries (a key of ${MIN_API_KEY_LENGTH}+ characters without ":" or ",", ${TENANT_ALLOWED}, scopes from ${AUTH_SCOPES.join(', ')})`;
/** A key's value never goes into an error message: the issue names the entry instead. */
const HIDDEN = (where: string): string => `${where} (value hidden)`;

/**
 * Reads AUTH_MODE, API_KEYS, API_KEYS_FILE, JWT_SECRET, JWT_JWKS_URL, JWT_ISSUER, JWT_AUDIENCE,
 * JWT_TENANT_CLAIM, HOST, ALLOW_UNAUTHENTICATED, METRICS_AUTH, CORS_ORIGINS, RATE_LIMIT_RUNS_PER_MINUTE,
 * SSE_MAX_CLIENTS_PER_RUN and SSE_MAX_CLIENTS_PER_CALLER. Refuses AUTH_MODE=none on an address other
 * machines reach unless ALLOW_UNAUTHENTICATED=true.
 */
export function readSecuritySettings(read: EnvReader): SecuritySettings {
  const authMode = read.choice('AUTH_MODE', AUTH_MODES, 'none');
  const settings: SecuritySettings = {
    authMode,
    apiKeys: authMode === 'apikey' ? readApiKeys(read) : [],
    host: read.raw('HOST')?.trim() ?? DEFAULT_HOST,
    allowUnauthenticated: read.boolean('ALLOW_UNAUTHENTICATED') ?? false,
    metricsAuth: read.boolean('METRICS_AUTH') ?? false,
    cors: readCorsOrigins(read),
    runsPerMinute: read.integer('RATE_LIMIT_RUNS_PER_MINUTE', 600, 0),
    sseMaxClientsPerRun: read.integer('SSE_MAX_CLIENTS_PER_RUN', 100, 1),
    sseMaxClientsPerCaller: read.integer('SSE_MAX_CLIENTS_PER_CALLER', 50, 1),
  };
  if (authMode === 'jwt') settings.jwt = readJwtSettings(read);
  const refusal = unauthenticatedBindIssue(settings.host, settings);
  if (refusal !== undefined) read.report(refusal.variable, refusal.value, refusal.allowed);
  return settings;
}

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and `localhost`: only this machine reaches them. */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (isIP(name) === 6) return name === '::1' || name === '0:0:0:0:0:0:0:1' || name.startsWith('::ffff:127.');
  return false;
}

/**
 * Listening on `host` without authentication is refused unless it is a loopback address or
 * ALLOW_UNAUTHENTICATED=true: the issue names HOST and AUTH_MODE. Also checked for startApp's `host` option.
 */
export function unauthenticatedBindIssue(host: string, settings: Pick<SecuritySettings, 'authMode' | 'allowUnauthenticated'>): ConfigIssue | undefined {
  if (settings.authMode !== 'none' || settings.allowUnauthenticated || isLoopbackHost(host)) return undefined;
  return {
    variable: 'HOST',
    value: host,
    allowed:
      'a loopback address (127.0.0.1, ::1, localhost) while AUTH_MODE=none: other machines would reach the API without credentials; ' +
      'set AUTH_MODE=apikey or AUTH_MODE=jwt, or ALLOW_UNAUTHENTICATED=true to serve unauthenticated on purpose',
  };
}

function readApiKeys(read: EnvReader): ApiKeyEntry[] {
  const entries: { text: string; where: string }[] = [];
  const inline = read.raw('API_KEYS');
  if (inline !== undefined) {
    inline.split(',').forEach((text, index) => entries.push({ text: text.trim(), where: `API_KEYS entry ${index + 1}` }));
  }
  const file = read.raw('API_KEYS_FILE')?.trim();
  if (file !== undefined) {
    try {
      readFileSync(file, 'utf8')
        .split(/\r?\n/)
        .forEach((line, index) => {
          const text = line.trim();
          if (text !== '' && !text.startsWith('#')) entries.push({ text, where: `API_KEYS_FILE line ${index + 1}` });
        });
    } catch (error) {
      read.report('API_KEYS_FILE', file, `a readable file of key:tenant:scope1|scope2 lines (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
    }
  }
  const keys: ApiKeyEntry[] = [];
  for (const { text, where } of entries) {
    if (text === '') continue;
    const key = parseApiKey(text);
    const variable = where.startsWith('API_KEYS_FILE') ? 'API_KEYS_FILE' : 'API_KEYS';
    if (typeof key === 'string') read.report(variable, HIDDEN(where), `${API_KEY_ALLOWED}: ${key}`);
    else if (keys.some((known) => known.digest.equals(key.digest))) read.report(variable, HIDDEN(where), 'each key once (this key is listed twice)');
    else keys.push(key);
  }
  if (keys.length === 0 && inline === undefined && file === undefined) {
    read.report('API_KEYS', '', `at least one key with AUTH_MODE=apikey (API_KEYS or API_KEYS_FILE: ${API_KEY_ALLOWED})`);
  }
  return keys;
}

/** `key:tenant:scopes` (scope names hold colons, so the key and the tenant may not); what is wrong otherwise. */
function parseApiKey(text: string): ApiKeyEntry | string {
  const tenantAt = text.indexOf(':');
  const scopesAt = tenantAt < 0 ? -1 : text.indexOf(':', tenantAt + 1);
  if (tenantAt <= 0 || scopesAt < 0) return 'expected key:tenant:scopes';
  const key = text.slice(0, tenantAt);
  const tenant = text.slice(tenantAt + 1, scopesAt).trim();
  const named = text.slice(scopesAt + 1).split('|').map((scope) => scope.trim());
  if (key.length < MIN_API_KEY_LENGTH) return `the key is shorter than ${MIN_API_KEY_LENGTH} characters`;
  if (!TENANT.test(tenant)) return `the tenant ${JSON.stringify(tenant.slice(0, 40))} is not ${TENANT_ALLOWED}`;
  const unknown = named.filter((scope) => !(AUTH_SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) return `unknown scope ${JSON.stringify(unknown[0].slice(0, 40))}`;
  const digest = createHash('sha256').update(key, 'utf8').digest();
  return { id: digest.toString('hex').slice(0, 12), digest, tenant, scopes: [...new Set(named as AuthScope[])] };
}

function readJwtSettings(read: EnvReader): JwtSettings {
  const secret = read.raw('JWT_SECRET');
  const jwksUrl = read.parsed<string | undefined>('JWT_JWKS_URL', undefined, 'an http(s) URL of a JSON Web Key Set', parseJwksUrl);
  const settings: JwtSettings = { tenantClaim: read.raw('JWT_TENANT_CLAIM')?.trim() ?? 'tenant' };
  if (secret !== undefined && jwksUrl !== undefined) {
    read.report('JWT_JWKS_URL', jwksUrl, 'unset when JWT_SECRET is set: give one of JWT_SECRET (HS256) or JWT_JWKS_URL (RS256, ES256)');
  } else if (secret === undefined && jwksUrl === undefined && read.raw('JWT_JWKS_URL') === undefined) {
    read.report('JWT_SECRET', '', 'a secret (HS256) or JWT_JWKS_URL (RS256, ES256) with AUTH_MODE=jwt');
  }
  if (secret !== undefined) {
    if (secret.length < MIN_JWT_SECRET_LENGTH) read.report('JWT_SECRET', HIDDEN(`${secret.length} characters`), `at least ${MIN_JWT_SECRET_LENGTH} characters`);
    settings.secret = secret;
  }
  if (jwksUrl !== undefined) settings.jwksUrl = jwksUrl;
  const issuer = read.raw('JWT_ISSUER')?.trim();
  if (issuer !== undefined) settings.issuer = issuer;
  const audience = read.raw('JWT_AUDIENCE')?.trim();
  if (audience !== undefined) settings.audience = audience;
  return settings;
}

function parseJwksUrl(text: string): string {
  const url = new URL(text.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`the scheme is ${url.protocol}`);
  return url.href;
}

function readCorsOrigins(read: EnvReader): CorsOrigins {
  const raw = read.raw('CORS_ORIGINS');
  if (raw === undefined) return { kind: 'off' };
  if (raw.trim() === '*') return { kind: 'any' };
  const origins: string[] = [];
  for (const text of raw.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '')) {
    try {
      const url = new URL(text);
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== text.replace(/\/$/, '')) throw new Error('not an origin');
      origins.push(url.origin);
    } catch {
      read.report('CORS_ORIGINS', raw, `* or comma-separated origins such as https://app.example.com (scheme, host and port only; ${JSON.stringify(text.slice(0, 80))} is not one)`);
      return { kind: 'off' };
    }
  }
  return origins.length === 0 ? { kind: 'off' } : { kind: 'list', origins };
}
