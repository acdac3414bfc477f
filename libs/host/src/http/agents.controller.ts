import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AgentCard } from '@a2a-mcp/agents';
import { AgentCatalog, ListAgentsQuery, RegisterAgentCommand, type AgentRouteStatus } from '@a2a-mcp/orchestration';
import { RequireScope } from '../auth/access.decorator';
import { AgentItemDto, AgentListDto } from './dto/agent-list.dto';
import { RegisterAgentDto } from './dto/register-agent.dto';
import { ApiErrors } from '../openapi/api-errors.decorator';

/** A card with where its agent runs; the card's own fields come first and stay as they are. */
export type AgentListItem = AgentCard & Omit<AgentRouteStatus, 'name'>;

@ApiTags('agents')
@Controller('v1/agents')
export class AgentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly catalog: AgentCatalog,
  ) {}

  @Post()
  @HttpCode(201)
  // The catalog is shared by every tenant: only an operator changes it.
  @RequireScope('admin')
  @ApiOperation({
    summary: 'Register a remote A2A agent by its card URL',
    description: "Reads the agent's card; its skills join the catalog and the planner. Its tasks become message/stream calls over a keep-alive pool of CONNECTION_POOL_SIZE connections.",
  })
  @ApiCreatedResponse({ type: AgentItemDto, description: 'The registered agent: its card with transport a2a, address and pool.' })
  @ApiErrors({
    400: {
      UNTRUSTED_URL: 'cardUrl is not http(s), or a loopback or private address not in AGENT_ALLOWED_HOSTS',
      INVALID_AGENT_NAME: 'the name (given, or from the card) is not a usable agent name',
    },
    409: { DUPLICATE_AGENT: 'an agent of that name is registered' },
    502: { BAD_AGENT_CARD: 'the card is not valid JSON, misses fields or is too large', AGENT_UNREACHABLE: 'the card URL could not be fetched' },
  })
  async register(@Body() body: RegisterAgentDto): Promise<AgentListItem> {
    const card = await this.commands.execute(new RegisterAgentCommand(body.cardUrl, body.name));
    return this.itemOf(card);
  }

  @Get()
  @RequireScope('agents:read')
  @ApiOperation({
    summary: 'The registered agents',
    description: 'Their A2A agent cards (skills, tags, examples, output schemas), each with its transport, address, replicas seen, health and pool use.',
  })
  @ApiOkResponse({ type: AgentListDto })
  async list(): Promise<{ items: AgentListItem[] }> {
    const cards = await this.queries.execute(new ListAgentsQuery());
    return {
      items: cards.map((card) => this.itemOf(card)),
    };
  }

  private itemOf(card: AgentCard): AgentListItem {
    const { name: _name, ...status } = this.catalog.statusOf(card.name);
    return { ...card, ...status };
  }
}
