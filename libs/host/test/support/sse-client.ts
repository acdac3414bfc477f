/** One parsed Server-Sent Event. */
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

export interface SseReadOptions {
  headers?: Record<string, string>;
  /** Stop (abort the request) once this returns true for an event just received. */
  stopWhen?: (event: SseEvent, all: SseEvent[]) => boolean;
  /** Called for every event as it arrives. */
  onEvent?: (event: SseEvent) => void;
  /** Comments (heartbeats) seen, for the caller's interest. */
  comments?: string[];
}

export interface SseReadResult {
  status: number;
  contentType: string | null;
  events: SseEvent[];
  /** True when the server ended the stream (false when we aborted it). */
  ended: boolean;
}

/** Reads an event stream with fetch, parsing per the SSE spec (fields, blank-line dispatch, comments). */
export async function readSse(url: string, options: SseReadOptions = {}): Promise<SseReadResult> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...options.headers }, signal: controller.signal });
  const events: SseEvent[] = [];
  const contentType = response.headers.get('content-type');
  if (!response.body || !contentType?.startsWith('text/event-stream')) {
    await response.text();
    return { status: response.status, contentType, events, ended: true };
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let current: SseEvent = { data: '' };
  let hasData = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { status: response.status, contentType, events, ended: true };
      buffer += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line === '') {
          if (hasData) {
            events.push(current);
            options.onEvent?.(current);
            if (options.stopWhen?.(current, events)) {
              controller.abort();
              return { status: response.status, contentType, events, ended: false };
            }
          }
          current = { data: '' };
          hasData = false;
          continue;
        }
        if (line.startsWith(':')) {
          options.comments?.push(line.slice(1).trim());
          continue;
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const fieldValue = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') {
          current.data = hasData ? `${current.data}\n${fieldValue}` : fieldValue;
          hasData = true;
        } else if (field === 'id') current.id = fieldValue;
        else if (field === 'event') current.event = fieldValue;
      }
    }
  } catch (error) {
    if (controller.signal.aborted) return { status: response.status, contentType, events, ended: false };
    throw error;
  }
}

export function seqOf(event: SseEvent): number {
  return Number(event.id);
}
