/**
 * Lifecycle of a node within one run. `queued` = dispatched, waiting for a slot of the shared pool
 * (it has not started: no timeout runs); `paused` = the agent asked for input and waits for an answer.
 */
export type TaskStatus = 'pending' | 'ready' | 'queued' | 'running' | 'paused' | 'completed' | 'failed' | 'skipped' | 'cancelled';

export const TASK_STATUSES: readonly TaskStatus[] = ['pending', 'ready', 'queued', 'running', 'paused', 'completed', 'failed', 'skipped', 'cancelled'];

export const TERMINAL_STATUSES: ReadonlySet<TaskStatus> = new Set(['completed', 'failed', 'skipped', 'cancelled']);

export type PriorityName = 'low' | 'normal' | 'high' | 'critical';

/** JSON-compatible value carried in task inputs and outputs. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Node metadata (the original Python framework's `metadata` dict, camelCased, durations in ms). */
export interface NodeMetadata {
  priority?: number | PriorityName;
  timeoutMs?: number;
  maxRetries?: number;
  qualityThreshold?: number;
  qualityDomain?: string;
  /** What a below-threshold output does: `warn` (report only), `retry` (counts as a failed attempt) or `fail`. */
  qualityPolicy?: 'warn' | 'retry' | 'fail';
  parallelSafe?: boolean;
  /** Expected duration in ms; drives hybrid ordering (default 1). */
  estimatedDuration?: number;
}

/** How a node is described in a plan (`tasks[]` of the plan JSON). */
export interface WorkflowNodeSpec extends NodeMetadata {
  id: string;
  /** What the task is about (the original Python framework's `task`). */
  description: string;
  /** Which agent runs it (the original Python framework's `node_key`). */
  agent: string;
  dependencies?: string[];
  input?: Record<string, unknown>;
}

const PRIORITY_VALUES: Record<PriorityName, number> = { low: -1, normal: 0, high: 1, critical: 2 };

export function priorityValue(priority: NodeMetadata['priority']): number {
  if (priority === undefined) return 0;
  return typeof priority === 'number' ? priority : PRIORITY_VALUES[priority] ?? 0;
}

/** A task in a workflow graph. Dependencies are kept by id; the graph owns the edges. */
export class WorkflowNode {
  readonly id: string;
  readonly description: string;
  readonly agent: string;
  readonly input: Record<string, unknown>;
  readonly metadata: NodeMetadata;

  constructor(spec: WorkflowNodeSpec) {
    this.id = spec.id;
    this.description = spec.description;
    this.agent = spec.agent;
    this.input = spec.input ?? {};
    this.metadata = {
      priority: spec.priority,
      timeoutMs: spec.timeoutMs,
      maxRetries: spec.maxRetries,
      qualityThreshold: spec.qualityThreshold,
      qualityDomain: spec.qualityDomain,
      qualityPolicy: spec.qualityPolicy,
      parallelSafe: spec.parallelSafe,
      estimatedDuration: spec.estimatedDuration,
    };
  }

  /** Estimated duration used for ranking: the plan's estimate, else 1 (every task costs something). */
  get weight(): number {
    const estimate = this.metadata.estimatedDuration;
    return estimate !== undefined && Number.isFinite(estimate) && estimate >= 0 ? estimate : 1;
  }
}
