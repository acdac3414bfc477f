import { createApiClient, readRunEvents, type AgentList, type ApiClient, type ApiErrorBody, type RunDetails, type RunPage, type TaskState } from '@a2a-mcp/api-client';
import type { WorkflowEvent } from '@a2a-mcp/core-graph';
import { CliInputError, messageOf } from '../cli-error';
import { API_KEY_ENV } from '../option-values';
import { terminalSafe } from '../terminal-safe';
import { RemoteError } from './remote-error';

export type { RunDetails, RunListItem, RunPage } from '@a2a-mcp/api-client';

export interface FollowOptions {
  /** Resume after this sequence number (0: from the start). */
  afterSeq?: number;
  signal?: AbortSignal;
  /** Delays before reconnect attempts after a dropped stream; the run is given up after the last one. */
  retryDelaysMs?: readonly number[];
  onReconnect?: (attempt: number, lastSeq: number) => void;
}

/** One task of `GET /v1/runs/:id`, as the result table shows it. */
export type RunTaskView = Pick<TaskState, 'status' | 'agent' | 'attempts' | 'durationMs' | 'qualityScore' | 'error'>;

/** What openapi-fetch resolves a call to: the typed body, or the error body, and the response. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The largest page `GET /v1/runs` serves. */
export const MAX_RUNS_PAGE = 100;

const DEFAULT_RETRY_DELAYS_MS = [100, 250, 500, 1000, 2000, 2000, 2000, 2000];

/**
 * The orchestrator's HTTP API as the CLI's --server mode uses it: the typed client generated from the
 * host's OpenAPI document (@a2a-mcp/api-client), with the CLI's error policy (4xx is bad input, exit 2;
 * unreachable or 5xx, exit 1) and the event stream's reconnects.
 */
export class OrchestratorClient {
  readonly base: string;
  private readonly api: ApiClient;

  /** `apiKey` goes with every request as `Authorization: Bearer` (a host with AUTH_MODE=apikey needs one). */
  constructor(
    server: string,
    private readonly apiKey?: string,
  ) {
    this.base = server.replace(/\/+$/, '');
    this.api = createApiClient({ baseUrl: this.base, ...(apiKey === undefined ? {} : { apiKey }) });
  }

  /** Cancels a run; one that already ended (409 RUN_FINISHED) is not an error here (Ctrl-C raced its end). */
  async cancelRun(runId: string): Promise<void> {
    await this.call(this.api.DELETE('/v1/runs/{id}', { params: { path: { id: runId } } }), [409]);
  }

  /** `DELETE /v1/runs/:id`, refusals included: a finished run (409 RUN_FINISHED) is bad input here. */
  async cancelRunStrictly(runId: string): Promise<{ runId: string; status: string }> {
    return this.body(await this.call(this.api.DELETE('/v1/runs/{id}', { params: { path: { id: runId } } })));
  }

  async getRun(runId: string): Promise<RunDetails> {
    return this.body(await this.call(this.api.GET('/v1/runs/{id}', { params: { path: { id: runId } } })));
  }

  /** The run with exactly this id, or undefined when the server has none (404). */
  async findRun(runId: string): Promise<RunDetails | undefined> {
    const answer = await this.call(this.api.GET('/v1/runs/{id}', { params: { path: { id: runId } } }), [404]);
    return answer.response.status === 404 ? undefined : this.body(answer);
  }

  /** One page of runs, newest first (`GET /v1/runs?limit&cursor`). */
  async listRuns(page: { limit?: number; cursor?: string } = {}): Promise<RunPage> {
    return this.body(await this.call(this.api.GET('/v1/runs', { params: { query: page } })));
  }

  /** The host's registered agents (`GET /v1/agents`). */
  async listAgents(): Promise<AgentList['items']> {
    return this.body(await this.call(this.api.GET('/v1/agents'))).items;
  }

  /**
   * Starts a run and reads its events from the same response (`POST /v1/runs/stream`: one round
   * trip); if that stream drops, it goes on with `followEvents` from the last event seen.
   * `onStarted` receives the run id as soon as the server has accepted the run.
   */
  async *startAndFollow(body: Record<string, unknown>, onStarted: (runId: string) => void, options: FollowOptions = {}): AsyncGenerator<WorkflowEvent> {
    const { response } = await this.call(
      this.api.POST('/v1/runs/stream', { body: body as never, headers: { accept: 'text/event-stream' }, parseAs: 'stream', signal: options.signal }),
      [],
      options.signal,
    );
    const runId = response.headers.get('x-run-id');
    if (!runId || !response.body) throw new RemoteError('BAD_RESPONSE', 'the orchestrator did not name the run it started (no X-Run-Id)');
    onStarted(runId);
    let lastSeq = 0;
    try {
      for await (const event of this.eventsOf(response.body)) {
        lastSeq = event.seq;
        yield event;
        if (event.type === 'workflow_complete') return;
      }
    } catch (error) {
      if (options.signal?.aborted) throw error;
      // A dropped stream: the run goes on on the server; resume below.
    }
    yield* this.followEvents(runId, { ...options, afterSeq: lastSeq });
  }

