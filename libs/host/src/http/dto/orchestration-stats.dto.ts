import { ApiProperty } from '@nestjs/swagger';

const STRATEGIES = ['sequential', 'parallel', 'hybrid'];

export class AutoDecisionDto {
  @ApiProperty() runId!: string;
  @ApiProperty({ enum: STRATEGIES }) strategy!: string;
  @ApiProperty({ enum: ['single_task', 'no_parallelism', 'uniform_levels', 'dependency_driven'] }) code!: string;
  @ApiProperty({ description: "The optimizer's readable reason: the plan's shape, the load seen and what it changed." }) reason!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class StrategyUseDto {
  @ApiProperty() sequential!: number;
  @ApiProperty() parallel!: number;
  @ApiProperty() hybrid!: number;
}

export class OrchestrationStatsDto {
  @ApiProperty({ description: 'Runs running now.' }) activeRuns!: number;
  @ApiProperty({ description: 'Agent calls holding a slot of MAX_CONCURRENT_TASKS now.' }) activeTasks!: number;
  @ApiProperty({ description: 'Since the host started.' }) runsStarted!: number;
  @ApiProperty() runsFinished!: number;
  @ApiProperty() tasksCompleted!: number;
  @ApiProperty() tasksFailed!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'completed ÷ (completed + failed); null before any task finished.' }) successRate!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean duration of completed tasks, ms; null before any completed.' }) averageTaskMs!: number | null;
  @ApiProperty({ type: () => StrategyUseDto, description: 'Runs started per strategy.' }) strategyUse!: StrategyUseDto;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Runs finished per final status.' })
  runStatuses!: Record<string, number>;
  @ApiProperty({ type: () => AutoDecisionDto, nullable: true, description: 'The last strategy the auto optimizer chose, and why.' })
  lastAutoDecision!: AutoDecisionDto | null;
  @ApiProperty() uptimeSeconds!: number;
}
