import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AgentCard } from '@a2a-mcp/agents';
import { AgentCatalog, ListAgentsQuery, type AgentRouteStatus } from '@a2a-mcp/orchestration';
import { AgentListDto } from './dto/agent-list.dto';

/** A card with where its agent runs; the card's own fields come first and stay as they are. */
export type AgentListItem = AgentCard & Omit<AgentRouteStatus, 'name'>;

@ApiTags('agents')
@Controller('v1/agents')
export class AgentsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly catalog: AgentCatalog,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The registered agents',
    description: 'Their A2A agent cards (skills, tags, examples, output schemas), each with its transport, address, replicas seen, health and pool use.',
  })
  @ApiOkResponse({ type: AgentListDto })
  async list(): Promise<{ items: AgentListItem[] }> {
    const cards = await this.queries.execute(new ListAgentsQuery());
    return {
      items: cards.map((card) => {
        const { name: _name, ...status } = this.catalog.statusOf(card.name);
        return { ...card, ...status };
      }),
    };
  }
}
