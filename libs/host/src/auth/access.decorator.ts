import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { AuthScope, SecuritySettings } from '@a2a-mcp/orchestration';
import { ACCESS_EXTENSION } from '../openapi/operation-access';

/** Who may call a route: anyone, any authenticated caller, or one holding a scope. Routes that declare none need `admin`. */
export type AccessRule = 'public' | 'authenticated' | AuthScope;

export const ACCESS_RULE = 'a2a-mcp:access-rule';

/**
 * The rule, or a function of the security settings that picks it at request time (METRICS_AUTH); a
 * function names the rules it may pick in `documented`, which the OpenAPI document shows.
 */
export function Access(rule: AccessRule): MethodDecorator & ClassDecorator;
export function Access(rule: (security: SecuritySettings) => AccessRule, documented: readonly AccessRule[]): MethodDecorator & ClassDecorator;
export function Access(rule: AccessRule | ((security: SecuritySettings) => AccessRule), documented?: readonly AccessRule[]): MethodDecorator & ClassDecorator {
  const rules = typeof rule === 'function' ? [...(documented ?? [])] : [rule];
  return applyDecorators(SetMetadata(ACCESS_RULE, rule), ApiExtension(ACCESS_EXTENSION, rules));
}

export const Public = () => Access('public');
export const RequireScope = (scope: AuthScope) => Access(scope);
