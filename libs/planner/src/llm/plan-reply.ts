import type { Plan } from '../plan';
import { PlanValidationError, type PlanIssue } from '../plan-issue';
import { parsePlanText } from '../parse-plan-json';
import { validatePlan, type KnownAgents } from '../validate-plan';

export type PlanReply = { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[] };

/** A whole reply fenced as ```json … ``` (or plain ```), or the first fenced block in prose. */
const FENCED = /```(?:json)?\s*\n?([\s\S]*?)```/i;

/** Reads the model's reply as plan JSON and checks it with the same validator every plan goes through. */
export function readPlanReply(content: string, knownAgents: KnownAgents): PlanReply {
  const text = FENCED.exec(content)?.[1] ?? content;
  let raw: unknown;
  try {
    raw = parsePlanText(text.trim(), 'LLM reply');
  } catch (error) {
    if (error instanceof PlanValidationError) return { ok: false, issues: error.issues };
    throw error;
  }
  const result = validatePlan(raw, { knownAgents });
  return result.ok ? { ok: true, plan: result.plan } : { ok: false, issues: result.issues };
}
