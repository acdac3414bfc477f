import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: {
    model: string;
    messages: { role: string; content: string }[];
    response_format?: { type: string };
  };
}

/** What the fake answers to the n-th call (0-based): a chat completion with `content`, or a raw status/body. */
export interface FakeReply {
  content?: string;
  status?: number;
  rawBody?: string;
  delayMs?: number;
}

export interface FakeLlm {
  /** The API base, e.g. http://127.0.0.1:40123/v1 */
  baseUrl: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** A tiny OpenAI-compatible chat-completions server on 127.0.0.1 and a free port. */
export async function startFakeLlm(reply: (call: number, request: ReceivedRequest) => FakeReply): Promise<FakeLlm> {
  const requests: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received: ReceivedRequest = {
        path: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedRequest['body'],
      };
      requests.push(received);
      const answer = reply(requests.length - 1, received);
      const send = (): void => {
        const status = answer.status ?? 200;
        const body =
          answer.rawBody ??
          JSON.stringify({
            id: `chatcmpl-${requests.length}`,
            object: 'chat.completion',
            model: received.body.model,
            choices: [{ index: 0, message: { role: 'assistant', content: answer.content ?? '' }, finish_reason: 'stop' }],
          });
        res.writeHead(status, { 'content-type': 'application/json' }).end(body);
      };
      if (answer.delayMs === undefined) return send();
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) send();
      }, answer.delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
