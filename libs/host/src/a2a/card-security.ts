import type { SecurityRequirement, SecurityScheme } from '@a2a-js/sdk';

/** How callers authenticate to the A2A endpoint. Only `none` exists today; a later change adds the others. */
export type A2aAuthMode = 'none';

export interface CardSecurity {
  securitySchemes: Record<string, SecurityScheme>;
  securityRequirements: SecurityRequirement[];
}

/**
 * The hook that fills the card's `securitySchemes` and `securityRequirements` from the host's auth
 * mode. With auth off (the only mode yet) the card declares no scheme and requires none.
 */
export function cardSecurityFor(mode: A2aAuthMode = 'none'): CardSecurity {
  switch (mode) {
    case 'none':
      return { securitySchemes: {}, securityRequirements: [] };
  }
}
