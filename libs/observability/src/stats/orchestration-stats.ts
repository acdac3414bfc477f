import type { StrategyName, WorkflowEvent } from '@a2a-mcp/core-graph';
import type { RunObserver } from '../observer';
import { isAutoReason, strategyReasonLabel } from '../metrics/strategy-reason';

/** The last strategy decision the optimizer made for a run started with strategy `auto`. */
export interface AutoDecision {
  runId: string;
  strategy: StrategyName;
  /** The optimizer's reason code (single_task, no_parallelism, uniform_levels, dependency_driven). */
  code: string;
  reason: string;
  /** ISO time the decision was seen. */
  at: string;
}

/** The original framework's `monitor_orchestration_health`, for GET /v1/stats. */
export interface OrchestrationHealth {
  activeRuns: number;
  activeTasks: number;
  runsStarted: number;
  runsFinished: number;
  tasksCompleted: number;
  tasksFailed: number;
  /** completed ÷ (completed + failed) over every task that finished since start; null before any did. */
  successRate: number | null;
  /** Mean duration of completed tasks, ms; null before any completed. */
  averageTaskMs: number | null;
  /** Runs started per strategy. */
  strategyUse: Record<StrategyName, number>;
  /** Runs finished per final status. */
  runStatuses: Record<string, number>;
  lastAutoDecision: AutoDecision | null;
  /** Seconds since these figures started counting. */
  uptimeSeconds: number;
}

export interface StatsLiveFigures {
  activeRuns(): number;
  activeTasks(): number;
}

/**
 * Running totals for the health summary: O(1) per event, nothing kept per run but the optimizer's
 * last decision. Counts start when the host starts.
 */
export class OrchestrationStats implements RunObserver {
  private runsStarted = 0;
  private runsFinished = 0;
  private tasksCompleted = 0;
  private tasksFailed = 0;
  private completedMs = 0;
  private readonly strategyUse: Record<StrategyName, number> = { sequential: 0, parallel: 0, hybrid: 0 };
  private readonly runStatuses: Record<string, number> = {};
  private lastAutoDecision: AutoDecision | null = null;
  private readonly startedAt: number;
  private live: StatsLiveFigures = { activeRuns: () => 0, activeTasks: () => 0 };

  constructor(private readonly now: () => number = Date.now) {
    this.startedAt = now();
  }

  /** Where the live figures (runs and tasks running now) come from. */
  readFrom(live: StatsLiveFigures): void {
    this.live = live;
  }

  onEvent(event: WorkflowEvent): void {
    switch (event.type) {
      case 'workflow_start':
        this.runsStarted++;
        this.strategyUse[event.strategy]++;
        return;
      case 'plan_ready': {
        const code = strategyReasonLabel(event.reason);
        if (isAutoReason(code)) {
          this.lastAutoDecision = { runId: event.runId, strategy: event.strategy, code, reason: event.reason, at: new Date(this.now()).toISOString() };
        }
        return;
      }
      case 'task_complete':
        this.tasksCompleted++;
        this.completedMs += event.durationMs;
        return;
      case 'task_failed':
        this.tasksFailed++;
        return;
      case 'workflow_complete':
        this.runsFinished++;
        this.runStatuses[event.result.status] = (this.runStatuses[event.result.status] ?? 0) + 1;
        return;
      default:
        return;
    }
  }

  health(): OrchestrationHealth {
    const finished = this.tasksCompleted + this.tasksFailed;
    return {
      activeRuns: this.live.activeRuns(),
      activeTasks: this.live.activeTasks(),
      runsStarted: this.runsStarted,
      runsFinished: this.runsFinished,
      tasksCompleted: this.tasksCompleted,
      tasksFailed: this.tasksFailed,
      successRate: finished === 0 ? null : this.tasksCompleted / finished,
      averageTaskMs: this.tasksCompleted === 0 ? null : this.completedMs / this.tasksCompleted,
      strategyUse: { ...this.strategyUse },
      runStatuses: { ...this.runStatuses },
      lastAutoDecision: this.lastAutoDecision,
      uptimeSeconds: Math.floor((this.now() - this.startedAt) / 1000),
    };
  }
}
