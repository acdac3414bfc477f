import { Inject, Injectable, Optional } from '@nestjs/common';
import { DeterministicPlanner, LlmPlanner, type Plan, type Planner } from '@a2a-mcp/planner';
import { AgentCatalog } from '../agents/agent-catalog.service';
import type { OrchestratorConfig, PlannerKind } from '../config/orchestrator-config';
import { ORCHESTRATOR_CONFIG, PLANNER } from '../orchestration.tokens';

/** A plan and the planner that made it. */
export interface PlannedRequest {
  plan: Plan;
  planner: string;
}

/**
 * Turns requests into enriched plans over the catalog's agents. The active planner is the PLANNER
 * plugin when a module provides one, else the configured one (PLANNER=deterministic|llm); a caller
 * may still ask for the built-in `deterministic` or `llm` planner by name.
 */
@Injectable()
export class PlanningService {
  private readonly planners = new Map<string, Planner>();

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    private readonly catalog: AgentCatalog,
    @Optional() @Inject(PLANNER) private readonly plugin?: Planner,
  ) {}

  /** The planner used when a request names none. */
  get activePlannerName(): string {
    return this.plugin?.name ?? this.config.planner;
  }

  async plan(request: string, planner?: PlannerKind, signal?: AbortSignal): Promise<PlannedRequest> {
    const chosen = this.plannerFor(planner);
    const plan = await chosen.plan(request, { agents: this.catalog.cards(), signal });
    return { plan, planner: chosen.name };
  }

  private plannerFor(kind: PlannerKind | undefined): Planner {
    if (kind === undefined && this.plugin) return this.plugin;
    const name = kind ?? this.config.planner;
    let planner = this.planners.get(name);
    if (planner === undefined) {
      // LlmPlanner.fromEnv throws LLM_NOT_CONFIGURED (a PlanningError) when its variables are missing.
      planner = name === 'llm' ? LlmPlanner.fromEnv(this.config.plannerLlmEnv) : new DeterministicPlanner();
      this.planners.set(name, planner);
    }
    return planner;
  }
}
