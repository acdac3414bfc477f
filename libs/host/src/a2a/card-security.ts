import type { SecurityRequirement, SecurityScheme } from '@a2a-js/sdk';
import type { AuthMode } from '@a2a-mcp/orchestration';

/** How callers authenticate to the A2A endpoint: the host's AUTH_MODE. */
export type A2aAuthMode = AuthMode;

export interface CardSecurity {
  securitySchemes: Record<string, SecurityScheme>;
  securityRequirements: SecurityRequirement[];
}

const BEARER_API_KEY: SecurityScheme = {
  scheme: { $case: 'httpAuthSecurityScheme', value: { scheme: 'Bearer', bearerFormat: '', description: 'An API key of the host as a bearer token' } },
};
const HEADER_API_KEY: SecurityScheme = {
  scheme: { $case: 'apiKeySecurityScheme', value: { location: 'header', name: 'X-API-Key', description: 'An API key of the host' } },
};
const BEARER_JWT: SecurityScheme = {
  scheme: { $case: 'httpAuthSecurityScheme', value: { scheme: 'Bearer', bearerFormat: 'JWT', description: 'A JWT naming the caller\'s tenant and scopes' } },
};

/**
 * The card's `securitySchemes` and `securityRequirements` for the host's auth mode: none declares
 * nothing; apikey a bearer key or an X-API-Key header (either one); jwt a bearer JWT. The scopes a
 * method needs (runs:read, runs:write) are checked per call and named in a 403.
 */
export function cardSecurityFor(mode: A2aAuthMode = 'none'): CardSecurity {
  switch (mode) {
    case 'none':
      return { securitySchemes: {}, securityRequirements: [] };
    case 'apikey':
      return {
        securitySchemes: { bearerApiKey: BEARER_API_KEY, apiKey: HEADER_API_KEY },
        // Alternatives: each requirement alone is enough.
        securityRequirements: [{ schemes: { bearerApiKey: { list: [] } } }, { schemes: { apiKey: { list: [] } } }],
      };
    case 'jwt':
      return { securitySchemes: { bearerJwt: BEARER_JWT }, securityRequirements: [{ schemes: { bearerJwt: { list: [] } } }] };
  }
}
