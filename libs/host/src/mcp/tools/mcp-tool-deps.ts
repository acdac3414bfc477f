import type { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { AgentCatalog } from '@a2a-mcp/orchestration';

/** What the tools and resources use: the host's buses, as its controllers do, and its agents. */
export interface McpToolDeps {
  commands: CommandBus;
  queries: QueryBus;
  catalog: AgentCatalog;
}
