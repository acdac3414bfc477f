import type { WorkflowEvent } from './schemas';
import { parseSse } from './sse-parser';

/**
 * The run events of a text/event-stream body (`GET /v1/runs/{id}/events`, `POST /v1/runs/stream`), in
 * order. Messages that are not run events (no positive `seq`) are skipped; a `data` that is not JSON
 * throws, naming the event.
 */
export async function* readRunEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<WorkflowEvent> {
  for await (const message of parseSse(body)) {
    let event: WorkflowEvent;
    try {
      event = JSON.parse(message.data) as WorkflowEvent;
    } catch {
      throw new SyntaxError(`event ${message.id ?? '?'} (${message.event}) of the stream is not JSON`);
    }
    if (typeof event.seq === 'number' && event.seq > 0) yield event;
  }
}
