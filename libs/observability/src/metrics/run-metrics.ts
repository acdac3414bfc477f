import type { QualityVerdict, RunResult, WorkflowEvent } from '@a2a-mcp/core-graph';
import type { RunObserver } from '../observer';
import type { FrameworkMetrics } from './framework-metrics';
import type { CounterSeries } from './series/series-counter';
import type { HistogramSeries } from './series/series-histogram';
import { strategyReasonLabel } from './strategy-reason';

/** What a run needs remembered between its events: the agent of each task (failures and skips do not name it). */
interface RunTrack {
  agentOf: Map<string, string>;
}

/** One agent's task series, resolved once. */
interface AgentSeries {
  completed: CounterSeries;
  failed: CounterSeries;
  skipped: CounterSeries;
  cancelled: CounterSeries;
  retries: CounterSeries;
  duration: HistogramSeries;
}

/** One quality domain's series, resolved once. */
interface DomainSeries {
  score: HistogramSeries;
  pass: CounterSeries;
  fail: CounterSeries;
}

/**
 * Turns run events into metrics. Per-run state lives from `workflow_start` to `workflow_complete`
 * only, so finished runs cost nothing; histograms take run figures (makespan, critical path,
 * parallel efficiency), never per-run labels. Series handles are kept per agent and per domain,
 * so a task's events cost a map lookup and a few additions.
 */
export class RunMetrics implements RunObserver {
  private readonly runs = new Map<string, RunTrack>();
  private readonly agents = new Map<string, AgentSeries>();
  private readonly domains = new Map<string, DomainSeries>();
  private readonly queueWait: HistogramSeries;

  constructor(private readonly metrics: FrameworkMetrics) {
    this.queueWait = metrics.taskQueueWait.series({});
  }

  onEvent(event: WorkflowEvent): void {
    switch (event.type) {
      case 'workflow_start': {
        const agentOf = new Map<string, string>();
        for (const task of event.tasks) agentOf.set(task.id, task.agent);
        this.runs.set(event.runId, { agentOf });
        this.metrics.runsStarted.inc({ strategy: event.strategy });
        return;
      }
      case 'plan_ready':
        this.metrics.strategyDecisions.inc({ strategy: event.strategy, reason: strategyReasonLabel(event.reason) });
        return;
      case 'graph_modified': {
        const track = this.runs.get(event.runId);
        if (track) for (const node of event.addedNodes) track.agentOf.set(node.id, node.agent);
        return;
      }
      case 'task_start':
        this.queueWait.observe(event.queueWaitMs / 1000);
        return;
      case 'task_retry':
        this.agent(this.agentOf(event.runId, event.taskId)).retries.inc();
        return;
      case 'task_complete': {
        const series = this.agent(event.agent);
        series.completed.inc();
        series.duration.observe(event.durationMs / 1000);
        if (event.quality) this.recordQuality(event.quality);
        return;
      }
      case 'task_failed':
        this.agent(this.agentOf(event.runId, event.taskId)).failed.inc();
        return;
      case 'task_skipped':
        this.agent(this.agentOf(event.runId, event.taskId)).skipped.inc();
        return;
      case 'task_cancelled':
        this.agent(this.agentOf(event.runId, event.taskId)).cancelled.inc();
        return;
      case 'workflow_complete':
        this.runs.delete(event.runId);
        this.recordRun(event.result);
        return;
      default:
        return;
    }
  }

  private agent(agent: string): AgentSeries {
    let series = this.agents.get(agent);
    if (series === undefined) {
      const { tasks, taskRetries, taskDuration } = this.metrics;
      series = {
        completed: tasks.series({ agent, outcome: 'completed' }),
        failed: tasks.series({ agent, outcome: 'failed' }),
        skipped: tasks.series({ agent, outcome: 'skipped' }),
        cancelled: tasks.series({ agent, outcome: 'cancelled' }),
        retries: taskRetries.series({ agent }),
        duration: taskDuration.series({ agent }),
      };
      this.agents.set(agent, series);
    }
    return series;
  }

  private recordQuality(quality: QualityVerdict): void {
    const domain = quality.domain ?? 'GENERIC';
    let series = this.domains.get(domain);
    if (series === undefined) {
      const { qualityScore, qualityChecks } = this.metrics;
      series = {
        score: qualityScore.series({ domain }),
        pass: qualityChecks.series({ domain, result: 'pass' }),
        fail: qualityChecks.series({ domain, result: 'fail' }),
      };
      this.domains.set(domain, series);
    }
    series.score.observe(quality.score);
    (quality.approved ? series.pass : series.fail).inc();
    for (const issue of quality.issues ?? []) this.metrics.qualityIssues.inc({ domain, issue });
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
