import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ORCHESTRATOR_MAIN, spawnService, type ServiceProcess } from '../tracing/support/service-process';

/** A built host process (as `npm start` runs it) on a fixed port, so a restart answers at the same address. */
export interface HostProcess {
  url: string;
  port: number;
  process: ServiceProcess;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'a2a-mcp-durable-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startHostProcess(port: number, env: Record<string, string>): Promise<HostProcess> {
  const service = await spawnService(
    ORCHESTRATOR_MAIN,
    { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ENABLE_OBSERVABILITY: 'false', SHUTDOWN_GRACE_MS: '0', ...env },
    /listening on/,
  );
  return { url: `http://127.0.0.1:${port}`, port, process: service };
}

/** A chain of simulator tasks, each `ms` long: easy to catch mid-run. */
export function chainPlan(length: number, ms: number, strategy = 'sequential'): Record<string, unknown> {
  return {
    coordinationStrategy: strategy,
    tasks: Array.from({ length }, (_, i) => ({
      id: `step${i}`,
      description: `step ${i}`,
      agent: 'simulator',
      dependencies: i === 0 ? [] : [`step${i - 1}`],
      input: { durationMs: ms },
    })),
  };
}

export interface StreamedEvent {
  seq: number;
  type: string;
  taskId?: string;
  attempt?: number;
  redispatched?: boolean;
  result?: { status: string };
}

/** Parses an SSE body's `data:` lines. */
export function eventsOf(text: string): StreamedEvent[] {
  return text
    .split('\n\n')
    .map((frame) => frame.split('\n').find((line) => line.startsWith('data: ')))
    .filter((line): line is string => line !== undefined)
    .map((line) => JSON.parse(line.slice(6)) as StreamedEvent);
}

/** Reads a run's stream until `stop` holds or the stream ends; `lastEventId` resumes. */
export async function streamUntil(
  url: string,
  runId: string,
  stop: (events: StreamedEvent[]) => boolean,
  lastEventId?: number,
): Promise<StreamedEvent[]> {
  const controller = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
  const response = await fetch(`${url}/v1/runs/${runId}/events`, { headers, signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`stream of ${runId}: ${response.status} ${await response.text()}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const events: StreamedEvent[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return events;
      text += decoder.decode(value, { stream: true });
      const end = text.lastIndexOf('\n\n');
      if (end < 0) continue;
      events.push(...eventsOf(text.slice(0, end + 2)));
      text = text.slice(end + 2);
      if (stop(events)) return events;
    }
  } finally {
    controller.abort();
    await reader.cancel().catch(() => undefined);
  }
}
