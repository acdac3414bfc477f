import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ReplicaDto {
  @ApiProperty({ example: 'agents-1' }) replicaId!: string;
  @ApiProperty({ format: 'date-time', description: 'Last announcement or task served.' }) lastSeenAt!: string;
  @ApiProperty({ description: 'Tasks of this agent it served for this host.' }) tasksServed!: number;
  @ApiPropertyOptional({ description: 'It said goodbye (shut down).' }) leaving?: boolean;
}

export class PoolStatsDto {
  @ApiProperty({ enum: ['nats', 'grpc'] }) transport!: string;
  @ApiProperty({ example: 'nats://127.0.0.1:4222' }) address!: string;
  @ApiProperty({ description: 'Connections or channels held.' }) size!: number;
  @ApiProperty({ description: 'Of them, carrying a call now.' }) inUse!: number;
  @ApiProperty() created!: number;
  @ApiProperty({ description: 'Calls over an already-open connection.' }) reused!: number;
}

/** An agent card (its fields as they are) plus where the agent runs. */
export class AgentItemDto {
  @ApiProperty({ example: 'payment_processor' }) name!: string;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'The A2A card\'s skills (every other card field is there too).' })
  skills!: Record<string, unknown>[];
  @ApiProperty({ enum: ['local', 'nats', 'grpc'], description: 'local: in process (AGENTS_MODE=embedded|both).' }) transport!: string;
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
