import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ReplicaDto {
  @ApiProperty({ example: 'agents-1' }) replicaId!: string;
  @ApiProperty({ format: 'date-time', description: 'Last announcement or task served.' }) lastSeenAt!: string;
  @ApiProperty({ description: 'Tasks of this agent it served for this host.' }) tasksServed!: number;
  @ApiPropertyOptional({ description: 'It said goodbye (shut down).' }) leaving?: boolean;
}

export class PoolStatsDto {
  @ApiProperty({ enum: ['nats', 'grpc', 'a2a', 'mcp'] }) transport!: string;
  @ApiProperty({ example: 'nats://127.0.0.1:4222' }) address!: string;
  @ApiProperty({ description: 'Connections or channels held.' }) size!: number;
  @ApiProperty({ description: 'Of them, carrying a call now.' }) inUse!: number;
  @ApiProperty() created!: number;
  @ApiProperty({ description: 'Calls over an already-open connection.' }) reused!: number;
}

export class AgentSkillDto {
  @ApiProperty({ example: 'process_payment' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String], description: 'Keywords the planner and find_agent match requests against.' }) tags!: string[];
  @ApiPropertyOptional({ type: [String] }) examples?: string[];
  @ApiPropertyOptional({ type: [String] }) inputModes?: string[];
  @ApiPropertyOptional({ type: [String] }) outputModes?: string[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'What the planner reads: consumes, produces, outputSchema, expectedDurationMs, qualityDomain, selectWith.',
  })
  metadata?: Record<string, unknown>;
}

export class AgentCapabilitiesDto {
  @ApiPropertyOptional() streaming?: boolean;
  @ApiPropertyOptional() pushNotifications?: boolean;
  @ApiPropertyOptional() stateTransitionHistory?: boolean;
}

/** An agent card (its fields as they are) plus where the agent runs. */
export class AgentItemDto {
  @ApiProperty({ example: 'payment_processor' }) name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: '1.0.0' }) version!: string;
  @ApiPropertyOptional({ description: 'Where a remote agent is served; absent for in-process agents.' }) url?: string;
  @ApiPropertyOptional() protocolVersion?: string;
  @ApiProperty({ type: () => AgentCapabilitiesDto }) capabilities!: AgentCapabilitiesDto;
  @ApiProperty({ type: [String] }) defaultInputModes!: string[];
  @ApiProperty({ type: [String] }) defaultOutputModes!: string[];
  @ApiProperty({ type: () => [AgentSkillDto], description: "The A2A card's skills." }) skills!: AgentSkillDto[];
  // The transports' TransportKind: local (in process), a demo-agents replica over NATS or gRPC, an external A2A or MCP agent, an LLM agent.
  @ApiProperty({ enum: ['local', 'nats', 'grpc', 'a2a', 'mcp', 'llm'], description: 'local: in process (AGENTS_MODE=embedded|both); a2a, mcp: an external agent (AGENTS_CONFIG, POST /v1/agents); llm: LLM_AGENTS.' })
  transport!: string;
  @ApiProperty({ example: 'in-process', description: '`in-process`, a NATS server URL or a gRPC host:port.' }) address!: string;
  @ApiProperty({ description: 'false: a plan naming it is refused (422) until a replica announces it again.' }) healthy!: boolean;
  @ApiPropertyOptional({ example: 'no replica has announced it for 16000 ms' }) reason?: string;
  @ApiProperty({ type: () => [ReplicaDto], description: 'Replicas seen (remote agents).' }) replicas!: ReplicaDto[];
  @ApiPropertyOptional({ type: () => PoolStatsDto, description: 'The connection pool of its client (remote agents).' }) pool?: PoolStatsDto;
}

export class AgentListDto {
  @ApiProperty({ type: () => [AgentItemDto], description: 'A2A agent cards, each with its transport, address, replicas, health and pool use.' })
  items!: AgentItemDto[];
}
