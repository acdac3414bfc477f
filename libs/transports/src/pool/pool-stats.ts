/** What a connection pool reports (the metrics of the observability layer read these). */
export interface PoolStats {
  transport: 'nats' | 'grpc' | 'a2a' | 'mcp';
  /** The endpoint (a NATS server list, a gRPC host:port, an HTTP origin, an MCP server's name). */
  address: string;
  /** Connections or channels the pool holds now. */
  size: number;
  /** Of them, carrying at least one call now. */
  inUse: number;
  /** Opened since start. */
  created: number;
  /** Calls that went over an already-open connection. */
  reused: number;
}

/** reused ÷ (reused + created): the original framework's connection reuse ratio. */
export function reuseRatio(stats: Pick<PoolStats, 'created' | 'reused'>): number {
  const total = stats.created + stats.reused;
  return total === 0 ? 0 : stats.reused / total;
}
