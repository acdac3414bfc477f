import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiClient } from '@a2a-mcp/api-client';
import { RunEventFeed, type RunEventsSnapshot } from '../src/run/run-event-feed';
import { allEvents, apiFor, simulatorChain, startRun } from './support/api';
import { WAIT_MS } from './support/browser';
import { startHost, type Host } from './support/host';

/**
 * A proxy to the host that cuts the first event stream after a few events, as a dropped connection
 * would, and notes the Last-Event-ID of every stream request.
 */
function cuttingProxy(target: string, cutAfterEvents: number): Promise<{ url: string; lastEventIds: (string | undefined)[]; close(): Promise<void> }> {
  const lastEventIds: (string | undefined)[] = [];
  let streams = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const isStream = /\/events$/.test(incoming.url ?? '');
    const cut = isStream && streams++ === 0;
    if (isStream) lastEventIds.push(incoming.headers['last-event-id'] as string | undefined);
    const upstream = request(new URL(incoming.url ?? '/', target), { method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      let seen = 0;
      let cutting = false;
      answer.on('data', (chunk: Buffer) => {
        if (cutting) return;
        outgoing.write(chunk);
        seen += chunk.toString().match(/^id: /gm)?.length ?? 0;
        if (cut && seen >= cutAfterEvents) {
          // What was sent arrives; then the connection stalls and drops.
          cutting = true;
          setTimeout(() => {
            answer.destroy();
            outgoing.socket?.destroy();
          }, 300);
        }
      });
      answer.on('end', () => outgoing.end());
    });
    incoming.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        lastEventIds,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

describe('the Run page’s event feed', () => {
  let host: Host;

  beforeAll(async () => {
    host = await startHost();
  });

  afterAll(async () => {
    await host?.close();
  });

  it('reconnects a dropped stream with Last-Event-ID and ends with every event once, in order', async () => {
    const api = apiFor(host.url);
    const runId = await startRun(api, { plan: simulatorChain(5, 150) });
    const proxy = await cuttingProxy(host.url, 4);
    const snapshots: RunEventsSnapshot[] = [];
    const feed = new RunEventFeed(runId, createApiClient({ baseUrl: proxy.url }), (snapshot) => snapshots.push(snapshot));
    try {
      feed.start();
      const deadline = Date.now() + WAIT_MS;
      while (!snapshots.at(-1)?.done) {
        if (Date.now() > deadline) throw new Error(`the feed did not finish: ${JSON.stringify(snapshots.at(-1)?.events.map((event) => event.seq))}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      feed.stop();
      await proxy.close();
    }
    const last = snapshots.at(-1)!;
    const expected = await allEvents(api, runId);
    expect(last.events.map((event) => event.seq)).toEqual(expected.map((event) => event.seq));
    expect(last.events).toEqual(expected);
    expect(last.state.status).toBe('completed');
    expect(last.state.finishedCount).toBe(5);
    // The first stream from the start; the next one resumed after the last event the feed had.
    expect(proxy.lastEventIds.length).toBeGreaterThanOrEqual(2);
    expect(proxy.lastEventIds[0]).toBeUndefined();
    const resumedAt = Number(proxy.lastEventIds[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThan(expected.length);
    // Snapshots only grow: an earlier one is a prefix of a later one.
    for (let i = 1; i < snapshots.length; i++) expect(snapshots[i].events.slice(0, snapshots[i - 1].events.length)).toEqual(snapshots[i - 1].events);
  });
});
