import type { CoordinationStrategy } from '@a2a-mcp/planner';

/** The original framework's `ORCHESTRATION_MODE`: its master orchestrators, as configuration of one host. */
export const ORCHESTRATION_MODES = ['basic', 'enhanced', 'parallel'] as const;
export type OrchestrationMode = (typeof ORCHESTRATION_MODES)[number];

/** What a mode turns on when the matching ENABLE_* variable is not set. */
export interface ModeDefaults {
  /** Strategy of a run whose request and plan name none. */
  strategy: Extract<CoordinationStrategy, 'sequential' | 'parallel' | 'auto'>;
  qualityValidation: boolean;
  /** PHASE 7 streaming: `task_progress` and `artifact` events on the SSE stream. */
  streaming: boolean;
  observability: boolean;
}

/**
 * The mode table (the original framework's `create_v2_orchestrator`):
 *
 * | mode       | default strategy                             | quality | streaming | observability |
 * | ---------- | -------------------------------------------- | ------- | --------- | ------------- |
 * | `basic`    | `sequential` (LightweightMasterOrchestrator) | off     | off       | off           |
 * | `enhanced` | `auto`: optimizer + live LoadMonitor load    | on      | on        | on            |
 * | `parallel` | `parallel`, levels ≥ PARALLEL_THRESHOLD      | on      | on        | on            |
 *
 * An explicit ENABLE_QUALITY_VALIDATION / ENABLE_PHASE_7_STREAMING / ENABLE_OBSERVABILITY wins over
 * the mode's default, either way. With streaming off the SSE stream still carries every lifecycle event.
 */
export const MODE_DEFAULTS: Readonly<Record<OrchestrationMode, ModeDefaults>> = {
  basic: { strategy: 'sequential', qualityValidation: false, streaming: false, observability: false },
  enhanced: { strategy: 'auto', qualityValidation: true, streaming: true, observability: true },
  parallel: { strategy: 'parallel', qualityValidation: true, streaming: true, observability: true },
};
