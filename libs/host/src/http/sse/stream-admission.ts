import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '@a2a-mcp/orchestration';
import { ApiException } from '../errors/api-error';

/** One admitted event stream: counted until released (the client left, or the stream never started). */
export interface StreamTicket {
  /** Counts the stream on a run too (POST /v1/runs/stream learns its run only once started). */
  attachRun(runId: string): void;
  /** Idempotent. */
  release(): void;
}

/**
 * SSE_MAX_CLIENTS_PER_RUN and SSE_MAX_CLIENTS_PER_CALLER: event streams open at once on one run, and
 * held by one caller (`Caller.limitKey`: its tenant, or its address without authentication). A stream
 * past either is refused with 429 TOO_MANY_STREAMS before it starts; a client that disconnects frees its place.
 */
@Injectable()
export class StreamAdmission {
  private readonly perRun = new Map<string, number>();
  private readonly perCaller = new Map<string, number>();
  private readonly maxPerRun: number;
  private readonly maxPerCaller: number;

  constructor(@Inject(ORCHESTRATOR_CONFIG) config: OrchestratorConfig) {
    this.maxPerRun = config.security.sseMaxClientsPerRun;
    this.maxPerCaller = config.security.sseMaxClientsPerCaller;
  }

  /** Streams open now on a run / of a caller. */
  openOnRun(runId: string): number {
    return this.perRun.get(runId) ?? 0;
  }

  openByCaller(limitKey: string): number {
    return this.perCaller.get(limitKey) ?? 0;
  }

  /** Admits a stream of `limitKey` (on `runId` when known), or throws ApiException 429 TOO_MANY_STREAMS. */
  admit(limitKey: string, runId?: string): StreamTicket {
    if (this.openByCaller(limitKey) >= this.maxPerCaller) {
      throw tooManyStreams(`this caller already holds ${this.maxPerCaller} open event streams (SSE_MAX_CLIENTS_PER_CALLER); close one first`);
    }
    if (runId !== undefined && this.openOnRun(runId) >= this.maxPerRun) {
      throw tooManyStreams(`run ${runId} already has ${this.maxPerRun} open event streams (SSE_MAX_CLIENTS_PER_RUN); retry once one closes`);
    }
    bump(this.perCaller, limitKey, 1);
    let run = runId;
    if (run !== undefined) bump(this.perRun, run, 1);
    let released = false;
    return {
      attachRun: (id) => {
        if (released || run !== undefined) return;
        run = id;
        bump(this.perRun, id, 1);
      },
      release: () => {
        if (released) return;
        released = true;
        bump(this.perCaller, limitKey, -1);
        if (run !== undefined) bump(this.perRun, run, -1);
      },
    };
  }
}

/** Adds `delta`; a count back to 0 leaves the map, so it never outgrows the streams open now. */
function bump(counts: Map<string, number>, key: string, delta: number): void {
  const next = (counts.get(key) ?? 0) + delta;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}

function tooManyStreams(message: string): ApiException {
  // No fixed wait: a place frees when another stream ends.
  return new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'TOO_MANY_STREAMS', message, undefined, { 'Retry-After': '1' });
}
