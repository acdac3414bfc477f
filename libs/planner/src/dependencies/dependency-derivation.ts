import type { PlanRisk } from '../plan';
import type { CustomDependencyRules } from '../planner';
import { applyCustomDependencies, type RuleSubject } from './custom-dependencies';
import { dependsOn, hasForwardEdge } from './reachability';

/** A matched step, in request order, with what its skill consumes and produces. */
export interface DraftTask extends RuleSubject {
  readonly consumes: readonly string[];
  readonly produces: readonly string[];
  /** Earlier tasks the step names ("from the analysis"). */
  readonly referenced: readonly number[];
  /** The task before the step's clause, when the request sequences the step ("then …"). */
  readonly sequencedAfter?: number;
}

export interface DerivedDependencies {
  /** Per task, the indices of the tasks it depends on, ascending. */
  dependencies: number[][];
  risks: PlanRisk[];
}

/**
 * The dependency rule of the deterministic planner, in order of strength:
 * 1. Data flow: for each kind of data a task's skill consumes, the latest earlier task whose skill
 *    produces it.
 * 2. References the request makes ("from the analysis and the data"): the tasks named.
 * 3. Custom rules (`applyCustomDependencies`), which only add.
 * 4. Sequencing cues ("then", "next", "finally", "… it"): the task before the step's clause, but only
 *    when 1 to 3 gave the task nothing, and never against them (a cue that would close a cycle is
 *    dropped). Data flow is better evidence of what a task needs than word order, so "charge the card,
 *    print a label, then email the customer" has the email wait for the payment it reports on, not
 *    for the label it does not use.
 * 1, 2 and 4 only point at earlier tasks; 3 and 4 check for cycles. Duplicates are merged.
 * A consumed kind that only a later task produces is a medium risk: the task runs without it.
 */
export function deriveDependencies(drafts: readonly DraftTask[], rules?: CustomDependencyRules): DerivedDependencies {
  const risks: PlanRisk[] = [];
  const dependencies = drafts.map(() => new Set<number>());
  const latestProducer = new Map<string, number>();
  const unmet: { task: number; kind: string }[] = [];
  drafts.forEach((draft, index) => {
    const deps = dependencies[index];
    for (const kind of draft.consumes) {
      const producer = latestProducer.get(kind);
      if (producer !== undefined) deps.add(producer);
      else unmet.push({ task: index, kind });
    }
    for (const referenced of draft.referenced) if (referenced < index) deps.add(referenced);
    for (const kind of draft.produces) latestProducer.set(kind, index);
  });
  risks.push(...laterProducerRisks(drafts, unmet));
  applyCustomDependencies(drafts, dependencies, rules, risks);
  addSequencingCues(drafts, dependencies);
  return { dependencies: dependencies.map((deps) => [...deps].sort((a, b) => a - b)), risks };
}

function addSequencingCues(drafts: readonly DraftTask[], dependencies: Set<number>[]): void {
  const mayCycle = hasForwardEdge(dependencies);
  drafts.forEach((draft, index) => {
    const after = draft.sequencedAfter;
    if (after === undefined || after >= index || dependencies[index].size > 0) return;
    if (mayCycle && dependsOn(dependencies, after, index)) return;
    dependencies[index].add(after);
  });
}

function laterProducerRisks(drafts: readonly DraftTask[], unmet: readonly { task: number; kind: string }[]): PlanRisk[] {
  if (unmet.length === 0) return [];
  const firstProducer = new Map<string, number>();
  drafts.forEach((draft, index) => {
    for (const kind of draft.produces) if (!firstProducer.has(kind)) firstProducer.set(kind, index);
  });
  const risks: PlanRisk[] = [];
  for (const { task, kind } of unmet) {
    const producer = firstProducer.get(kind);
    if (producer === undefined || producer <= task) continue;
    const { id } = drafts[task];
    risks.push({
      description: `task "${id}" needs ${kind}, which only the later task "${drafts[producer].id}" produces`,
      severity: 'medium',
      taskId: id,
      mitigation: `list the step of "${drafts[producer].id}" first, or add a custom dependency rule`,
    });
  }
  return risks;
}
