import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { AgentCard } from '@a2a-mcp/agents';
import { AgentCatalog } from '../../agents/agent-catalog.service';
import { ListAgentsQuery } from './list-agents.query';

@QueryHandler(ListAgentsQuery)
export class ListAgentsHandler implements IQueryHandler<ListAgentsQuery> {
  constructor(private readonly catalog: AgentCatalog) {}

  // Only forwards: the catalog's cards are already plain data (the agents' read model), nothing to map.
  async execute(): Promise<AgentCard[]> {
    return this.catalog.cards();
  }
}
