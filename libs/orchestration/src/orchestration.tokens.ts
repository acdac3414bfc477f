/**
 * Injection tokens of the host's plugin points. A plugin module provides one (globally) and the core
 * picks it up; without one the core uses its default. See libs/orchestration/README.md.
 */

/** The validated `OrchestratorConfig`. */
export const ORCHESTRATOR_CONFIG = Symbol.for('a2a-mcp:orchestrator-config');

/** A `Planner` (planner lib) replacing the configured one (PLANNER=deterministic|llm). */
export const PLANNER = Symbol.for('a2a-mcp:planner');

/** A `QualityScorerFactory` replacing the default scorer built with the quality lib. */
export const QUALITY_SCORER_FACTORY = Symbol.for('a2a-mcp:quality-scorer-factory');

/** A `RunStore` replacing the in-memory default; it appends each event before it is published. */
export const RUN_STORE = Symbol.for('a2a-mcp:run-store');
