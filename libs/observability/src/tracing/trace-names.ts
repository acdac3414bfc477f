/** The instrumentation scope of every span the framework makes. */
export const TRACER_NAME = '@a2a-mcp/observability';

/**
 * Span names: a fixed set, so a trace backend can group them (ids go in attributes). Agent calls follow
 * the OpenTelemetry GenAI conventions (`invoke_agent {agent}`, kind CLIENT).
 */
export const SPAN_NAMES = {
  run: 'workflow_run',
  attempt: 'task_attempt',
  /** Followed by a space and the agent's name. */
  agentCall: 'invoke_agent',
  /** The agent side of a remote attempt (NATS, gRPC): followed by a space and the agent's name. */
  servedAttempt: 'serve_attempt',
} as const;

/** Attribute keys; the `gen_ai.*` ones are OpenTelemetry's GenAI semantic conventions. */
export const TRACE_ATTRIBUTES = {
  runId: 'a2a_mcp.run.id',
  strategy: 'a2a_mcp.run.strategy',
  strategyReason: 'a2a_mcp.run.strategy_reason',
  taskCount: 'a2a_mcp.run.task_count',
  maxConcurrency: 'a2a_mcp.run.max_concurrency',
  runStatus: 'a2a_mcp.run.status',
  makespanMs: 'a2a_mcp.run.makespan_ms',
  criticalPathMs: 'a2a_mcp.run.critical_path_ms',
  parallelEfficiency: 'a2a_mcp.run.parallel_efficiency',
  failedTasks: 'a2a_mcp.run.failed_tasks',
  taskId: 'a2a_mcp.task.id',
  attempt: 'a2a_mcp.task.attempt',
  /** completed, retry, failed, cancelled, superseded, abandoned. */
  outcome: 'a2a_mcp.task.outcome',
  queueWaitMs: 'a2a_mcp.task.queue_wait_ms',
  servedBy: 'a2a_mcp.task.served_by',
  qualityScore: 'a2a_mcp.quality.score',
  qualityApproved: 'a2a_mcp.quality.approved',
  qualityDomain: 'a2a_mcp.quality.domain',
  /** local, nats, grpc, a2a, mcp, llm. */
  transport: 'a2a_mcp.transport',
  replicaId: 'a2a_mcp.replica.id',
  agentName: 'gen_ai.agent.name',
  operationName: 'gen_ai.operation.name',
  /** The failure's code (TASK_TIMEOUT, AGENT_UNAVAILABLE, ...), as OpenTelemetry's `error.type`. */
  errorType: 'error.type',
} as const;
