import type { NatsConnection } from 'nats';
import type { PoolStats } from '../pool/pool-stats';
import { connectNats, type NatsEndpoint } from './nats-connect';

/**
 * One shared NATS connection per server URL: NATS multiplexes every subject over a single socket, so
 * a pool of one is the right size (PoolStats.size is 1 once connected). Counts calls for the metrics.
 */
export class NatsConnectionPool {
  private pending: Promise<NatsConnection> | undefined;
  private connection: NatsConnection | undefined;
  private inUse = 0;
  private created = 0;
  private reused = 0;

  constructor(
    readonly url: string,
    private readonly connectTimeoutMs = 5000,
    /** The login and TLS files (NATS_USER…, NATS_TLS_*); none by default. */
    private readonly security: Omit<NatsEndpoint, 'natsUrl'> = {},
  ) {}

  /** The shared connection for one call; pair with release(). A failed connect is not cached (NatsConnectError for a refused login or TLS). */
  async acquire(): Promise<NatsConnection> {
    if (this.connection && !this.connection.isClosed()) {
      this.reused += 1;
      this.inUse += 1;
      return this.connection;
    }
    if (!this.pending) {
      this.pending = connectNats({ ...this.security, natsUrl: this.url }, { name: 'a2a-host', timeoutMs: this.connectTimeoutMs }).then(
        (connection) => {
          this.connection = connection;
          this.created += 1;
          this.pending = undefined;
          return connection;
        },
        (error: unknown) => {
          this.pending = undefined;
          throw error;
        },
      );
      const connection = await this.pending;
      this.inUse += 1;
      return connection;
    }
    const connection = await this.pending;
    this.reused += 1;
    this.inUse += 1;
    return connection;
  }

  release(): void {
    this.inUse = Math.max(0, this.inUse - 1);
  }

  stats(): PoolStats {
    const open = this.connection !== undefined && !this.connection.isClosed();
    return { transport: 'nats', address: this.url, size: open ? 1 : 0, inUse: this.inUse, created: this.created, reused: this.reused };
  }

  /** Drains the connection (pending publishes go out) and forgets it. */
  async close(): Promise<void> {
    const connection = this.connection ?? (await this.pending?.catch(() => undefined));
    this.connection = undefined;
    this.pending = undefined;
    if (connection && !connection.isClosed()) await connection.drain().catch(() => connection.close());
  }
}
