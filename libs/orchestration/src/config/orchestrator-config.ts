import { getHeapStatistics } from 'node:v8';
import { SLOT_POLICIES, type SlotPolicy } from '@a2a-mcp/core-graph';
import {
  LLM_ENV,
  LlmPlanner,
  PlanConfigError,
  PlanningError,
  executionDefaultsFromEnv,
  planLimitsFromEnv,
  type ExecutionDefaults,
  type PlanLimits,
} from '@a2a-mcp/planner';
import { DependencyRulesError, readDependencyRulesFile, type CustomDependencyRuleSet } from '@a2a-mcp/planner';
import { QUALITY_DOMAINS, QualityDomain, parseQualityDomain } from '@a2a-mcp/quality';
import { ConfigIssue, EnvReader, type Environment } from './env-reader';
import { MODE_DEFAULTS, ORCHESTRATION_MODES, type ModeDefaults, type OrchestrationMode } from './orchestration-mode';
import { readRemoteAgentsSettings, readTransportSettings, type RemoteAgentsSettings } from './remote-agents-settings';
import type { TransportSettings } from '@a2a-mcp/transports';
import { readExternalAgentsSettings, type ExternalAgentsSettings } from './external-agents-settings';
import { PUBLIC_URL_ALLOWED, parsePublicUrl } from './public-url';
import { readResilienceSettings, type ResilienceSettings } from './resilience-settings';
import { readDurabilitySettings, type DurabilitySettings } from './durability-settings';
import { readSecuritySettings, type SecuritySettings } from './security-settings';

export const PLANNER_KINDS = ['deterministic', 'llm'] as const;
export type PlannerKind = (typeof PLANNER_KINDS)[number];

/** LOG_LEVEL: how much the host logs; `debug` adds Nest's start-up lines (module and route loading). */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];
/** LOG_FORMAT: JSON lines, human lines, or `auto` (human on a terminal, JSON otherwise). */
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormatName = (typeof LOG_FORMATS)[number];

