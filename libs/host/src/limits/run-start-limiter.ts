import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '@a2a-mcp/orchestration';
import { ApiException } from '../http/errors/api-error';

/** The window RATE_LIMIT_RUNS_PER_MINUTE counts over. */
const WINDOW_MS = 60_000;
const THROTTLER_NAME = 'run-starts';

/** A start the limit refused: when the caller may try again. */
export interface RateLimitRefusal {
  retryAfterSeconds: number;
  message: string;
}

/**
 * RATE_LIMIT_RUNS_PER_MINUTE over every way to start a run (REST, the stream endpoint, A2A messages,
 * MCP run_workflow), counted per caller (`Caller.limitKey`: the tenant, or the address without
 * authentication) in @nestjs/throttler's storage: a sliding minute of starts. 0 turns it off.
 */
@Injectable()
export class RunStartLimiter {
  readonly limit: number;

  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    @Inject(ORCHESTRATOR_CONFIG) config: OrchestratorConfig,
  ) {
    this.limit = config.security.runsPerMinute;
  }

  /** Counts one start; the refusal when the caller has used its minute's starts (nothing is counted then). */
  async take(limitKey: string): Promise<RateLimitRefusal | undefined> {
    if (this.limit === 0) return undefined;
    const record = await this.storage.increment(`${THROTTLER_NAME}:${limitKey}`, WINDOW_MS, this.limit, 0, THROTTLER_NAME);
    if (!record.isBlocked) return undefined;
    const retryAfterSeconds = Math.max(1, record.timeToBlockExpire);
    return {
      retryAfterSeconds,
      message: `more than ${this.limit} runs started in a minute (RATE_LIMIT_RUNS_PER_MINUTE); retry in ${retryAfterSeconds} s`,
    };
  }

  /** `take`, refusing with ApiException 429 RATE_LIMITED and Retry-After. */
  async admit(limitKey: string): Promise<void> {
    const refusal = await this.take(limitKey);
    if (refusal !== undefined) throw rateLimited(refusal);
  }
}

export function rateLimited(refusal: RateLimitRefusal): ApiException {
  return new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'RATE_LIMITED', refusal.message, { retryAfterSeconds: refusal.retryAfterSeconds }, {
    'Retry-After': String(refusal.retryAfterSeconds),
  });
}
