import type { Clock, TaskContext } from '@a2a-mcp/core-graph';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  TaskCancelledError,
  bulkhead,
  circuitBreaker,
  handleType,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import type { ResilienceSettings } from '../config/resilience-settings';
import { codeOf, isAgentFault } from './agent-fault';
import { halfOpenAfter } from './half-open-after';
import { bulkheadFullError, circuitOpenError } from './resilience-errors';

export type CircuitStateName = 'closed' | 'half-open' | 'open';

/** An agent's circuit changed state. */
export interface CircuitChange {
  agent: string;
  from: CircuitStateName;
  to: CircuitStateName;
  /** Agent faults in a row at that moment (the count that opened it). */
  failures: number;
  /** On opening: how long calls are refused before one probe may go through. */
  probeInMs?: number;
  /** On opening: the fault that opened it. */
  lastError?: { code: string; message: string };
}

/** Where a guard reports what it did (events and metrics; see resilience.provider.ts). */
export interface AgentGuardEvents {
  circuitChanged(change: CircuitChange): void;
  bulkheadRejected(agent: string): void;
}

export type AgentGuardLimits = Pick<ResilienceSettings, 'circuitFailures' | 'circuitHalfOpenMs' | 'maxConcurrentCalls' | 'queueLimit'>;

/** A failed call that counts against the circuit; the breaker handles only these, the engine gets the error inside. */
class AgentFault {
  constructor(readonly error: unknown) {}
}

const STATE_NAMES: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Open]: 'open',
  [CircuitState.Isolated]: 'open',
};

const noop = (): void => undefined;

/**
 * One agent's circuit breaker and bulkhead (cockatiel), shared by every run that calls it. The
 * bulkhead is outermost: a call first gets one of AGENT_MAX_CONCURRENT_CALLS (or waits in a queue of
 * AGENT_QUEUE_LIMIT), then passes the circuit, so an open circuit refuses it at once without holding
 * the slot. After AGENT_CIRCUIT_FAILURES agent faults in a row the circuit opens; once
 * AGENT_CIRCUIT_HALF_OPEN_MS passed (on `clock`), the next call is the probe and the others wait for
 * its outcome: success closes the circuit, a fault opens it again.
 *
 * The signal is read only where it matters (a failed call, a probe, a call that waited), since the
 * engine makes an attempt's AbortController only when someone reads it.
 */
export class AgentGuard {
  private readonly breaker: CircuitBreakerPolicy | undefined;
  private readonly faults: ConsecutiveBreaker | undefined;
  private readonly bulkhead: BulkheadPolicy | undefined;
  private state: CircuitStateName = 'closed';
  private openedAt = 0;

  constructor(
    readonly agent: string,
    private readonly limits: AgentGuardLimits,
    private readonly clock: Clock,
    private readonly events: AgentGuardEvents,
  ) {
    if (limits.circuitFailures > 0) {
      this.faults = new ConsecutiveBreaker(limits.circuitFailures);
      this.breaker = circuitBreaker(handleType(AgentFault), { halfOpenAfter: halfOpenAfter(clock, limits.circuitHalfOpenMs), breaker: this.faults });
      this.breaker.onStateChange((state) => this.onStateChange(state));
    }
    if (limits.maxConcurrentCalls > 0) this.bulkhead = bulkhead(limits.maxConcurrentCalls, limits.queueLimit);
  }

  get circuit(): CircuitStateName {
    return this.state;
  }

  /** Calls the agent through the bulkhead and the circuit; rejects with AGENT_BULKHEAD_FULL or AGENT_CIRCUIT_OPEN without calling it. */
  call(taskId: string, ctx: TaskContext, callAgent: () => Promise<unknown>): Promise<unknown> {
    const limiter = this.bulkhead;
    if (limiter === undefined) return this.throughCircuit(ctx, callAgent).result;
    return new Promise((resolve, reject) => {
      limiter
        .execute(async () => {
          const { result, agentSettled } = this.throughCircuit(ctx, callAgent);
          result.then(resolve, reject);
          // The slot follows the agent's call, not the answer the engine got (like MAX_CONCURRENT_TASKS'
          // slots): an agent that ignores its abort keeps counting against the limit.
          await result.then(noop, noop);
          await agentSettled();
        }, ctx.signal)
        .catch((error: unknown) => reject(this.refused(error, taskId, ctx)));
    });
  }