/** The host's validated configuration (see `validateOrchestratorEnv` for the variables). */
export interface OrchestratorConfig {
  port: number;
  /** PUBLIC_URL: the host's base URL as clients reach it (URLs in its A2A agent card); unset: the address each request used. */
  publicUrl?: string;
  /** LOG_LEVEL (error|warn|info|debug, default info). */
  logLevel: LogLevelName;
  /** LOG_FORMAT (auto|json|pretty, default auto: pretty on a terminal, JSON lines otherwise). */
  logFormat: LogFormatName;
  mode: OrchestrationMode;
  /** The mode's default strategy for runs whose request and plan name none. */
  defaultStrategy: ModeDefaults['strategy'];
  /** PHASE 7 streaming: `task_progress`/`artifact` events on the SSE stream. */
  streaming: boolean;
  /** Run lifecycle logging now; metrics and traces in a later release. */
  observability: boolean;
  qualityValidation: boolean;
  defaultQualityDomain: QualityDomain;
  parallelThreshold: number;
  /** For the transports (pooled connections per remote agent); validated now, used by later plugins. */
  connectionPoolSize: number;
  /** Agent calls running at once across every run (the global limit that protects the agents). */
  maxConcurrentTasks: number;
  /** How long shutdown waits for running runs before it cancels them. */
  shutdownGraceMs: number;
  /** Finished runs kept in the run store (RUN_RETENTION); beyond it the oldest finished ones are deleted. */
  runRetention: number;
  /** A finished run is deleted from the store this long after it ended (RUN_RETENTION_MS). */
  runRetentionMs: number;
  /** Running runs may hold this much, estimated; a run that does not fit is refused (RUN_MEMORY_BUDGET_BYTES). */
  runMemoryBudgetBytes: number;
  /** Which run's task gets a freed global slot (SCHEDULING_POLICY: run-order, fair, fifo). */
  schedulingPolicy: SlotPolicy;
  /** Task timeout, retries and run time limit for tasks that set none (DEFAULT_TASK_TIMEOUT_MS, …). */
  execution: ExecutionDefaults;
  planner: PlannerKind;
  /** The PLANNER_LLM_* variables, checked when PLANNER=llm (LlmPlanner.fromEnv reads them). */
  plannerLlmEnv: Readonly<Record<string, string | undefined>>;
  /** Custom dependency rules for planning, from CUSTOM_DEPENDENCIES_FILE (names checked against the agents at boot). */
  customDependencyRules?: CustomDependencyRuleSet;
  /** Largest request body in bytes, after decompression (MAX_BODY_BYTES): larger is 413 PAYLOAD_TOO_LARGE. */
  maxBodyBytes: number;
  /** Bounds every plan and added node must stay within (PLAN_MAX_TASKS, PLAN_MAX_ID_LENGTH, PLAN_MAX_INPUT_BYTES, ...). */
  planLimits: PlanLimits;
  /** AGENTS_MODE, AGENTS_CONFIG, AGENT_ANNOUNCE_MS, AGENTS_DISCOVERY_WINDOW_MS, AGENTS_SUBJECT_PREFIX (see remote-agents-settings.ts). */
  remoteAgents: RemoteAgentsSettings;
  /** NATS_URL, AGENT_HEARTBEAT_MS, AGENT_MISSED_HEARTBEATS, CONNECTION_POOL_SIZE, AGENT_MAX_PAYLOAD_BYTES (the transports' settings). */
  transports: TransportSettings;
  /** AGENT_ALLOWED_HOSTS, MCP_SERVERS, LLM_AGENTS, EXTERNAL_AGENT_* (agents other parties serve; see external-agents-settings.ts). */
  externalAgents: ExternalAgentsSettings;
  /** AGENT_CIRCUIT_FAILURES, AGENT_CIRCUIT_HALF_OPEN_MS, AGENT_MAX_CONCURRENT_CALLS, AGENT_QUEUE_LIMIT, MAX_OUTPUT_BYTES (see resilience-settings.ts). */
  resilience: ResilienceSettings;
  /** RUN_STORE, DATA_DIR, DATABASE_URL, DATABASE_SCHEMA, RUN_SNAPSHOT_EVERY, HOST_ID, LEASE_TTL_MS, STORE_POLL_MS (see durability-settings.ts). */
  durability: DurabilitySettings;
  /** AUTH_MODE, API_KEYS, JWT_*, HOST, ALLOW_UNAUTHENTICATED, CORS_ORIGINS, rate and stream limits (see security-settings.ts). */
  security: SecuritySettings;
}

/** A bad environment: every bad variable with its value and what is allowed. */
export class OrchestratorConfigError extends Error {
  readonly code = 'INVALID_CONFIG' as const;

  constructor(readonly issues: readonly ConfigIssue[]) {
    super(
      `invalid configuration: ${issues
        .map((issue) => `${issue.variable}=${JSON.stringify(issue.value)} (allowed: ${issue.allowed})`)
        .join('; ')}`,
    );
    this.name = 'OrchestratorConfigError';
  }
}

export const DEFAULT_PORT = 3000;
/** Large enough for a 100 000-task plan of small tasks. */
export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;
const MIB = 1024 * 1024;
/** Half the heap for running runs and a quarter for finished ones leaves room for everything else. */
const heapLimit = (): number => getHeapStatistics().heap_size_limit;

