import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AgentCard } from '@a2a-mcp/agents';
import { ListAgentsQuery } from '@a2a-mcp/orchestration';
import { AgentListDto } from './dto/responses.dto';

@ApiTags('agents')
@Controller('v1/agents')
export class AgentsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The registered agents', description: 'Their A2A agent cards: skills, tags, examples, output schemas.' })
  @ApiOkResponse({ type: AgentListDto })
  async list(): Promise<{ items: AgentCard[] }> {
    return { items: await this.queries.execute(new ListAgentsQuery()) };
  }
}
