import { LlmError } from '../llm-error';

/** Tokens the server counted for one call (`usage` of the chat completion). */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ChatReply {
  content: string;
  /** The reply's `model` (servers name the exact version), when it had one. */
  model?: string;
  usage?: TokenUsage;
}

/** How much of a body goes into a message: enough to see the server's reason. */
const BODY_EXCERPT = 200;

/** Reads a 2xx body as a chat completion: `choices[0].message.content`, plus `model` and `usage` when present. */
export function readChatReply(text: string, url: string): ChatReply {
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch {
    throw badResponse(url, `not JSON: ${excerpt(text)}`);
  }
  const choices = isRecord(reply) ? reply.choices : undefined;
  const first: unknown = Array.isArray(choices) ? choices[0] : undefined;
  const message = isRecord(first) ? first.message : undefined;
  const content = isRecord(message) ? message.content : undefined;
  if (typeof content !== 'string') throw badResponse(url, `no choices[0].message.content in ${excerpt(text)}`);
  const result: ChatReply = { content };
  const body = reply as Record<string, unknown>;
  if (typeof body.model === 'string' && body.model.length > 0) result.model = body.model;
  const usage = usageOf(body.usage);
  if (usage) result.usage = usage;
  return result;
}

/** `usage` as the OpenAI API reports it; a server that reports none (or half of it) gets none. */
function usageOf(raw: unknown): TokenUsage | undefined {
  if (!isRecord(raw)) return undefined;
  const { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total } = raw;
  if (!isCount(prompt) || !isCount(completion)) return undefined;
  return { promptTokens: prompt, completionTokens: completion, totalTokens: isCount(total) ? total : prompt + completion };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function badResponse(url: string, why: string): LlmError {
  return new LlmError('LLM_BAD_RESPONSE', `the LLM at ${url} sent a reply that is not a chat completion: ${why}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A body flattened to one line and cut, for messages. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length === 0) return '(empty body)';
  return flat.length > BODY_EXCERPT ? `${flat.slice(0, BODY_EXCERPT)}…` : flat;
}
