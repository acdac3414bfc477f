import type { Clock } from '@a2a-mcp/core-graph';
import type { IBackoff, IBackoffFactory, IHalfOpenAfterBackoffContext } from 'cockatiel';

/**
 * cockatiel's `halfOpenAfter`, timed on our clock instead of its own Date.now(): an open circuit lets
 * a probe through once `clock` says `halfOpenMs` passed. cockatiel asks `Date.now() − openedAt <
 * duration`, so the duration is 0 once the time is up and Infinity before. With the system clock that
 * is the plain delay; with a VirtualClock tests move time themselves and never sleep.
 */
export function halfOpenAfter(clock: Clock, halfOpenMs: number): IBackoffFactory<IHalfOpenAfterBackoffContext> {
  const next = (): IBackoff<IHalfOpenAfterBackoffContext> => {
    const openedAt = clock.now();
    return {
      get duration(): number {
        return clock.now() - openedAt >= halfOpenMs ? 0 : Number.POSITIVE_INFINITY;
      },
      // Opened again after a failed probe: the same delay, from then.
      next,
    };
  };
  return { next };
}