  private throughCircuit(ctx: TaskContext, callAgent: () => Promise<unknown>): { result: Promise<unknown>; agentSettled(): Promise<void> | undefined } {
    let agentCall: Promise<unknown> | undefined;
    const agentSettled = (): Promise<void> | undefined => agentCall?.then(noop, noop);
    const breaker = this.breaker;
    if (breaker === undefined) {
      agentCall = callAgent();
      return { result: agentCall, agentSettled };
    }
    const waitsForProbe = breaker.state === CircuitState.HalfOpen;
    const attempt = async (): Promise<unknown> => {
      // Read while cockatiel still says Open: this call is the probe.
      const probe = breaker.state !== CircuitState.Closed;
      // A call that waited (for the probe, in the bulkhead's queue) may have been taken back meanwhile:
      // it never reaches the agent, and that is no fault of the agent's.
      if ((probe || waitsForProbe || this.bulkhead !== undefined) && ctx.signal.aborted) throw abortReason(ctx.signal);
      try {
        agentCall = callAgent();
        // A probe settles when its attempt is aborted (timeout, cancel): a hung probe cannot hold the circuit half-open.
        return await (probe ? settleOnAbort(agentCall, ctx.signal) : agentCall);
      } catch (error) {
        throw isAgentFault(error, ctx.signal) ? new AgentFault(error) : error;
      }
    };
    const result = breaker.execute(attempt).catch((error: unknown) => {
      throw this.unwrap(error);
    });
    return { result, agentSettled };
  }

  private unwrap(error: unknown): unknown {
    if (error instanceof AgentFault) return error.error;
    if (error instanceof BrokenCircuitError) {
      // Whole milliseconds: the system clock has fractions.
      const probeInMs = Math.max(0, Math.ceil(this.limits.circuitHalfOpenMs - (this.clock.now() - this.openedAt)));
      return circuitOpenError(this.agent, this.faults?.state ?? 0, probeInMs, this.lastFault()?.code);
    }
    return error;
  }

  private refused(error: unknown, taskId: string, ctx: TaskContext): unknown {
    if (error instanceof BulkheadRejectedError) {
      this.events.bulkheadRejected(this.agent);
      return bulkheadFullError(this.agent, taskId, this.limits.maxConcurrentCalls, this.limits.queueLimit);
    }
    // Aborted while it waited in the queue: the attempt is over already, the abort says why.
    if (error instanceof TaskCancelledError) return abortReason(ctx.signal);
    return error;
  }

  private onStateChange(next: CircuitState): void {
    const to = STATE_NAMES[next];
    const from = this.state;
    if (to === from) return;
    this.state = to;
    const change: CircuitChange = { agent: this.agent, from, to, failures: this.faults?.state ?? 0 };
    if (to === 'open') {
      this.openedAt = this.clock.now();
      change.probeInMs = this.limits.circuitHalfOpenMs;
      const lastError = this.lastFault();
      if (lastError !== undefined) change.lastError = lastError;
    }
    this.events.circuitChanged(change);
  }

  private lastFault(): { code: string; message: string } | undefined {
    const last = this.breaker?.lastFailure;
    if (last === undefined || !('error' in last) || !((last.error as unknown) instanceof AgentFault)) return undefined;
    const error = (last.error as unknown as AgentFault).error;
    const message = error instanceof Error ? error.message : String(error);
    return { code: codeOf(error) ?? (error instanceof Error ? error.name : 'AGENT_ERROR'), message };
  }
}

/** The call's outcome, or the abort's reason as soon as `signal` aborts. */
function settleOnAbort(call: Promise<unknown>, signal: AbortSignal): Promise<unknown> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    call.then(
      (output) => {
        signal.removeEventListener('abort', onAbort);
        resolve(output);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('the attempt was aborted');
}
