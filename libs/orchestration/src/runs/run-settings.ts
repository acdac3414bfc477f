import { resolveRunSettings as resolve, type LoadSnapshot, type Plan, type RunOverrides, type RunSettings as PlanRunSettings } from '@a2a-mcp/planner';
import type { OrchestratorConfig } from '../config/orchestrator-config';

export type { RunOverrides } from '@a2a-mcp/planner';

/** The planner's run settings, with the threshold always set (PARALLEL_THRESHOLD is the last default). */
export type RunSettings = PlanRunSettings & { parallelThreshold: number };

/**
 * The CLI's resolution (`resolveRunSettings` of the planner) with the host's configuration as the
 * last default: the ORCHESTRATION_MODE's strategy and PARALLEL_THRESHOLD.
 */
export function resolveRunSettings(
  plan: Plan,
  overrides: RunOverrides,
  config: Pick<OrchestratorConfig, 'mode' | 'defaultStrategy' | 'parallelThreshold'>,
  load: () => LoadSnapshot,
): RunSettings {
  const settings = resolve(
    plan,
    overrides,
    {
      strategy: config.defaultStrategy,
      strategySource: `ORCHESTRATION_MODE=${config.mode} default strategy`,
      requestedBy: 'requested strategy',
      parallelThreshold: config.parallelThreshold,
    },
    load,
  );
  return { ...settings, parallelThreshold: settings.parallelThreshold ?? config.parallelThreshold };
}