/**
 * Validates the environment at boot; used as @nestjs/config's `validate`. Variables:
 * PORT (0–65535, default 3000), PUBLIC_URL (the address clients reach the host at, for its agent card), LOG_LEVEL (error|warn|info|debug, default info), LOG_FORMAT (auto|json|pretty, default auto), ORCHESTRATION_MODE (basic|enhanced|parallel, default enhanced),
 * ENABLE_PHASE_7_STREAMING, ENABLE_OBSERVABILITY, ENABLE_QUALITY_VALIDATION (true/false/1/0, default
 * per mode), PARALLEL_THRESHOLD (integer ≥ 1, default 3), CONNECTION_POOL_SIZE (integer ≥ 1, default 20),
 * DEFAULT_QUALITY_DOMAIN (GENERIC…, default GENERIC), MAX_CONCURRENT_TASKS (integer ≥ 1, default 64),
 * SHUTDOWN_GRACE_MS (integer ≥ 0, default 10000), RUN_RETENTION (finished runs the store keeps, integer ≥ 1, default 1000),
 * RUN_RETENTION_MS (how long the store keeps a finished run, default 3600000),
 * RUN_MEMORY_BUDGET_BYTES (default half the heap limit), SCHEDULING_POLICY (run-order|fair|fifo,
 * default run-order), DEFAULT_TASK_TIMEOUT_MS, DEFAULT_MAX_RETRIES, QUALITY_MAX_RETRIES, RUN_TIMEOUT_MS,
 * PLANNER (deterministic|llm, default deterministic) and, when PLANNER=llm, PLANNER_LLM_URL,
 * PLANNER_LLM_MODEL, PLANNER_LLM_API_KEY, PLANNER_LLM_TIMEOUT_MS; MAX_BODY_BYTES (integer ≥ 1, default
 * 20 MiB) and the planner's limits PLAN_MAX_TASKS, PLAN_MAX_ID_LENGTH, PLAN_MAX_INPUT_BYTES,
 * PLAN_MAX_DESCRIPTION_LENGTH (see the planner's planLimitsFromEnv).
 * CUSTOM_DEPENDENCIES_FILE (a JSON rules file for planning, read and checked now; its names are checked
 * against the agents once they are registered).
 * AGENTS_MODE (embedded|remote|both, default embedded), AGENTS_CONFIG, AGENT_ANNOUNCE_MS, AGENTS_DISCOVERY_WINDOW_MS,
 * AGENTS_SUBJECT_PREFIX (agents served as separate services; see readRemoteAgentsSettings).
 * AGENT_ALLOWED_HOSTS, MCP_SERVERS, LLM_AGENTS, EXTERNAL_AGENT_CONNECT_TIMEOUT_MS, EXTERNAL_AGENT_RETRY_MS,
 * EXTERNAL_AGENT_MAX_RESPONSE_BYTES (agents other parties serve; see readExternalAgentsSettings).
 * AGENT_CIRCUIT_FAILURES, AGENT_CIRCUIT_HALF_OPEN_MS, AGENT_MAX_CONCURRENT_CALLS, AGENT_QUEUE_LIMIT, MAX_OUTPUT_BYTES
 * (the agent boundary's circuit breaker, bulkhead and output limit; see readResilienceSettings).
 * Throws one OrchestratorConfigError naming every bad variable.
 */
