// The orchestration contract for hosts and plugins: the core module, its plugin modules and tokens, the
// commands/queries a transport sends, the domain events a subscriber sees. Named one by one so a new export is a decision.
export { ORCHESTRATOR_CONFIG, PLANNER, QUALITY_SCORER_FACTORY, RUN_STORE } from './orchestration.tokens';
export { OrchestrationModule, type OrchestrationModuleOptions } from './orchestration.module';
export { type PluginFactory, pluginModule } from './plugin-provider';
export type { ConfigIssue, Environment } from './config/env-reader';
export { MODE_DEFAULTS, ORCHESTRATION_MODES, type OrchestrationMode } from './config/orchestration-mode';
export {
  type LogLevelName,
  type OrchestratorConfig,
  OrchestratorConfigError,
  PLANNER_KINDS,
  type PlannerKind,
  validateOrchestratorEnv,
} from './config/orchestrator-config';
export {
  ALL_TENANTS,
  AUTH_MODES,
  AUTH_SCOPES,
  type ApiKeyEntry,
  type AuthMode,
  type AuthScope,
  type CorsOrigins,
  DEFAULT_HOST,
  isLoopbackHost,
  type JwtSettings,
  type SecuritySettings,
  unauthenticatedBindIssue,
} from './config/security-settings';
export { DOMAIN_AGENT_METADATA, DomainAgent, type DomainAgentExecutor, type DomainAgentOptions } from './agents/domain-agent.decorator';
export { domainAgentClassFor } from './agents/domain-agent-class';
export { AgentCatalogError, type AgentCatalogErrorCode } from './agents/agent-catalog.error';
export { AgentCatalog } from './agents/agent-catalog.service';
export { REMOTE_AGENT_SOURCE, type RemoteAgentSource } from './agents/remote-agent-source';
export type { AgentRouteStatus, ReplicaStatus } from './remote/remote-agent-catalog';
export { RemoteAgents } from './remote/remote-agents.service';
export { RemoteAgentsError } from './remote/remote-agents.error';
export { AGENTS_MODES, type AgentsMode, type RemoteAgentsSettings } from './config/remote-agents-settings';
export { AgentPack } from './agents/agent-pack';
export { AgentPackModule, type AgentPackOptions } from './agents/agent-pack.module';
export { DEMO_AGENT_CLASSES, DemoAgentsModule } from './agents/demo-agents.module';
export { PlanningService } from './planning/planning.service';
export { PlannerModule } from './planning/planner.module';
export { DefaultQualityScorerFactory, type QualityScorerContext, type QualityScorerFactory } from './quality/quality-scorer-factory';
export { QualityModule } from './quality/quality.module';
export { OrchestrationError, type OrchestrationErrorCode } from './runs/orchestration-error';
export type { RunStore, StoredRun } from '@a2a-mcp/persistence';
export type { RunHandle } from './runs/run-handle';
export { RunStoreModule } from './runs/run-store.module';
export { FRAMEWORK_METRICS, RUN_OBSERVERS } from './observability/observability.tokens';
export { AgentResilience } from './resilience/agent-resilience';
export type { CircuitStateName } from './resilience/agent-guard';
export { RESILIENCE_ERROR_CODES, type ResilienceErrorCode } from './resilience/resilience-errors';
export type { ResilienceSettings } from './config/resilience-settings';
export { StreamAudience } from './observability/stream-audience';
export { resolveRunSettings } from './runs/run-settings';
export { ManagedRun } from './runs/managed-run';
export {
  type RunChange,
  type RunChangeResult,
  RunManager,
  type RunPage,
  type StartRunRequest,
  STEPPED_START_TASKS,
} from './runs/run-manager.service';
export { CancelRunCommand } from './commands/cancel-run/cancel-run.command';
export { ModifyRunCommand } from './commands/modify-run/modify-run.command';
export { PlanRequestCommand } from './commands/plan-request/plan-request.command';
export { ResumeRunCommand } from './commands/resume-run/resume-run.command';
export { RegisterAgentCommand } from './commands/register-agent/register-agent.command';
export { ExternalAgents } from './external/external-agents.service';
export { EXTERNAL_AGENT_SPECS, type ConnectContext, type ExternalAgentSpec } from './external/external-agent-spec';
export { ExternalAgentError, type ExternalAgentErrorCode } from './external/external-agent.error';
export type { ExternalAgentsSettings } from './config/external-agents-settings';
export { type RunSource, RunWorkflowCommand } from './commands/run-workflow/run-workflow.command';
export { AgentCircuitClosedEvent } from './events/agent-circuit-closed.event';
export { AgentCircuitHalfOpenedEvent } from './events/agent-circuit-half-opened.event';
export { AgentCircuitOpenedEvent } from './events/agent-circuit-opened.event';
export { ArtifactEmittedEvent } from './events/artifact-emitted.event';
export { ExecutionPlannedEvent } from './events/execution-planned.event';
export { GraphModifiedEvent } from './events/graph-modified.event';
export { LevelCompletedEvent } from './events/level-completed.event';
export { LevelStartedEvent } from './events/level-started.event';
export { RequestPlannedEvent } from './events/request-planned.event';
export { RunCompletedEvent } from './events/run-completed.event';
export { RunDomainEvent } from './events/run-domain-event';
export { RunStartedEvent } from './events/run-started.event';
export { TaskCancelledEvent } from './events/task-cancelled.event';
export { TaskCompletedEvent } from './events/task-completed.event';
export { TaskFailedEvent } from './events/task-failed.event';
export { TaskPausedEvent } from './events/task-paused.event';
export { TaskProgressedEvent } from './events/task-progressed.event';
export { TaskQueuedEvent } from './events/task-queued.event';
export { TaskResumedEvent } from './events/task-resumed.event';
export { TaskRetryScheduledEvent } from './events/task-retry-scheduled.event';
export { TaskSkippedEvent } from './events/task-skipped.event';
export { TaskStartedEvent } from './events/task-started.event';
export { OutputSchemaCatalog } from './quality/output-schema-catalog.service';
export { GetRunEventsQuery } from './queries/get-run-events/get-run-events.query';
export { GetRunQuery } from './queries/get-run/get-run.query';
export { ListAgentsQuery } from './queries/list-agents/list-agents.query';
export { ListRunsQuery } from './queries/list-runs/list-runs.query';
export type { RunEventFeed, RunSummaryPage, RunSummaryView, RunView, TaskView } from './queries/run-views';
