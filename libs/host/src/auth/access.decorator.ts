import { SetMetadata } from '@nestjs/common';
import type { AuthScope, SecuritySettings } from '@a2a-mcp/orchestration';

/** Who may call a route: anyone, any authenticated caller, or one holding a scope. Routes that declare none need `admin`. */
export type AccessRule = 'public' | 'authenticated' | AuthScope;

export const ACCESS_RULE = 'a2a-mcp:access-rule';

/** The rule, or a function of the security settings that picks it at request time (METRICS_AUTH). */
export const Access = (rule: AccessRule | ((security: SecuritySettings) => AccessRule)) => SetMetadata(ACCESS_RULE, rule);

export const Public = () => Access('public');
export const RequireScope = (scope: AuthScope) => Access(scope);
