import { Inject, Injectable, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import {
  DependencyRulesError,
  checkRuleNames,
  createBuiltInPlanner,
  dependencyRulesOf,
  type CustomDependencyRules,
  type Plan,
  type Planner,
} from '@a2a-mcp/planner';
import { AgentCatalog } from '../agents/agent-catalog.service';
import { CUSTOM_DEPENDENCIES_FILE_ENV, OrchestratorConfigError, type OrchestratorConfig, type PlannerKind } from '../config/orchestrator-config';
import { ORCHESTRATOR_CONFIG, PLANNER } from '../orchestration.tokens';

/** A plan and the planner that made it. */
export interface PlannedRequest {
  plan: Plan;
  planner: string;
}

/**
 * Turns requests into enriched plans over the catalog's agents. The active planner is the PLANNER
 * plugin when a module provides one, else the configured one (PLANNER=deterministic|llm); a caller
 * may still ask for the built-in `deterministic` or `llm` planner by name. Every planner gets the
 * custom dependency rules of CUSTOM_DEPENDENCIES_FILE.
 */
@Injectable()
export class PlanningService implements OnApplicationBootstrap {
  private readonly planners = new Map<string, Planner>();
  private readonly customDependencies?: CustomDependencyRules;

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    private readonly catalog: AgentCatalog,
    @Optional() @Inject(PLANNER) private readonly plugin?: Planner,
  ) {
    if (config.customDependencyRules !== undefined) this.customDependencies = dependencyRulesOf(config.customDependencyRules);
  }

  /** The agents are registered by now: a rule naming an unknown agent or skill stops the boot, naming the variable. */
  onApplicationBootstrap(): void {
    const rules = this.config.customDependencyRules;
    if (rules === undefined) return;
    try {
      checkRuleNames(rules, this.catalog.cards());
    } catch (error) {
      if (!(error instanceof DependencyRulesError)) throw error;
      const allowed = `rules naming the registered agents and skills; ${error.message}`;
      throw new OrchestratorConfigError([{ variable: CUSTOM_DEPENDENCIES_FILE_ENV, value: rules.path ?? rules.source, allowed }]);
    }
  }

  /** The planner used when a request names none. */
  get activePlannerName(): string {
    return this.plugin?.name ?? this.config.planner;
  }

  async plan(request: string, planner?: PlannerKind, signal?: AbortSignal): Promise<PlannedRequest> {
    const chosen = this.plannerFor(planner);
    const plan = await chosen.plan(request, { agents: this.catalog.cards(), customDependencies: this.customDependencies, signal });
    return { plan, planner: chosen.name };
  }

  private plannerFor(kind: PlannerKind | undefined): Planner {
    if (kind === undefined && this.plugin) return this.plugin;
    const name = kind ?? this.config.planner;
    let planner = this.planners.get(name);
    if (planner === undefined) {
      // The planner lib's choice, as the CLI makes it; `llm` throws LLM_NOT_CONFIGURED (a PlanningError) when its variables are missing.
      planner = createBuiltInPlanner(name, this.config.plannerLlmEnv);
      this.planners.set(name, planner);
    }
    return planner;
  }
}
