import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { runOwnerOf, tenantScopeOf, type Principal } from './principal';

/** Principals of the requests being served (kept off the request object's own fields). */
const principals = new WeakMap<IncomingMessage, Principal>();

export function attachPrincipal(req: IncomingMessage, principal: Principal): void {
  principals.set(req, principal);
}

/** The request's authenticated caller; undefined with AUTH_MODE=none (or on a public route). */
export function principalOf(req: IncomingMessage): Principal | undefined {
  return principals.get(req);
}

/** What the API layer needs to know about the caller of one request. */
export interface Caller {
  /** Undefined with AUTH_MODE=none. */
  principal?: Principal;
  /** Reads and commands reach only this tenant's runs; undefined: every run (no auth, or tenant `*`). */
  tenant?: string;
  /** The tenant a run this caller starts belongs to. */
  owner?: string;
  /** Who rate and stream limits count: `tenant:<name>`, or `ip:<address>` without authentication. */
  limitKey: string;
}

export function callerOf(req: IncomingMessage & { ip?: string }): Caller {
  const principal = principalOf(req);
  const limitKey = principal === undefined ? `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}` : `tenant:${principal.tenant}`;
  return { principal, tenant: tenantScopeOf(principal), owner: runOwnerOf(principal), limitKey };
}

/** `@RequestCaller() caller: Caller` in a controller method: the caller of the request it serves. */
export const RequestCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => callerOf(context.switchToHttp().getRequest()));
