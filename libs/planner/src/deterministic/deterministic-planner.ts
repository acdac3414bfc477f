import type { AgentSkill } from '@a2a-mcp/agents';
import { deriveDependencies, type DraftTask } from '../dependencies/dependency-derivation';
import { QUALITY_DOMAINS, type Plan, type PlanRisk, type PlanTask, type QualityDomainName } from '../plan';
import { PlanningError, quoteRequest, throwIfAborted, type Planner, type PlanningContext } from '../planner';
import { finishPlan } from '../planning/finish-plan';
import { orderNumberIn } from './order-number';
import { splitRequest, type RequestStep } from './request-steps';
import { MIN_MATCH_SCORE, SkillMatcher, type SkillEntry } from './skill-matcher';
import { TaskIdAllocator } from './task-ids';

/** A reference only has to single out one of the earlier tasks, not a skill among all: half a match will do. */
const MIN_REFERENCE_SCORE = MIN_MATCH_SCORE / 2;

/** A step bound to the skill that does it. */
interface MatchedStep {
  readonly step: RequestStep;
  readonly entry: SkillEntry;
  readonly draft: DraftTask;
}

/**
 * Plans without an LLM: splits the request into steps (`splitRequest`), matches each step to the best
 * skill of the context's agents (`SkillMatcher`) and derives dependencies from what the skills consume
 * and produce, the request's references and cues, and the custom rules (`deriveDependencies`).
 * A step no skill matches becomes a high-severity risk; a request where no step matches is
 * NO_MATCHING_AGENT. Deterministic: the same request and agents give the same plan.
 */
export class DeterministicPlanner implements Planner {
  readonly name = 'deterministic';

  async plan(request: string, context: PlanningContext): Promise<Plan> {
    throwIfAborted(context.signal);
    if (typeof request !== 'string' || request.trim().length === 0) {
      throw new PlanningError('EMPTY_REQUEST', 'the request is empty: say what should be done');
    }
    const matcher = new SkillMatcher(context.agents);
    if (matcher.skills.length === 0) {
      throw new PlanningError('NO_AGENTS', 'no agent skills to plan with: register at least one agent with a skill');
    }

    const { steps, context: leadIns } = splitRequest(request, (left, right) => isTwoSteps(matcher, left, right));
    const requestOrder = orderNumberIn(request);
    const risks: PlanRisk[] = [];
    const matched = matchSteps(steps, matcher, risks);
    if (matched.length === 0) {
      const asked = steps.length > 0 ? '' : ` (only context: ${leadIns.join('; ')})`;
      throw new PlanningError('NO_MATCHING_AGENT', `no agent can do any step of the request ${quoteRequest(request)}${asked}`);
    }
    throwIfAborted(context.signal);

    const derived = deriveDependencies(
      matched.map((m) => m.draft),
      context.customDependencies,
    );
    const tasks = matched.map(({ step, entry, draft }, index): PlanTask => {
      const orderId = orderNumberIn(step.text) ?? requestOrder;
      const task: PlanTask = {
        id: draft.id,
        description: step.text,
        agent: entry.agent.name,
        dependencies: derived.dependencies[index].map((dep) => matched[dep].draft.id),
        input: taskInputOf(entry.skill, orderId),
      };
      const domain = qualityDomainOf(entry.skill);
      if (domain !== undefined) task.qualityDomain = domain;
      const duration = entry.skill.metadata?.expectedDurationMs;
      if (typeof duration === 'number' && Number.isFinite(duration) && duration >= 0) task.estimatedDuration = duration;
      return task;
    });
    return finishPlan({ request, tasks, risks: [...risks, ...derived.risks] }, context.agents);
  }
}

/**
 * Whether "left and right" asks for two things: the halves need two different skills ("email and text
 * the customer"), or one half matches and the other reads like a step of its own, two words or more
 * ("charge the card and book a hotel", so the hotel becomes a risk instead of vanishing). One unknown
 * word is taken as part of the object ("process the data and metadata").
 */
function isTwoSteps(matcher: SkillMatcher, left: string, right: string): boolean {
  const a = matcher.best(left);
  const b = matcher.best(right);
  if (a !== undefined && b !== undefined) return a.entry !== b.entry;
  if (a === undefined && b === undefined) return false;
  const unmatched = a === undefined ? left : right;
  return unmatched.trim().split(/\s+/).length >= 2;
}

/** Binds each step to its best skill, resolving references and cues to earlier tasks. */
function matchSteps(steps: readonly RequestStep[], matcher: SkillMatcher, risks: PlanRisk[]): MatchedStep[] {
  const ids = new TaskIdAllocator();
  const matched: MatchedStep[] = [];
  const latestTaskOfSkill = new Map<number, number>();
  let clause = -1;
  let lastTaskBeforeClause: number | undefined;
  for (const step of steps) {
    if (step.clause !== clause) {
      clause = step.clause;
      lastTaskBeforeClause = matched.length > 0 ? matched.length - 1 : undefined;
    }
    let match = matcher.best(step.action);
    let references = step.references;
    // "Remove duplicates from the raw data": the tail was the object, not a reference.
    if (match === undefined && step.action !== step.text) {
      match = matcher.best(step.text);
      references = [];
    }
    if (match === undefined) {
      risks.push({ description: `no agent can do: "${step.text}"`, severity: 'high' });
      continue;
    }
    const { entry } = match;
    const metadata = entry.skill.metadata;
    matched.push({
      step,
      entry,
      draft: {
        id: ids.next(entry.agent.name),
        agent: entry.agent.name,
        skillId: entry.skill.id,
        consumes: stringList(metadata?.consumes),
        produces: stringList(metadata?.produces),
        referenced: references.flatMap((phrase) => referencedTask(phrase, matcher, latestTaskOfSkill)),
        sequencedAfter: step.sequenced ? lastTaskBeforeClause : undefined,
      },
    });
    latestTaskOfSkill.set(entry.position, matched.length - 1);
  }
  return matched;
}

/**
 * The earlier task a phrase such as "the analysis" names: the phrase names the skill it scores best on
 * (ties: the one used last) and refers to that skill's latest earlier task. A phrase that names no
 * earlier task, or names nothing clearly ("from the warehouse"), is input, not a reference.
 */
function referencedTask(phrase: string, matcher: SkillMatcher, latestTaskOfSkill: ReadonlyMap<number, number>): number[] {
  const ranked = matcher.ranked(phrase);
  const top = ranked[0]?.score ?? 0;
  if (top < MIN_REFERENCE_SCORE) return [];
  let latest: number | undefined;
  for (const { entry, score } of ranked) {
    if (score < top) break;
    const task = latestTaskOfSkill.get(entry.position);
    if (task !== undefined && (latest === undefined || task > latest)) latest = task;
  }
  return latest === undefined ? [] : [latest];
}

/**
 * The order number the step or request names, and — when the agent picks its skill by `input.tool`
 * (an MCP server's tools) — the matched skill's id, so the task calls the tool the step was matched to.
 */
function taskInputOf(skill: AgentSkill, orderId: string | undefined): Record<string, unknown> {
  const input: Record<string, unknown> = orderId === undefined ? {} : { orderId };
  if (skill.metadata?.selectWith === 'tool') input.tool = skill.id;
  return input;
}

function qualityDomainOf(skill: AgentSkill): QualityDomainName | undefined {
  const domain = skill.metadata?.qualityDomain?.toUpperCase();
  return QUALITY_DOMAINS.find((known) => known === domain);
}

/** Skill metadata comes from remote cards too: keep only string entries. */
function stringList(value: readonly unknown[] | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
