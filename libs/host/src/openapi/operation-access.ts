import type { AccessRule } from '../auth/access.decorator';

/** Where the Access decorator leaves, for the document, which rules a route may apply. */
export const ACCESS_EXTENSION = 'x-a2a-mcp-access';

/** The security requirements of an operation: none, optional (public unless configured) or a scope. */
export function securityOf(rules: readonly AccessRule[]): Record<string, string[]>[] {
  // OpenAPI 3.1: a requirement of a non-OAuth scheme may list the roles it needs; here, the scope.
  const scopes: string[] = rules.filter((rule) => rule !== 'public' && rule !== 'authenticated');
  const schemes: Record<string, string[]>[] = [{ [API_KEY_SCHEME]: scopes }, { [BEARER_SCHEME]: scopes }];
  if (rules.every((rule) => rule === 'public')) return [];
  return rules.includes('public') ? [{}, ...schemes] : schemes;
}

export const API_KEY_SCHEME = 'apiKey';
export const BEARER_SCHEME = 'bearer';

export const SECURITY_SCHEMES = {
  [API_KEY_SCHEME]: {
    type: 'apiKey',
    in: 'header',
    name: 'x-api-key',
    description: 'AUTH_MODE=apikey: a key from API_KEYS. The requirement lists the scope the operation needs (runs:read, runs:write, agents:read, admin).',
  },
  [BEARER_SCHEME]: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'AUTH_MODE=jwt: a JWT signed with JWT_SECRET or a key of JWT_JWKS_URL; its `scope` claim holds the scopes. With AUTH_MODE=apikey, `Authorization: Bearer <key>` also works.',
  },
} as const;
