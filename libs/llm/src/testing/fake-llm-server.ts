import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake received: the path, the headers and the decoded chat-completions body. */
export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: {
    model: string;
    messages: { role: string; content: string }[];
    response_format?: { type: string };
    temperature?: number;
  };
}

/** Token counts as the OpenAI API reports them. */
export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** What the fake answers to one call: a chat completion with `content`, or a raw status/body, or a dropped connection. */
export interface FakeReply {
  content?: string;
  /** Default 200. */
  status?: number;
  /** Sent instead of a chat completion. */
  rawBody?: string;
  /** Extra response headers, e.g. `{'retry-after': '2'}`. */
  headers?: Record<string, string>;
  /** The completion's `usage`; none when absent. */
  usage?: FakeUsage;
  /** The completion's `model`; default the requested one. */
  model?: string;
  /** Answer after this long (a slow server). */
  delayMs?: number;
  /** Close the connection without answering (a server that dies mid-call). */
  drop?: boolean;
}

export interface FakeLlm {
  /** The API base, e.g. http://127.0.0.1:40123/v1 */
  baseUrl: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A tiny OpenAI-compatible chat-completions server on 127.0.0.1 and a free port, for tests of code that
 * calls an LLM. `reply(call, request)` decides the answer to the n-th call (0-based).
 */
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
        if (answer.drop) {
          res.socket?.destroy();
          return;
        }
        const completion = {
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          model: answer.model ?? received.body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: answer.content ?? '' }, finish_reason: 'stop' }],
          ...(answer.usage === undefined ? {} : { usage: answer.usage }),
        };
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers }).end(answer.rawBody ?? JSON.stringify(completion));
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
