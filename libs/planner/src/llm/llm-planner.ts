import { DEFAULT_RETRY_POLICY, MAX_LLM_ATTEMPTS, type ChatCallOptions, type ChatEndpoint, type ChatMessage } from '@a2a-mcp/llm';
import type { Plan } from '../plan';
import { PlanningError, quoteRequest, throwIfAborted, type Planner, type PlanningContext } from '../planner';
import { finishPlan } from '../planning/finish-plan';
import { askLlm } from './ask-llm';
import { completePlan } from './complete-plan';
import {
  DEFAULT_LLM_TIMEOUT_MS,
  chatCompletionsUrl,
  llmOptionsFromEnv,
  positiveInteger,
  type Environment,
  type LlmPlannerOptions,
} from './llm-config';
import { repairPrompt, systemPrompt } from './plan-prompt';
import { readPlanReply } from './plan-reply';

/** How many issues an LLM_INVALID_PLAN message spells out; the error's `issues` has them all. */
const ISSUES_IN_MESSAGE = 3;

/**
 * Plans through an OpenAI-compatible chat-completions endpoint. The system message carries the agent
 * cards and the plan JSON shape, the user message the request. The reply is validated like any plan;
 * an invalid one (or one that is not JSON) gets one repair round with the issues, and a second
 * invalid reply is LLM_INVALID_PLAN. Returns the enriched plan, as every planner does.
 */
export class LlmPlanner implements Planner {
  readonly name = 'llm';
  private readonly endpoint: ChatEndpoint;
  private readonly sleep: ChatCallOptions['sleep'];

  constructor(options: LlmPlannerOptions) {
    const model = options.model?.trim();
    if (!model) throw new PlanningError('LLM_NOT_CONFIGURED', 'LLM planner: model is required');
    const timeoutMs = options.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
    const fetchFunction = options.fetch ?? globalThis.fetch;
    if (typeof fetchFunction !== 'function') throw new PlanningError('LLM_NOT_CONFIGURED', 'LLM planner: no fetch available');
    const maxAttempts = options.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_LLM_ATTEMPTS) {
      throw new PlanningError('LLM_NOT_CONFIGURED', `LLM planner: maxAttempts must be a whole number from 1 to ${MAX_LLM_ATTEMPTS}, got ${maxAttempts}`);
    }
    this.endpoint = {
      url: chatCompletionsUrl(options.url ?? ''),
      model,
      apiKey: options.apiKey,
      timeoutMs: positiveInteger(String(timeoutMs), 'timeoutMs'),
      fetch: fetchFunction,
      retry: { ...DEFAULT_RETRY_POLICY, maxAttempts },
    };
    this.sleep = options.sleep;
  }

  /**
   * From PLANNER_LLM_URL (API base or full …/chat/completions URL), PLANNER_LLM_MODEL,
   * PLANNER_LLM_API_KEY (optional) and PLANNER_LLM_TIMEOUT_MS (optional, ms). A missing or malformed
   * variable is LLM_NOT_CONFIGURED naming it.
   */
  static fromEnv(env: Environment = process.env, extra: Pick<LlmPlannerOptions, 'fetch' | 'sleep'> = {}): LlmPlanner {
    return new LlmPlanner({ ...llmOptionsFromEnv(env), ...extra });
  }

  /** Where the planner posts: the resolved chat-completions URL. */
  get url(): string {
    return this.endpoint.url;
  }

  async plan(request: string, context: PlanningContext): Promise<Plan> {
    throwIfAborted(context.signal);
    if (typeof request !== 'string' || request.trim().length === 0) {
      throw new PlanningError('EMPTY_REQUEST', 'the request is empty: say what should be done');
    }
    if (context.agents.length === 0) throw new PlanningError('NO_AGENTS', 'no agents to plan with: register at least one');
    const knownAgents = context.agents.map((agent) => agent.name);

    const messages: ChatMessage[] = [
      { role: 'system', content: systemPrompt(context.agents) },
      { role: 'user', content: request },
    ];
    const call = { signal: context.signal, sleep: this.sleep };
    const first = await askLlm(this.endpoint, messages, call);
    let reply = readPlanReply(first, knownAgents);
    if (!reply.ok) {
      messages.push({ role: 'assistant', content: first }, { role: 'user', content: repairPrompt(reply.issues) });
      reply = readPlanReply(await askLlm(this.endpoint, messages, call), knownAgents);
      if (!reply.ok) throw invalidPlan(request, reply.issues);
    }
    const completed = completePlan(reply.plan, context.agents, context.customDependencies);
    return finishPlan({ ...completed, request: completed.request ?? request }, context.agents);
  }
}

function invalidPlan(request: string, issues: NonNullable<PlanningError['issues']>): PlanningError {
  const shown = issues.slice(0, ISSUES_IN_MESSAGE).map((issue) => issue.message).join('; ');
  const more = issues.length > ISSUES_IN_MESSAGE ? ` (and ${issues.length - ISSUES_IN_MESSAGE} more)` : '';
  return new PlanningError(
    'LLM_INVALID_PLAN',
    `the LLM's plan for ${quoteRequest(request)} is still invalid after one repair: ${shown}${more}`,
    { issues },
  );
}
