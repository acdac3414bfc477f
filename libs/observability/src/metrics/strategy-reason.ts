/** The optimizer's reason codes (the planner's StrategyReasonCode). */
const AUTO_REASONS = new Set(['single_task', 'no_parallelism', 'uniform_levels', 'dependency_driven']);

/**
 * A bounded label for why a run has its strategy. `auto` picks are "auto: <code>: …" and give their
 * code; a strategy named by the plan is `plan`; by the caller (API, CLI) `requested`; by the
 * ORCHESTRATION_MODE default `default`. Anything else is `other`, never the free text.
 */
export function strategyReasonLabel(reason: string): string {
  if (reason.startsWith('auto:')) {
    const rest = reason.slice('auto:'.length).trimStart();
    const code = rest.slice(0, Math.max(0, rest.indexOf(':')));
    return AUTO_REASONS.has(code) ? code : 'other';
  }
  if (reason.startsWith('plan ')) return 'plan';
  if (reason.startsWith('requested')) return 'requested';
  if (reason.startsWith('ORCHESTRATION_MODE=')) return 'default';
  return 'other';
}

/** True for the labels of a choice the auto optimizer made. */
export function isAutoReason(label: string): boolean {
  return AUTO_REASONS.has(label);
}
