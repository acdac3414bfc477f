import { chatCompletion, LlmError, type ChatCallOptions, type ChatEndpoint, type ChatMessage } from '@a2a-mcp/llm';
import { PlanningError } from '../planner';

/**
 * One chat completion for the planner (JSON mode, temperature 0), through the shared client with its
 * retries on 429, 5xx and an unreachable server. Returns the reply's content; an LlmError becomes the
 * PlanningError of the same code (LLM_HTTP_ERROR with `status`, LLM_TIMEOUT, LLM_BAD_RESPONSE), an
 * aborted call ABORTED.
 */
export async function askLlm(endpoint: ChatEndpoint, messages: readonly ChatMessage[], options: Pick<ChatCallOptions, 'signal' | 'sleep'>): Promise<string> {
  try {
    const completion = await chatCompletion(endpoint, { messages, jsonMode: true, temperature: 0 }, options);
    return completion.content;
  } catch (error) {
    throw error instanceof LlmError ? planningErrorOf(error) : error;
  }
}

function planningErrorOf(error: LlmError): PlanningError {
  if (error.code === 'LLM_ABORTED') return new PlanningError('ABORTED', 'planning was aborted while waiting for the LLM');
  return new PlanningError(error.code, error.message, error.status === undefined ? {} : { status: error.status });
}
