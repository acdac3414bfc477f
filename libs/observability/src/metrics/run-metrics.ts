import type { QualityVerdict, RunResult, WorkflowEvent } from '@a2a-mcp/core-graph';
import type { RunObserver } from '../observer';
import type { FrameworkMetrics } from './framework-metrics';
import { strategyReasonLabel } from './strategy-reason';

/** What a run needs remembered between its events: the agent of each task (failures and skips do not name it). */
interface RunTrack {
  agentOf: Map<string, string>;
}

/**
 * Turns run events into metrics. Per-run state lives from `workflow_start` to `workflow_complete`
 * only, so finished runs cost nothing; histograms take run figures (makespan, critical path,
 * parallel efficiency), never per-run labels.
 */
export class RunMetrics implements RunObserver {
  private readonly runs = new Map<string, RunTrack>();

  constructor(private readonly metrics: FrameworkMetrics) {}

  onEvent(event: WorkflowEvent): void {
    const m = this.metrics;
    switch (event.type) {
      case 'workflow_start': {
        const agentOf = new Map<string, string>();
        for (const task of event.tasks) agentOf.set(task.id, task.agent);
        this.runs.set(event.runId, { agentOf });
        m.runsStarted.inc({ strategy: event.strategy });
        return;
      }
      case 'plan_ready':
        m.strategyDecisions.inc({ strategy: event.strategy, reason: strategyReasonLabel(event.reason) });
        return;
      case 'graph_modified': {
        const track = this.runs.get(event.runId);
        if (track) for (const node of event.addedNodes) track.agentOf.set(node.id, node.agent);
        return;
      }
      case 'task_start':
        m.taskQueueWait.observe(event.queueWaitMs / 1000);
        return;
      case 'task_retry':
        m.taskRetries.inc({ agent: this.agentOf(event.runId, event.taskId) });
        return;
      case 'task_complete':
        m.tasks.inc({ agent: event.agent, outcome: 'completed' });
        m.taskDuration.observe({ agent: event.agent }, event.durationMs / 1000);
        if (event.quality) this.recordQuality(event.quality);
        return;
      case 'task_failed':
        m.tasks.inc({ agent: this.agentOf(event.runId, event.taskId), outcome: 'failed' });
        return;
      case 'task_skipped':
        m.tasks.inc({ agent: this.agentOf(event.runId, event.taskId), outcome: 'skipped' });
        return;
      case 'task_cancelled':
        m.tasks.inc({ agent: this.agentOf(event.runId, event.taskId), outcome: 'cancelled' });
        return;
      case 'workflow_complete':
        this.runs.delete(event.runId);
        this.recordRun(event.result);
        return;
      default:
        return;
    }
  }

  private recordQuality(quality: QualityVerdict): void {
    const domain = quality.domain ?? 'GENERIC';
    const m = this.metrics;
    m.qualityScore.observe({ domain }, quality.score);
    m.qualityChecks.inc({ domain, result: quality.approved ? 'pass' : 'fail' });
    for (const issue of quality.issues ?? []) m.qualityIssues.inc({ domain, issue });
  }

  private recordRun(result: RunResult): void {
    const m = this.metrics;
    const strategy = result.strategy;
    m.runsFinished.inc({ strategy, status: result.status });
    m.runMakespan.observe({ strategy }, result.makespanMs / 1000);
    m.runCriticalPath.observe({ strategy }, result.criticalPathMs / 1000);
    m.runParallelEfficiency.observe({ strategy }, result.parallelEfficiency);
  }

  private agentOf(runId: string, taskId: string): string {
    return this.runs.get(runId)?.agentOf.get(taskId) ?? 'unknown';
  }
}
