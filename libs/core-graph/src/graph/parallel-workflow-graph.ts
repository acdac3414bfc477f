import type { StrategyName } from '../events/workflow-event';
import { topologicalLevels } from './dag';
import { DynamicWorkflowGraph } from './dynamic-workflow-graph';

export const DEFAULT_PARALLEL_THRESHOLD = 3;

/**
 * The original Python framework's `ParallelWorkflowGraph`: runs level by level, and a level runs
 * concurrently only when it has at least `parallelThreshold` tasks.
 */
export class ParallelWorkflowGraph extends DynamicWorkflowGraph {
  override readonly defaultStrategy: StrategyName = 'parallel';
  parallelThreshold = DEFAULT_PARALLEL_THRESHOLD;

  withParallelThreshold(threshold: number): this {
    if (!Number.isInteger(threshold) || threshold < 1) {
      throw new RangeError(`parallelThreshold must be an integer >= 1, got ${threshold}`);
    }
    this.parallelThreshold = threshold;
    return this;
  }

  /** Levels of independent tasks: level k needs only tasks of levels < k. */
  identifyParallelTasks(): string[][] {
    return topologicalLevels(this);
  }
}
