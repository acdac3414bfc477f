import { Command } from '@nestjs/cqrs';
import type { PlannerKind } from '../../config/orchestrator-config';
import type { ManagedRun } from '../../runs/managed-run';
import type { RunOverrides } from '../../runs/run-settings';

/** What to run: a plan as it arrived, or a request the planner turns into one first. */
export type RunSource = { plan: unknown } | { request: string; planner?: PlannerKind };

/** Start a run; resolves once the run has started (planning, when asked, is done by then). */
export class RunWorkflowCommand extends Command<ManagedRun> {
  constructor(
    readonly source: RunSource,
    readonly overrides: RunOverrides = {},
    /** The caller's tenant: the run belongs to it (AUTH_MODE apikey|jwt). */
    readonly tenant?: string,
  ) {
    super();
  }
}
