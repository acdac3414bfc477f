import type { PlanTask, QualityDomainName } from '../plan';

/**
 * The overall score a task's result should reach, per quality domain: each domain's headline minimum
 * from the original Python framework. Per-metric thresholds are the quality
 * lib's business; this is what a plan states up front. CREATIVE has no documented default: GENERIC's.
 */
export const DEFAULT_QUALITY_THRESHOLDS: Readonly<Record<QualityDomainName, number>> = {
  GENERIC: 0.7,
  ANALYTICAL: 0.85,
  BUSINESS: 0.75,
  ACADEMIC: 0.7,
  SERVICE: 0.8,
  CREATIVE: 0.7,
};

/** The domain of tasks that name none. */
export const DEFAULT_QUALITY_DOMAIN: QualityDomainName = 'GENERIC';

export type TaskQualityRequirement = {
  domain: QualityDomainName;
  threshold: number;
};

/** A type alias, not an interface, so it is assignable to the plan's free-form `Record<string, unknown>`. */
export type QualityValidationPlan = {
  defaultDomain: QualityDomainName;
  /** Per task id: its domain and minimum score (the task's own `qualityThreshold` when it sets one). */
  tasks: Record<string, TaskQualityRequirement>;
};

export function qualityValidationPlanOf(tasks: readonly PlanTask[]): QualityValidationPlan {
  const entries: [string, TaskQualityRequirement][] = tasks.map((task) => {
    const domain = task.qualityDomain ?? DEFAULT_QUALITY_DOMAIN;
    return [task.id, { domain, threshold: task.qualityThreshold ?? DEFAULT_QUALITY_THRESHOLDS[domain] }];
  });
  // fromEntries keeps any task id, even "__proto__", an own key.
  return { defaultDomain: DEFAULT_QUALITY_DOMAIN, tasks: Object.fromEntries(entries) };
}
