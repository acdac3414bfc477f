import type { PoolStats } from '../pool/pool-stats';
import type { AgentServiceClient } from './agent-service-client';

interface PooledChannel {
  client: AgentServiceClient;
  inUse: number;
  /** A call on it failed at the transport level: no new calls; closed once its calls end. */
  broken: boolean;
}

export interface ChannelLease {
  readonly client: AgentServiceClient;
  /** Ends the lease (idempotent). `broken`: the channel failed, replace it rather than reuse it. */
  release(broken?: boolean): void;
}

/**
 * Up to `size` channels to one endpoint (CONNECTION_POOL_SIZE), opened lazily: a call takes the
 * least-busy channel, and a new one opens only while every open channel is busy and there is room.
 */
export class GrpcChannelPool {
  private readonly channels: PooledChannel[] = [];
  private created = 0;
  private reused = 0;
  private closed = false;

  constructor(
    readonly address: string,
    private readonly size: number,
    private readonly open: (address: string) => AgentServiceClient,
  ) {
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`the gRPC pool size must be an integer ≥ 1, got ${size}`);
  }

  acquire(): ChannelLease {
    if (this.closed) throw new Error(`the gRPC channel pool for ${this.address} is closed`);
    let channel = this.channels.reduce<PooledChannel | undefined>((best, next) => (best === undefined || next.inUse < best.inUse ? next : best), undefined);
    if (channel === undefined || (channel.inUse > 0 && this.channels.length < this.size)) {
      channel = { client: this.open(this.address), inUse: 0, broken: false };
      this.channels.push(channel);
      this.created += 1;
    } else {
      this.reused += 1;
    }
    const leased = channel;
    leased.inUse += 1;
    let released = false;
    return {
      client: leased.client,
      release: (broken = false) => {
        if (released) return;
        released = true;
        leased.inUse -= 1;
        if (broken && !leased.broken) {
          leased.broken = true;
          this.channels.splice(this.channels.indexOf(leased), 1);
        }
        if (leased.broken && leased.inUse === 0) leased.client.close();
      },
    };
  }

  stats(): PoolStats {
    return {
      transport: 'grpc',
      address: this.address,
      size: this.channels.length,
      inUse: this.channels.filter((channel) => channel.inUse > 0).length,
      created: this.created,
      reused: this.reused,
    };
  }

  /** Closes every channel and refuses new leases (the client makes a new pool for later calls). */
  close(): void {
    this.closed = true;
    for (const channel of this.channels.splice(0)) channel.client.close();
  }
}
