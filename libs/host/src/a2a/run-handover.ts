import type { ServerCallContext } from '@a2a-js/sdk/server';
import type { ManagedRun } from '@a2a-mcp/orchestration';
import type { FollowPoint } from './run-updates';

/**
 * What the request handler hands the executor for one message: the run it started or resumed, and
 * where the executor's updates start. It rides on the SDK's per-call context, which the SDK passes
 * from the request handler to the executor unchanged.
 */
export interface RunHandover {
  managed: ManagedRun;
  from: FollowPoint;
  /** The request began the task's live stream (a resume): if the SDK refuses the message, it gives it up. */
  begunStream: boolean;
}

const HANDOVER_KEY = 'a2a-mcp.run-handover';

export function handOver(context: ServerCallContext, handover: RunHandover): void {
  context.state.set(HANDOVER_KEY, handover);
}

/** The handover the executor has not taken (yet); it stays with the context. */
export function pendingHandover(context: ServerCallContext): RunHandover | undefined {
  return context.state.get(HANDOVER_KEY) as RunHandover | undefined;
}

export function takeHandover(context: ServerCallContext): RunHandover | undefined {
  const handover = context.state.get(HANDOVER_KEY) as RunHandover | undefined;
  context.state.delete(HANDOVER_KEY);
  return handover;
}
