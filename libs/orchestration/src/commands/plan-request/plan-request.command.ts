import { Command } from '@nestjs/cqrs';
import type { PlannerKind } from '../../config/orchestrator-config';
import type { PlannedRequest } from '../../planning/planning.service';

/** Turn a request into an enriched plan (without running it). */
export class PlanRequestCommand extends Command<PlannedRequest> {
  constructor(
    readonly request: string,
    /** A built-in planner by name; default the active one (PLANNER plugin, else PLANNER=...). */
    readonly planner?: PlannerKind,
  ) {
    super();
  }
}
