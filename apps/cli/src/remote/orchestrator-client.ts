import type { AgentCard } from '@a2a-mcp/agents';
import type { RunResult, WorkflowEvent } from '@a2a-mcp/core-graph';
import { CliInputError, messageOf } from '../cli-error';
import { API_KEY_ENV } from '../option-values';
import { terminalSafe } from '../terminal-safe';
import { RemoteError } from './remote-error';
import { parseSse } from './sse-parser';

/** The error body the orchestrator sends: `{statusCode, code, message, details?}`. */
interface ErrorBody {
  code?: string;
  message?: string;
  details?: { path?: string; reason?: string; message?: string }[];
}

export interface FollowOptions {
  /** Resume after this sequence number (0: from the start). */
  afterSeq?: number;
  signal?: AbortSignal;
  /** Delays before reconnect attempts after a dropped stream; the run is given up after the last one. */
  retryDelaysMs?: readonly number[];
  onReconnect?: (attempt: number, lastSeq: number) => void;
}

/** One run of `GET /v1/runs`. */
export interface RunListItem {
  runId: string;
  status: string;
  strategy: string;
  createdAt: string;
  taskCount: number;
  successful: number;
  failed: number;
  skipped: number;
}

export interface RunPage {
  items: RunListItem[];
  nextCursor?: string;
}

/** One task of `GET /v1/runs/:id`. */
export interface RunTaskView {
  status: string;
  agent: string;
  attempts: number;
  durationMs?: number;
  qualityScore?: number;
  error?: { code: string; message: string };
}

/** `GET /v1/runs/:id`: the run's state per task and, once it ended, its result. */
export interface RunDetails {
  runId: string;
  status: string;
  strategy: string;
  strategyReason?: string;
  createdAt: string;
  tasks: Record<string, RunTaskView>;
  result?: RunResult;
}

/** The largest page `GET /v1/runs` serves. */
export const MAX_RUNS_PAGE = 100;

const DEFAULT_RETRY_DELAYS_MS = [100, 250, 500, 1000, 2000, 2000, 2000, 2000];

/** A thin client for the orchestrator's HTTP API (`/v1/runs`), as the CLI's --server mode uses it. */
export class OrchestratorClient {
  readonly base: string;

  /** `apiKey` goes with every request as `Authorization: Bearer` (a host with AUTH_MODE=apikey needs one). */
  constructor(
    server: string,
    private readonly apiKey?: string,
  ) {
    this.base = server.replace(/\/+$/, '');
  }

  /** Cancels a run; one that already ended (409 RUN_FINISHED) is not an error here (Ctrl-C raced its end). */
  async cancelRun(runId: string): Promise<void> {
    await this.request(`/v1/runs/${encodeURIComponent(runId)}`, { method: 'DELETE' }, [409]);
  }

  /** `DELETE /v1/runs/:id`, refusals included: a finished run (409 RUN_FINISHED) is bad input here. */
  async cancelRunStrictly(runId: string): Promise<{ runId: string; status: string }> {
    const response = await this.request(`/v1/runs/${encodeURIComponent(runId)}`, { method: 'DELETE' });
    return (await response.json()) as { runId: string; status: string };
  }

  async getRun(runId: string): Promise<RunDetails> {
    const response = await this.request(`/v1/runs/${encodeURIComponent(runId)}`, { method: 'GET' });
    return (await response.json()) as RunDetails;
  }

  /** The run with exactly this id, or undefined when the server has none (404). */
  async findRun(runId: string): Promise<RunDetails | undefined> {
    const response = await this.request(`/v1/runs/${encodeURIComponent(runId)}`, { method: 'GET' }, [404]);
    if (response.status === 404) return undefined;
    return (await response.json()) as RunDetails;
  }

  /** One page of runs, newest first (`GET /v1/runs?limit&cursor`). */
  async listRuns(page: { limit?: number; cursor?: string } = {}): Promise<RunPage> {
    const query = new URLSearchParams();
    if (page.limit !== undefined) query.set('limit', String(page.limit));
    if (page.cursor !== undefined) query.set('cursor', page.cursor);
    const search = query.toString() === '' ? '' : `?${query.toString()}`;
    const response = await this.request(`/v1/runs${search}`, { method: 'GET' });
    return (await response.json()) as RunPage;
  }

  /** The host's registered agents (`GET /v1/agents`). */
  async listAgents(): Promise<AgentCard[]> {
    const response = await this.request('/v1/agents', { method: 'GET' });
    return ((await response.json()) as { items: AgentCard[] }).items;
  }

  /**
   * Starts a run and reads its events from the same response (`POST /v1/runs/stream`: one round
   * trip); if that stream drops, it goes on with `followEvents` from the last event seen.
   * `onStarted` receives the run id as soon as the server has accepted the run.
   */
  async *startAndFollow(body: Record<string, unknown>, onStarted: (runId: string) => void, options: FollowOptions = {}): AsyncGenerator<WorkflowEvent> {
    const response = await this.request('/v1/runs/stream', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(body),
      signal: options.signal,
    });
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
        const response = await this.request(`/v1/runs/${encodeURIComponent(runId)}/events`, {
          method: 'GET',
          headers: { accept: 'text/event-stream', 'last-event-id': String(lastSeq) },
          signal: options.signal,
        });
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

  /** Engine events of an SSE body (messages without a numeric `seq`, such as `planning`'s 0, are kept out). */
  private async *eventsOf(body: AsyncIterable<Uint8Array>): AsyncGenerator<WorkflowEvent> {
    for await (const message of parseSse(body)) {
      const event = JSON.parse(message.data) as WorkflowEvent;
      if (typeof event.seq === 'number' && event.seq > 0) yield event;
    }
  }

  private async request(path: string, init: RequestInit, tolerated: readonly number[] = []): Promise<Response> {
    let response: Response;
    const headers = this.apiKey === undefined ? init.headers : { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${this.apiKey}` };
    try {
      response = await fetch(`${this.base}${path}`, { ...init, headers });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      const cause = messageOf((error as { cause?: unknown }).cause ?? error);
      throw new RemoteError('UNREACHABLE', `cannot reach the orchestrator at ${this.base}: ${cause}`);
    }
    if (response.ok || tolerated.includes(response.status)) return response;
    const body = (await response.json().catch(() => ({}))) as ErrorBody;
    const detail = body.details?.[0];
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
