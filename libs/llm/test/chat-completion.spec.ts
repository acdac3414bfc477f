import { startFakeLlm, type FakeLlm, type FakeReply } from '../src/testing';
import { chatCompletion, chatCompletionsUrl, LlmError, MAX_LLM_RETRY_DELAY_MS, type ChatCallOptions, type ChatEndpoint, type ChatRetry } from '../src';
import { recordedSleep, rejectionOf } from './support/recorded-sleep';

const MESSAGES = [
  { role: 'system' as const, content: 'Answer in JSON.' },
  { role: 'user' as const, content: 'Say hi.' },
];
const USAGE = { prompt_tokens: 31, completion_tokens: 7, total_tokens: 38 };

let fake: FakeLlm | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function serve(replies: FakeReply[]): Promise<FakeLlm> {
  fake = await startFakeLlm((call) => replies[Math.min(call, replies.length - 1)]);
  return fake;
}

function endpointOf(server: FakeLlm, extra: Partial<ChatEndpoint> = {}): ChatEndpoint {
  return { url: chatCompletionsUrl(server.baseUrl), model: 'test-model', apiKey: 'sk-test', timeoutMs: 10_000, fetch, ...extra };
}

/** Calls with a recording sleep and no jitter, so the backoffs asked for are exact. */
function call(endpoint: ChatEndpoint, options: ChatCallOptions = {}) {
  const recorded = recordedSleep();
  const retries: ChatRetry[] = [];
  const promise = chatCompletion(endpoint, { messages: MESSAGES }, { sleep: recorded.sleep, random: () => 0, onRetry: (retry) => retries.push(retry), ...options });
  return { promise, sleeps: recorded.sleeps, retries };
}

