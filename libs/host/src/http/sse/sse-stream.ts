import type { Response } from 'express';
import type { WorkflowEvent } from '@a2a-mcp/core-graph';

/** A comment line every 15 s keeps proxies and clients from timing the stream out. */
export const HEARTBEAT_MS = 15_000;

/** Starts calling `beat` periodically; returns the function that stops it. Tests pass one they drive by hand. */
export type HeartbeatSchedule = (beat: () => void) => () => void;

/** Beats every `ms` on a real timer that does not keep the process alive. */
export function heartbeatEvery(ms: number): HeartbeatSchedule {
  return (beat) => {
    const timer = setInterval(beat, ms);
    timer.unref();
    return () => clearInterval(timer);
  };
}

/** One event in the text/event-stream format: `id` is the run-scoped sequence number. */
export function formatSseEvent(event: WorkflowEvent): string {
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${serialize(event)}\n\n`;
}

/**
 * Writes a run's events as Server-Sent Events until the run's stream ends (after
 * `workflow_complete`) or the client goes away; then the iterator is returned, so the run stops
 * feeding this client. Honours back-pressure: waits for `drain` when the socket buffer is full.
 */
export async function writeEventStream(
  res: Response,
  events: AsyncIterableIterator<WorkflowEvent>,
  include: (event: WorkflowEvent) => boolean,
  heartbeat: HeartbeatSchedule = heartbeatEvery(HEARTBEAT_MS),
): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();

  let closed = false;
  const whenClosed = new Promise<undefined>((resolve) =>
    res.once('close', () => {
      closed = true;
      resolve(undefined);
    }),
  );
  const stopHeartbeat = heartbeat(() => {
    if (!closed) res.write(': heartbeat\n\n');
  });
  try {
    res.write('retry: 1000\n\n');
    while (!closed) {
      const step = await Promise.race([events.next(), whenClosed]);
      if (step === undefined || step.done) break;
      if (!include(step.value)) continue;
      if (!res.write(formatSseEvent(step.value))) {
        await Promise.race([new Promise<void>((resolve) => res.once('drain', () => resolve())), whenClosed]);
      }
    }
  } finally {
    stopHeartbeat();
    void events.return?.();
    if (!closed) res.end();
  }
}

/** JSON of an event; an output that cannot be serialized (a BigInt, a cycle) is replaced, not fatal. */
function serialize(event: WorkflowEvent): string {
  try {
    return JSON.stringify(event);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return JSON.stringify({ seq: event.seq, runId: event.runId, at: event.at, type: event.type, unserializable: reason });
  }
}
