import { unfenceJson } from '@a2a-mcp/llm';
import type { Plan } from '../plan';
import { PlanValidationError, type PlanIssue } from '../plan-issue';
import { parsePlanText } from '../parse-plan-json';
import { validatePlan, type KnownAgents } from '../validate-plan';

export type PlanReply = { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[] };

/** Reads the model's reply as plan JSON and checks it with the same validator every plan goes through. */
export function readPlanReply(content: string, knownAgents: KnownAgents): PlanReply {
  let raw: unknown;
  try {
    raw = parsePlanText(unfenceJson(content), 'LLM reply');
  } catch (error) {
    if (error instanceof PlanValidationError) return { ok: false, issues: error.issues };
    throw error;
  }
  const result = validatePlan(raw, { knownAgents });
  return result.ok ? { ok: true, plan: result.plan } : { ok: false, issues: result.issues };
}