  /**
   * The run's events in order, each exactly once, until `workflow_complete`. A dropped stream is
   * resumed with `Last-Event-ID` (the last seq seen), so nothing is missed and nothing repeats.
   */
  async *followEvents(runId: string, options: FollowOptions = {}): AsyncGenerator<WorkflowEvent> {
    let lastSeq = options.afterSeq ?? 0;
    const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    let failures = 0;
    for (;;) {
      let progressed = false;
      try {
        const { response } = await this.call(
          this.api.GET('/v1/runs/{id}/events', {
            params: { path: { id: runId }, header: { 'Last-Event-ID': String(lastSeq) } },
            headers: { accept: 'text/event-stream' },
            parseAs: 'stream',
            signal: options.signal,
          }),
          [],
          options.signal,
        );
        if (!response.body) throw new RemoteError('BAD_RESPONSE', 'the event stream has no body');
        for await (const event of this.eventsOf(response.body)) {
          if (event.seq <= lastSeq) continue;
          lastSeq = event.seq;
          progressed = true;
          yield event;
          if (event.type === 'workflow_complete') return;
        }
      } catch (error) {
        // Bad input and a caller's abort end the stream; a network fault is retried below.
        if (error instanceof CliInputError || options.signal?.aborted) throw error;
        if (error instanceof RemoteError && error.code !== 'UNREACHABLE' && error.code !== 'SERVER_ERROR') throw error;
      }
      failures = progressed ? 0 : failures + 1;
      if (failures > delays.length) {
        throw new RemoteError('CONNECTION_LOST', `lost the event stream of run ${runId} at event ${lastSeq}; follow it again with: a2a-mcp watch ${runId} --server ${this.base}`);
      }
      options.onReconnect?.(failures, lastSeq);
      await new Promise((resolve) => setTimeout(resolve, delays[Math.max(0, failures - 1)] ?? 0));
    }
  }

  /** Engine events of an SSE body: the stream carries what the engine emitted, so its own type applies. */
  private eventsOf(body: ReadableStream<Uint8Array>): AsyncGenerator<WorkflowEvent> {
    return readRunEvents(body) as AsyncGenerator<WorkflowEvent>;
  }

  private body<T>(answer: Answer<T>): T {
    if (answer.data === undefined) throw new RemoteError('BAD_RESPONSE', `the orchestrator answered ${answer.response.status} with no body`);
    return answer.data;
  }

  /** Awaits a call; maps a network failure and every refusal not `tolerated` to the CLI's errors. */
  private async call<T>(pending: Promise<Answer<T>>, tolerated: readonly number[] = [], signal?: AbortSignal): Promise<Answer<T>> {
    let answer: Answer<T>;
    try {
      answer = await pending;
    } catch (error) {
      if (signal?.aborted) throw error;
      const cause = messageOf((error as { cause?: unknown }).cause ?? error);
      throw new RemoteError('UNREACHABLE', `cannot reach the orchestrator at ${this.base}: ${cause}`);
    }
    const { response } = answer;
    if (response.ok || tolerated.includes(response.status)) return answer;
    const body = (typeof answer.error === 'object' && answer.error !== null ? answer.error : {}) as Partial<ApiErrorBody>;
    const details = Array.isArray(body.details) ? (body.details as { path?: string; reason?: string; message?: string }[]) : [];
    const detail = details[0];
    const where = detail ? ` (${[detail.path, detail.reason ?? detail.message].filter(Boolean).join(': ')})` : '';
    // Printed as the CLI's error: the server's words are made terminal-safe.
    const text = terminalSafe(`${body.code ?? `HTTP ${response.status}`}: ${body.message ?? response.statusText}${where}`);
    // 4xx is the request's fault (bad plan, unknown run): bad input, exit 2. 5xx is the server's.
    if (response.status === 401) {
      const how = this.apiKey === undefined ? `give one with --api-key or ${API_KEY_ENV}` : 'check --api-key or ' + API_KEY_ENV;
      throw new CliInputError(`the orchestrator wants an API key it accepts: ${text}; ${how}`);
    }
    if (response.status >= 400 && response.status < 500) throw new CliInputError(`the orchestrator refused the request: ${text}`);
    throw new RemoteError('SERVER_ERROR', `the orchestrator failed: ${text}`);
  }
}
