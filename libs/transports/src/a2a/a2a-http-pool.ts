import type { LookupFunction } from 'node:net';
import { Client, Pool, fetch as undiciFetch } from 'undici';
import type { PoolStats } from '../pool/pool-stats';
import { UntrustedUrlError, type UrlGuard } from '../security/url-guard';

export interface A2aHttpPoolOptions {
  /** Checks every name the sockets resolve, so a name that re-resolves to an internal address is refused. */
  guard: UrlGuard;
  /** Keep-alive connections to the origin (CONNECTION_POOL_SIZE). */
  poolSize: number;
  /** A fresh connection per request, closed after it: the baseline the benchmark compares with. */
  unpooled?: boolean;
}

/**
 * HTTP keep-alive connections to one A2A agent's origin, given to the SDK as its `fetch`. Counts the
 * connections it opens (the dispatcher's `connect` event) and the requests it sends, so `stats()`
 * reports reuse like the NATS and gRPC pools. Only requests to its own origin are sent, and redirects
 * are refused: an agent cannot bounce the host's calls to another address.
 */
export class A2aHttpPool {
  readonly fetch: typeof globalThis.fetch;
  private readonly pool: Pool;
  private readonly connectOptions: { lookup: LookupFunction };
  private readonly unpooledClients = new Set<Client>();
  private created = 0;
  private requests = 0;
  private closed = false;

  constructor(
    readonly origin: string,
    private readonly options: A2aHttpPoolOptions,
  ) {
    if (!Number.isSafeInteger(options.poolSize) || options.poolSize < 1) throw new RangeError(`the A2A pool size must be an integer ≥ 1, got ${options.poolSize}`);
    this.connectOptions = { lookup: options.guard.lookup() as unknown as LookupFunction };
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

  /** Closes the connections once their requests end; later requests are refused. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([this.pool.close(), ...[...this.unpooledClients].map((client) => client.close())]).catch(() => undefined);
  }

  private async send(input: string | URL | Request, init: RequestInit | undefined): Promise<Response> {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    if (url.origin !== this.origin) throw new UntrustedUrlError(url.href, `the A2A client for ${this.origin} does not call other origins`);
    if (this.closed) throw new Error(`the A2A connection pool for ${this.origin} is closed`);
    this.requests += 1;
    const request = { ...(init as object), redirect: 'error' as const };
    if (!this.options.unpooled) return (await undiciFetch(url, { ...request, dispatcher: this.pool })) as unknown as Response;
    const client = this.freshClient();
    try {
      return (await undiciFetch(url, { ...request, dispatcher: client })) as unknown as Response;
    } finally {
      // A graceful close: the socket ends once this request's response has been read.
      void client.close().finally(() => this.unpooledClients.delete(client));
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
