import type { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { AgentCatalog, AuthScope } from '@a2a-mcp/orchestration';
import type { Caller } from '../../auth/caller';
import type { RunStartLimiter } from '../../limits/run-start-limiter';

/** What the tools and resources use: the host's buses, as its controllers do, and its agents. */
export interface McpToolDeps {
  commands: CommandBus;
  queries: QueryBus;
  catalog: AgentCatalog;
  /** RATE_LIMIT_RUNS_PER_MINUTE for run_workflow, counted per caller as REST starts are. */
  limiter: RunStartLimiter;
  /** The caller of a call, checked for a scope (its /mcp request's; the local user over stdio); FORBIDDEN otherwise. */
  callerOf(extra: { authInfo?: AuthInfo }, scope: AuthScope, what: string): Caller;
}
