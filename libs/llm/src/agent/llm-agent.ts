import type { Agent, AgentCard } from '@a2a-mcp/agents';
import { TaskError, type TaskContext, type TaskRequest } from '@a2a-mcp/core-graph';
import { compileOutputSchema, type OutputValidator } from '@a2a-mcp/quality';
import { chatCompletion, type ChatCompletion } from '../client/chat-completion';
import { DEFAULT_LLM_TIMEOUT_MS, DEFAULT_RETRY_POLICY, chatCompletionsUrl, type ChatEndpoint } from '../client/chat-endpoint';
import { LlmError } from '../llm-error';
import { systemMessage, taskMessages } from './agent-prompt';
import { readJsonReply } from './json-reply';
import { llmAgentCard } from './llm-agent-card';
import { API_KEY_ENV_RULE, ENV_VAR_NAME, MAX_LLM_ATTEMPTS, USAGE_KEY, type LlmAgentConfig } from './llm-agent-config';

/** What the agent needs from its surroundings. */
export interface LlmAgentDependencies {
  /** Where `endpoint.apiKeyEnv` is read (once, at construction); default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Default the global fetch; a host may pass a guarded one. */
  fetch?: typeof fetch;
}

/** Token usage of the call that produced an output, under the output's `usage` key. */
export interface LlmUsage {
  /** The model that answered (the server's name for it, e.g. with its version). */
  model: string;
  /** Absent when the server reported no usage. */
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
}

/** An LLM agent's output: the model's JSON object (valid for the output schema) plus `usage`. */
export type LlmAgentOutput = Record<string, unknown> & { usage: LlmUsage };

/**
 * An agent answered by a model behind an OpenAI-compatible chat-completions API. Each task is one
 * completion: the system prompt with the output schema, then the task (description, input, dependency
 * outputs) as JSON. The reply must be a JSON object valid for the schema. Failures are TaskErrors:
 * LLM_BAD_REPLY (not JSON or not valid; retryable: a new attempt may answer better), LLM_UNAVAILABLE
 * (429, 5xx or unreachable after the client's retries; retryable), LLM_TIMEOUT (retryable),
 * LLM_REQUEST_REJECTED (another 4xx: a wrong key, model or URL; not retryable), LLM_BAD_RESPONSE
 * (a 2xx that is not a chat completion; retryable).
 */
export class LlmAgent implements Agent {
  readonly card: AgentCard;
  private readonly endpoint: ChatEndpoint;
  private readonly validate: OutputValidator;
  private readonly system: string;
  private readonly jsonMode: boolean;
  private readonly temperature: number | undefined;
  /** `model@host`, for TaskContext.servedBy. */
  private readonly where: string;

  /** Throws LlmError LLM_NOT_CONFIGURED naming the agent and the setting (an unset key variable included). */
  constructor(config: LlmAgentConfig, dependencies: LlmAgentDependencies = {}) {
    const name = config.name;
    const fail = (detail: string): never => {
      throw new LlmError('LLM_NOT_CONFIGURED', `LLM agent "${name}": ${detail}`);
    };
    const { endpoint } = config;
    const model = endpoint.model?.trim();
    if (!model) fail('endpoint.model is required');
    let url = '';
    try {
      url = chatCompletionsUrl(endpoint.url ?? '', 'endpoint.url');
    } catch (error) {
      fail((error as Error).message);
    }
    const timeoutMs = endpoint.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) fail(`endpoint.timeoutMs must be a positive whole number of ms, got ${timeoutMs}`);
    const maxAttempts = endpoint.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_LLM_ATTEMPTS) {
      fail(`endpoint.maxAttempts must be a whole number from 1 to ${MAX_LLM_ATTEMPTS}, got ${maxAttempts}`);
    }
    const fetchFunction = dependencies.fetch ?? globalThis.fetch;
    if (typeof fetchFunction !== 'function') fail('no fetch available');
    this.endpoint = {
      url,
      model: model as string,
      timeoutMs,
      fetch: fetchFunction,
      retry: { ...DEFAULT_RETRY_POLICY, maxAttempts },
    };
    const apiKey = readApiKey(endpoint.apiKeyEnv, dependencies.env ?? process.env, fail);
    if (apiKey !== undefined) this.endpoint.apiKey = apiKey;
    try {
      this.validate = compileOutputSchema(config.outputSchema);
    } catch (error) {
      throw new LlmError('LLM_NOT_CONFIGURED', `LLM agent "${name}": outputSchema: ${(error as Error).message}`);
    }
    this.card = llmAgentCard(config);
    this.system = systemMessage(config.systemPrompt, JSON.stringify(config.outputSchema));
    this.jsonMode = endpoint.jsonMode ?? true;
    this.temperature = endpoint.temperature;
    this.where = `${this.endpoint.model}@${new URL(url).host}`;
  }

  /** The chat-completions URL the agent posts to. */
  get url(): string {
    return this.endpoint.url;
  }

  async execute(task: TaskRequest, ctx: TaskContext): Promise<LlmAgentOutput> {
    if (ctx.signal.aborted) throw cancelled(ctx.signal);
    ctx.servedBy?.(this.where);
    let completion: ChatCompletion;
    try {
      completion = await chatCompletion(
        this.endpoint,
        { messages: taskMessages(this.system, task), jsonMode: this.jsonMode, ...(this.temperature === undefined ? {} : { temperature: this.temperature }) },
        {
          signal: ctx.signal,
          // The run's clock: the engine's timeouts and a test's virtual clock see the waits.
          sleep: (ms) => ctx.sleep(ms),
          onRetry: (retry) => ctx.progress(0, `${this.where}: ${retry.reason}, trying again in ${retry.delayMs} ms`),
        },
      );
    } catch (error) {
      throw this.taskError(error, task, ctx.signal);
    }
    const reply = readJsonReply(completion.content, this.validate);
    if (!reply.ok) {
      throw new TaskError('LLM_BAD_REPLY', `LLM agent "${this.card.name}" answered task "${task.taskId}" with ${reply.problem}`, true);
    }
    return { ...reply.value, [USAGE_KEY]: usageOf(completion) } as LlmAgentOutput;
  }

  private taskError(error: unknown, task: TaskRequest, signal: AbortSignal): Error {
    if (!(error instanceof LlmError)) return error instanceof Error ? error : new Error(String(error));
    if (error.code === 'LLM_ABORTED') return cancelled(signal);
    const message = `LLM agent "${this.card.name}", task "${task.taskId}": ${error.message}`;
    if (error.code === 'LLM_HTTP_ERROR') {
      return error.transient ? new TaskError('LLM_UNAVAILABLE', message, true) : new TaskError('LLM_REQUEST_REJECTED', message, false);
    }
    return new TaskError(error.code, message, true);
  }
}

function readApiKey(variable: string | undefined, env: Readonly<Record<string, string | undefined>>, fail: (detail: string) => never): string | undefined {
  if (variable === undefined) return undefined;
  // The value is not quoted back: when it is not a variable's name, it may be the key itself.
  if (!ENV_VAR_NAME.test(variable)) fail(API_KEY_ENV_RULE);
  const key = env[variable]?.trim();
  if (!key) fail(`the environment variable ${variable} (endpoint.apiKeyEnv) is not set: it must hold the API key`);
  return key;
}

function usageOf(completion: ChatCompletion): LlmUsage {
  return completion.usage ? { model: completion.model, ...completion.usage } : { model: completion.model };
}

/** What the engine expects from an aborted attempt: the reason it aborted with. */
function cancelled(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new TaskError('TASK_CANCELLED', 'the attempt was cancelled', false);
}