describe('chatCompletion', () => {
  it('posts the model, messages, JSON mode and key, and returns the content, the model and the token usage', async () => {
    const server = await serve([{ content: '{"greeting":"hi"}', usage: USAGE, model: 'test-model-2024-08-06' }]);
    const completion = await chatCompletion(endpointOf(server), { messages: MESSAGES, temperature: 0.2 });

    expect(completion).toEqual({
      content: '{"greeting":"hi"}',
      model: 'test-model-2024-08-06',
      usage: { promptTokens: 31, completionTokens: 7, totalTokens: 38 },
      attempts: 1,
    });
    const [received] = server.requests;
    expect(received.path).toBe('/v1/chat/completions');
    expect(received.headers.authorization).toBe('Bearer sk-test');
    expect(received.body).toEqual({ model: 'test-model', messages: MESSAGES, response_format: { type: 'json_object' }, temperature: 0.2 });
  });

  it('leaves out response_format with jsonMode false, temperature when not given, and usage when the server reports none', async () => {
    const server = await serve([{ content: 'hi' }]);
    const completion = await chatCompletion(endpointOf(server, { apiKey: undefined }), { messages: MESSAGES, jsonMode: false });
    expect(completion).toEqual({ content: 'hi', model: 'test-model', attempts: 1 });
    expect(server.requests[0].body).toEqual({ model: 'test-model', messages: MESSAGES });
    expect(server.requests[0].headers.authorization).toBeUndefined();
  });

  it('waits the Retry-After seconds after a 429, then succeeds', async () => {
    const server = await serve([{ status: 429, headers: { 'retry-after': '2' }, rawBody: '{"error":"rate limited"}' }, { content: 'ok', usage: USAGE }]);
    const { promise, sleeps, retries } = call(endpointOf(server));
    const completion = await promise;
    expect(completion).toMatchObject({ content: 'ok', attempts: 2 });
    expect(sleeps).toEqual([2000]);
    expect(retries).toEqual([{ attempt: 1, delayMs: 2000, reason: 'HTTP 429', status: 429 }]);
    expect(server.requests).toHaveLength(2);
  });

  it('reads a Retry-After date and retry-after-ms, and caps what the server asks for', async () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    const server = await serve([
      { status: 503, headers: { 'retry-after': 'Tue, 01 Jan 2030 00:00:05 GMT' } },
      { status: 429, headers: { 'retry-after-ms': '1500', 'retry-after': '9' } },
      { status: 429, headers: { 'retry-after': '3600' } },
      { content: 'ok' },
    ]);
    const { promise, sleeps } = call(endpointOf(server, { retry: { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: MAX_LLM_RETRY_DELAY_MS } }), { now: () => now });
    expect((await promise).attempts).toBe(4);
    expect(sleeps).toEqual([5000, 1500, MAX_LLM_RETRY_DELAY_MS]);
  });

  it('backs off exponentially without Retry-After and gives up after maxAttempts with LLM_HTTP_ERROR', async () => {
    const server = await serve([{ status: 503, rawBody: '{"error":{"message":"model overloaded"}}' }]);
    const { promise, sleeps, retries } = call(endpointOf(server));
    const error = await rejectionOf(promise, LlmError);
    expect(error).toMatchObject({ code: 'LLM_HTTP_ERROR', status: 503, attempts: 3, transient: true });
    expect(error.message).toContain('HTTP 503');
    expect(error.message).toContain('model overloaded');
    expect(error.message).toContain('gave up after 3 attempts');
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]);
    expect(retries.map((retry) => retry.attempt)).toEqual([1, 2]);
  });

  it('jitters the backoff down by at most half', async () => {
    const server = await serve([{ status: 500 }]);
    const { promise, sleeps } = call(endpointOf(server), { random: () => 0.999 });
    await rejectionOf(promise, LlmError);
    expect(sleeps).toEqual([250, 500]);
  });

  it('does not retry a 400: LLM_HTTP_ERROR, not transient, one call', async () => {
    const server = await serve([{ status: 400, rawBody: '{"error":{"message":"unknown model"}}' }]);
    const { promise, sleeps } = call(endpointOf(server));
    const error = await rejectionOf(promise, LlmError);
    expect(error).toMatchObject({ code: 'LLM_HTTP_ERROR', status: 400, attempts: 1, transient: false });
    expect(error.message).toContain('unknown model');
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a dropped connection', async () => {
    const server = await serve([{ drop: true }, { content: 'ok' }]);
    const { promise, retries } = call(endpointOf(server));
    expect((await promise).content).toBe('ok');
    expect(retries[0].reason).toMatch(/^unreachable/);
    expect(retries[0].status).toBeUndefined();
  });

  it('retries an unreachable server, then says it could not reach it', async () => {
    const server = await serve([{ content: 'ok' }]);
    const endpoint = endpointOf(server);
    await server.close();
    fake = undefined;
    const { promise, sleeps } = call(endpoint);
    const error = await rejectionOf(promise, LlmError);
    expect(error).toMatchObject({ code: 'LLM_HTTP_ERROR', attempts: 3, transient: true });
    expect(error.message).toContain('could not reach');
    expect(error.status).toBeUndefined();
    expect(sleeps).toHaveLength(2);
  });

  it('fails with LLM_TIMEOUT, not retried, when the server is slower than timeoutMs', async () => {
    const server = await serve([{ content: 'late', delayMs: 5_000 }]);
    const { promise, sleeps } = call(endpointOf(server, { timeoutMs: 100 }));
    const error = await rejectionOf(promise, LlmError);
    expect(error.code).toBe('LLM_TIMEOUT');
    expect(error.message).toContain('100 ms');
    expect(sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('fails with LLM_BAD_RESPONSE, not retried, on a 200 that is not a chat completion', async () => {
    const server = await serve([{ rawBody: '{"result":"ok"}' }]);
    const error = await rejectionOf(call(endpointOf(server)).promise, LlmError);
    expect(error.code).toBe('LLM_BAD_RESPONSE');
    expect(error.message).toContain('{"result":"ok"}');
    expect(server.requests).toHaveLength(1);
  });

  it('fails with LLM_ABORTED when the signal aborts during the call', async () => {
    const server = await serve([{ content: 'late', delayMs: 5_000 }]);
    const controller = new AbortController();
    const { promise } = call(endpointOf(server), { signal: controller.signal });
    // Abort once the server holds the request, so the abort hits an open call.
    await waitFor(() => server.requests.length === 1);
    controller.abort();
    expect((await rejectionOf(promise, LlmError)).code).toBe('LLM_ABORTED');
  });

  it('fails with LLM_ABORTED when the signal aborts during a wait between attempts', async () => {
    const server = await serve([{ status: 503 }]);
    const controller = new AbortController();
    const promise = chatCompletion(endpointOf(server), { messages: MESSAGES }, {
      signal: controller.signal,
      sleep: (_ms, signal) => {
        controller.abort();
        return Promise.reject(signal?.reason);
      },
    });
    const error = await rejectionOf(promise, LlmError);
    expect(error).toMatchObject({ code: 'LLM_ABORTED', attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('waits on a real timer by default', async () => {
    const server = await serve([{ status: 503, headers: { 'retry-after': '0.01' } }, { content: 'ok' }]);
    const completion = await chatCompletion(endpointOf(server), { messages: MESSAGES });
    expect(completion.attempts).toBe(2);
  });
});

describe('chatCompletionsUrl', () => {
  it('appends /chat/completions to an API base and keeps a full URL', () => {
    expect(chatCompletionsUrl('https://api.openai.com/v1')).toBe('https://api.openai.com/v1/chat/completions');
    expect(chatCompletionsUrl('http://127.0.0.1:11434/v1/')).toBe('http://127.0.0.1:11434/v1/chat/completions');
    expect(chatCompletionsUrl('http://h:8080/openai/chat/completions')).toBe('http://h:8080/openai/chat/completions');
  });

  it('refuses anything but http(s), naming the setting', () => {
    expect(() => chatCompletionsUrl('ftp://h/v1', 'endpoint.url')).toThrow(/endpoint\.url must be an http\(s\) URL/);
    expect(() => chatCompletionsUrl('localhost:11434', 'endpoint.url')).toThrow(LlmError);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
