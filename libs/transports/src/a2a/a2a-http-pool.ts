import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { injectTraceContext } from '@a2a-mcp/observability';
import { Client, Pool, type Dispatcher } from 'undici';
import type { PoolStats } from '../pool/pool-stats';
import { UntrustedUrlError, type UrlGuard } from '../security/url-guard';
import { tlsConnectOptions, type A2aTlsOptions, type TlsConnectOptions } from './a2a-tls';

export interface A2aHttpPoolOptions {
  /** Checks every name the sockets resolve, so a name that re-resolves to an internal address is refused. */
  guard: UrlGuard;
  /** Keep-alive connections to the origin (CONNECTION_POOL_SIZE). */
  poolSize: number;
  /**
   * A fresh connection per request, closed after it: the baseline the benchmark compares with. Over
   * https each such connection makes a full TLS handshake (no session is resumed).
   */
  unpooled?: boolean;
  /** For an https origin: the CAs to trust (an agent with a private or self-signed certificate). */
  tls?: A2aTlsOptions;
}

/** How long `close()` lets running requests finish before it cuts their connections. */
const DEFAULT_CLOSE_GRACE_MS = 2_000;

/**
 * HTTP keep-alive connections to one A2A agent's origin, given to the SDK as its `fetch`. Counts the
 * connections it opens (the dispatcher's `connect` event) and the requests it sends, so `stats()`
 * reports reuse like the NATS and gRPC pools. Only requests to its own origin are sent, and redirects
 * are not followed: an agent cannot bounce the host's calls to another address.
 */
export class A2aHttpPool {
  readonly fetch: typeof globalThis.fetch;
  private readonly pool: Pool;
  private readonly connectOptions: { lookup: LookupFunction } & TlsConnectOptions;
  private readonly unpooledClients = new Set<Client>();
  /** The graceful closes of the unpooled clients, begun as soon as each sent its request. */
  private readonly unpooledClosing = new Set<Promise<void>>();
  private created = 0;
  private requests = 0;
  private closed = false;

  constructor(
    readonly origin: string,
    private readonly options: A2aHttpPoolOptions,
  ) {
    if (!Number.isSafeInteger(options.poolSize) || options.poolSize < 1) throw new RangeError(`the A2A pool size must be an integer ≥ 1, got ${options.poolSize}`);
    this.connectOptions = { lookup: options.guard.lookup() as unknown as LookupFunction, ...tlsConnectOptions(origin, options.tls) };
    this.pool = new Pool(origin, { connections: options.poolSize, connect: this.connectOptions });
    this.pool.on('connect', () => {
      this.created += 1;
    });
    this.fetch = ((input: string | URL | Request, init?: RequestInit) => this.send(input, init)) as typeof globalThis.fetch;
  }

  stats(): PoolStats {
    const { connected, free } = this.pool.stats;
    return {
      transport: 'a2a',
      address: this.origin,
      size: connected,
      inUse: Math.max(0, connected - free) + this.unpooledClients.size,
      created: this.created,
      reused: Math.max(0, this.requests - this.created),
    };
  }

  /**
   * Refuses new requests and closes the connections once their requests end, or after `graceMs`
   * (a task's stream may run for minutes): then they are cut.
   */
  async close(graceMs = DEFAULT_CLOSE_GRACE_MS): Promise<void> {
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    const graceful = Promise.all([this.pool.close(), ...this.unpooledClosing]).then(() => true);
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
    const closed = await Promise.race([graceful, late]).catch(() => false);
    clearTimeout(timer);
    if (!closed) await Promise.all([this.pool, ...this.unpooledClients].map((dispatcher) => dispatcher.destroy().catch(() => undefined)));
  }

  private async send(input: string | URL | Request, init: RequestInit | undefined): Promise<Response> {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    if (url.origin !== this.origin) throw new UntrustedUrlError(url.href, `the A2A client for ${this.origin} does not call other origins`);
    if (this.closed) throw new Error(`the A2A connection pool for ${this.origin} is closed`);
    if (init?.body !== undefined && init.body !== null && typeof init.body !== 'string') throw new TypeError('the A2A connection pool sends string bodies only');
    this.requests += 1;
    const dispatcher = this.options.unpooled ? this.freshClient() : this.pool;
    try {
      return await exchange(dispatcher, url, init);
    } finally {
      // A graceful close: the socket ends once this request's response has been read.
      if (dispatcher instanceof Client) {
        const closing: Promise<void> = dispatcher
          .close()
          .catch(() => undefined)
          .finally(() => {
            this.unpooledClients.delete(dispatcher);
            this.unpooledClosing.delete(closing);
          });
        this.unpooledClosing.add(closing);
      }
    }
  }

  private freshClient(): Client {
    const client = new Client(this.origin, { connect: this.connectOptions, pipelining: 1 });
    client.on('connect', () => {
      this.created += 1;
    });
    this.unpooledClients.add(client);
    return client;
  }
}

/** Statuses whose Response must have no body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * The request's headers as undici takes them, with the active span's trace headers (traceparent,
 * tracestate, baggage) so the agent's spans join the run's trace. Without tracing the SDK's plain
 * objects go as they are (no Headers built, no copy).
 */
function requestHeaders(headers: RequestInit['headers']): Record<string, string> {
  const trace = injectTraceContext();
  let plain: Record<string, string>;
  if (headers === undefined) plain = {};
  else if (!(headers instanceof Headers) && !Array.isArray(headers)) plain = headers as Record<string, string>;
  else {
    plain = {};
    new Headers(headers).forEach((value, name) => {
      plain[name] = value;
    });
  }
  return Object.keys(trace).length === 0 ? plain : { ...plain, ...trace };
}

/**
 * One request with undici's `request` (lighter than its `fetch`: headers and body go out in one write),
 * answered as the `Response` the SDK reads. Redirects are not followed: a 3xx reaches the SDK as an error.
 */
async function exchange(dispatcher: Dispatcher, url: URL, init: RequestInit | undefined): Promise<Response> {
  const answer = await dispatcher.request({
    origin: url.origin,
    path: `${url.pathname}${url.search}`,
    method: (init?.method ?? 'GET') as Dispatcher.HttpMethod,
    headers: requestHeaders(init?.headers),
    body: (init?.body as string | null | undefined) ?? null,
    signal: init?.signal ?? null,
  });
  const responseHeaders = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, item);
  }
  if (NULL_BODY.has(answer.statusCode)) {
    await answer.body.dump();
    return new Response(null, { status: answer.statusCode, statusText: answer.statusText, headers: responseHeaders });
  }
  return new Response(Readable.toWeb(answer.body) as ReadableStream<Uint8Array>, { status: answer.statusCode, statusText: answer.statusText, headers: responseHeaders });
}