export function validateOrchestratorEnv(env: Environment): OrchestratorConfig {
  const read = new EnvReader(env);
  const port = read.integer('PORT', DEFAULT_PORT, 0, 65_535);
  const mode = read.choice('ORCHESTRATION_MODE', ORCHESTRATION_MODES, 'enhanced');
  const defaults = MODE_DEFAULTS[mode];
  const config: OrchestratorConfig = {
    port,
    logLevel: read.choice('LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: read.choice('LOG_FORMAT', LOG_FORMATS, 'auto'),
    mode,
    defaultStrategy: defaults.strategy,
    streaming: read.boolean('ENABLE_PHASE_7_STREAMING') ?? defaults.streaming,
    observability: read.boolean('ENABLE_OBSERVABILITY') ?? defaults.observability,
    qualityValidation: read.boolean('ENABLE_QUALITY_VALIDATION') ?? defaults.qualityValidation,
    defaultQualityDomain: read.parsed('DEFAULT_QUALITY_DOMAIN', QualityDomain.GENERIC, `one of ${QUALITY_DOMAINS.join(', ')}`, parseQualityDomain),
    parallelThreshold: read.integer('PARALLEL_THRESHOLD', 3, 1),
    connectionPoolSize: read.integer('CONNECTION_POOL_SIZE', 20, 1),
    maxConcurrentTasks: read.integer('MAX_CONCURRENT_TASKS', 64, 1),
    shutdownGraceMs: read.integer('SHUTDOWN_GRACE_MS', 10_000, 0),
    runRetention: read.integer('RUN_RETENTION', 1000, 1),
    runRetentionMs: read.integer('RUN_RETENTION_MS', 3_600_000, 0),
    runMemoryBudgetBytes: read.integer('RUN_MEMORY_BUDGET_BYTES', Math.floor(heapLimit() / 2), MIB),
    schedulingPolicy: read.choice('SCHEDULING_POLICY', SLOT_POLICIES, 'run-order'),
    execution: readExecutionDefaults(read, env),
    planner: read.choice('PLANNER', PLANNER_KINDS, 'deterministic'),
    plannerLlmEnv: pickLlmEnv(env),
    maxBodyBytes: read.integer('MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, 1),
    planLimits: readPlanLimits(read, env),
    remoteAgents: readRemoteAgentsSettings(read),
    transports: readTransportSettings(read, env),
    externalAgents: readExternalAgentsSettings(read, env),
    resilience: readResilienceSettings(read),
    durability: readDurabilitySettings(read, env, port),
    security: readSecuritySettings(read),
  };
  const publicUrl = read.parsed<string | undefined>('PUBLIC_URL', undefined, PUBLIC_URL_ALLOWED, parsePublicUrl);
  if (publicUrl !== undefined) config.publicUrl = publicUrl;
  if (config.planner === 'llm') checkLlmEnv(read, config.plannerLlmEnv);
  const rules = readRulesFile(read);
  if (rules !== undefined) config.customDependencyRules = rules;
  if (read.issues.length > 0) throw new OrchestratorConfigError(read.issues);
  return config;
}

const readExecutionDefaults = (read: EnvReader, env: Environment): ExecutionDefaults => fromPlanner(read, env, executionDefaultsFromEnv);
const readPlanLimits = (read: EnvReader, env: Environment): PlanLimits => fromPlanner(read, env, planLimitsFromEnv);

/**
 * Settings the planner reads for the CLI too (PLAN_MAX_*, DEFAULT_TASK_TIMEOUT_MS, …): one reader for
 * both, and its issues join the host's one error; the defaults stand in until the error is thrown.
 */
function fromPlanner<T>(read: EnvReader, env: Environment, parse: (env: Environment) => T): T {
  try {
    return parse(env);
  } catch (error) {
    if (!(error instanceof PlanConfigError)) throw error;
    for (const issue of error.issues) read.report(issue.variable, issue.value, issue.allowed);
    return parse({});
  }
}

function pickLlmEnv(env: Environment): Record<string, string | undefined> {
  const picked: Record<string, string | undefined> = {};
  for (const name of Object.values(LLM_ENV)) if (env[name] !== undefined) picked[name] = env[name];
  return picked;
}

/** LlmPlanner.fromEnv names the variable in its message; the issue names it too. */
function checkLlmEnv(read: EnvReader, llmEnv: Environment): void {
  try {
    LlmPlanner.fromEnv(llmEnv);
  } catch (error) {
    if (!(error instanceof PlanningError)) throw error;
    const variable = Object.values(LLM_ENV).find((name) => error.message.includes(name)) ?? 'PLANNER_LLM_*';
    read.report(variable, llmEnv[variable] ?? '', `${error.message} (needed because PLANNER=llm)`);
  }
}

/** The variable naming the custom dependency rules file (the CLI reads it too). */
export const CUSTOM_DEPENDENCIES_FILE_ENV = 'CUSTOM_DEPENDENCIES_FILE';

/** Reads and checks the rules file's shape now, so a bad file stops the boot naming the variable. */
function readRulesFile(read: EnvReader): CustomDependencyRuleSet | undefined {
  const path = read.raw(CUSTOM_DEPENDENCIES_FILE_ENV)?.trim();
  if (path === undefined) return undefined;
  try {
    return readDependencyRulesFile(path);
  } catch (error) {
    if (!(error instanceof DependencyRulesError)) throw error;
    read.report(CUSTOM_DEPENDENCIES_FILE_ENV, path, `a readable custom dependency rules file; ${error.message}`);
    return undefined;
  }
}
