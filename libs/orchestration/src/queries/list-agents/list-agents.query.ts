import { Query } from '@nestjs/cqrs';
import type { AgentCard } from '@a2a-mcp/agents';

/** The cards of every registered agent, in registration order. */
export class ListAgentsQuery extends Query<AgentCard[]> {}
