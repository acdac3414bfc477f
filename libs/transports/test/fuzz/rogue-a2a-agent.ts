import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningTestAgent } from '../a2a/support/a2a-test-agent';

/** What the rogue answers one streamed message with: status, content type and the body's bytes. */
export interface RogueReply {
  status: number;
  contentType: string;
  /** The body; `id` is the request's JSON-RPC id, for replies that echo it. */
  body: (id: unknown) => string;
}

export interface RogueA2aAgent {
  cardUrl: string;
  /** The reply to the next first turn of a task (follow-up turns get the captured valid reply). */
  next: RogueReply | undefined;
  /** The real agent's answer to the first message, as captured: the `result` of each event, in order. */
  captured: unknown[] | undefined;
  close(): Promise<void>;
}

/** Events as an A2A JSON-RPC stream sends them: one `data:` line per JSON-RPC response. */
export const sseOf = (id: unknown, results: readonly unknown[]): string => results.map((result) => `data: ${JSON.stringify({ jsonrpc: '2.0', id, result })}\n\n`).join('');

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/**
 * An A2A agent that lies: it serves the real test agent's card (pointing here) and, until `captured`
 * is set, forwards messages to the real agent and records its answer; after that, the first turn of
 * each task gets `next`, and a follow-up turn (the answer to a question) or a cancel gets the captured
 * valid answer, so a fuzzed reply can never keep an attempt asking forever.
 */
export async function startRogueA2aAgent(real: RunningTestAgent): Promise<RogueA2aAgent> {
  let base = '';
  const state: RogueA2aAgent = { cardUrl: '', next: undefined, captured: undefined, close: async () => undefined };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === 'GET') {
      const card = await (await fetch(real.cardUrl)).text();
      response.setHeader('content-type', 'application/json');
      response.end(card.split(real.base).join(base));
      return;
    }
    const text = await readBody(request);
    const call = JSON.parse(text) as { id?: unknown; params?: { message?: { taskId?: string } } };
    const id = call.id ?? null;
    if (state.captured === undefined) {
      const answer = await fetch(`${real.base}${request.url ?? '/'}`, { method: 'POST', headers: { 'content-type': String(request.headers['content-type']) }, body: text });
      const body = await answer.text();
      state.captured = body
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => (JSON.parse(line.slice('data: '.length)) as { result: unknown }).result);
      response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/event-stream' });
      response.end(body);
      return;
    }
    const followUp = (call.params?.message?.taskId ?? '') !== '';
    const reply: RogueReply =
      followUp || state.next === undefined ? { status: 200, contentType: 'text/event-stream', body: (echo) => sseOf(echo, state.captured!) } : state.next;
    response.writeHead(reply.status, reply.contentType === '' ? {} : { 'content-type': reply.contentType });
    response.end(reply.body(id));
  }

  const server: Server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.cardUrl = `${base}/.well-known/agent-card.json`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
