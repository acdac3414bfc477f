import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig, type SecuritySettings } from '@a2a-mcp/orchestration';
import { ACCESS_RULE, type AccessRule } from './access.decorator';
import { forbidden } from './auth-errors';
import { Authenticator } from './authenticator.service';
import { attachPrincipal } from './caller';
import { hasScope } from './principal';

type DeclaredRule = AccessRule | ((security: SecuritySettings) => AccessRule);

/**
 * The global guard of the host's routes: authenticates the caller (AUTH_MODE) and checks the scope
 * the route declares with @Access/@RequireScope/@Public (a route without a rule needs `admin`, so a
 * module composed in later is closed until it says otherwise). The caller is kept for @RequestCaller.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly security: SecuritySettings;

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    @Inject(ORCHESTRATOR_CONFIG) config: OrchestratorConfig,
  ) {
    this.security = config.security;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // gRPC and NATS handlers of a hybrid app authenticate on their own transport.
    if (context.getType() !== 'http') return true;
    const rule = this.ruleOf(context);
    if (rule === 'public') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const principal = await this.authenticator.authenticate(req.headers);
    if (principal === undefined) return true;
    attachPrincipal(req, principal);
    if (rule !== 'authenticated' && !hasScope(principal, rule)) throw forbidden(rule, `${req.method} ${req.baseUrl}${req.route?.path ?? req.path}`);
    return true;
  }

  private ruleOf(context: ExecutionContext): AccessRule {
    const declared = this.reflector.getAllAndOverride<DeclaredRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]) ?? 'admin';
    return typeof declared === 'function' ? declared(this.security) : declared;
  }
}
