import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Exchange } from './openapi-contract';

/** Bodies longer than this are not kept (a 50 000-task run's stream): their status is still checked. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Records every exchange a server answers, as it went on the wire: the status, the content type and
 * the body bytes (written with write and end), whatever client sent the request.
 */
export function recordExchanges(server: Server): Exchange[] {
  const exchanges: Exchange[] = [];
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    // Read now: Express strips a mount path from req.url while a mounted handler runs (/a2a becomes /).
    const path = (req.url ?? '/').split('?')[0];
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    const keep = (chunk: unknown, encoding?: unknown): void => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function' || truncated) return;
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      size += buffer.length;
      if (size > MAX_BODY_BYTES) {
        truncated = true;
        chunks.length = 0;
      } else {
        chunks.push(buffer);
      }
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      return write(...args);
    }) as ServerResponse['write'];
    res.end = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      return end(...args);
    }) as ServerResponse['end'];
    res.once('close', () => {
      exchanges.push({
        method,
        path,
        status: res.statusCode,
        contentType: String(res.getHeader('content-type') ?? ''),
        body: Buffer.concat(chunks),
        truncated,
      });
    });
  });
  return exchanges;
}
