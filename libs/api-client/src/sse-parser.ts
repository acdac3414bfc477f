/** One Server-Sent Event as it arrived (`id`, `event`, `data` fields; comments dropped). */
export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

/**
 * Splits a text/event-stream body into messages (the WHATWG rules that matter here: fields per line,
 * a blank line ends a message, `data` lines join with "\n", lines starting with ":" are comments).
 */
export async function* parseSse(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let buffer = '';
  let message: { id?: string; event?: string; data: string[] } = { data: [] };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.search(/\r\n|\n|\r/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (message.data.length > 0 || message.event !== undefined) {
          yield { id: message.id, event: message.event ?? 'message', data: message.data.join('\n') };
        }
        message = { data: [] };
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') message.data.push(value);
      else if (field === 'event') message.event = value;
      else if (field === 'id') message.id = value;
    }
  }
}
