import type { Response } from 'express';
import type { WorkflowEvent } from '@a2a-mcp/core-graph';
import type { StreamAudience } from '@a2a-mcp/orchestration';
import { writeEventStream } from './sse-stream';
import type { StreamTicket } from './stream-admission';

/**
 * `writeEventStream`, with the client counted in the audience (the sse_subscribers gauge) while it
 * follows; its admission ticket (SSE limits) is released when it leaves.
 */
export async function writeAudienceEventStream(
  audience: StreamAudience,
  res: Response,
  events: AsyncIterableIterator<WorkflowEvent>,
  include: (event: WorkflowEvent) => boolean,
  ticket?: StreamTicket,
): Promise<void> {
  const leave = audience.joined();
  try {
    await writeEventStream(res, events, include);
  } finally {
    leave();
    ticket?.release();
  }
}
