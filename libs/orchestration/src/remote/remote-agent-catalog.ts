import type { AgentAnnouncement, PoolStats, TransportKind } from '@a2a-mcp/transports';

/** One replica of a remote agent, as the host last heard of it. */
export interface ReplicaStatus {
  replicaId: string;
  /** When it last announced itself or served a task (ISO time). */
  lastSeenAt: string;
  /** Tasks of this agent it has served for this host. */
  tasksServed: number;
  /** It said goodbye (graceful shutdown). */
  leaving?: boolean;
}

/** Where an agent runs and whether the host may send it tasks (GET /v1/agents). */
export interface AgentRouteStatus {
  name: string;
  transport: TransportKind;
  /** `in-process`, a NATS server URL, a gRPC `host:port`. */
  address: string;
  healthy: boolean;
  /** Why it is unhealthy. */
  reason?: string;
  /** Remote agents: the replicas seen. Empty for in-process agents. */
  replicas: ReplicaStatus[];
  /** Remote agents: the connection pool of its client. */
  pool?: PoolStats;
}

interface ReplicaRecord {
  lastSeenMs: number;
  announceMs: number;
  tasksServed: number;
  leaving: boolean;
}

interface RemoteAgentRecord {
  transport: 'nats' | 'grpc';
  address: string;
  /** Pinned by AGENTS_CONFIG: only replicas announcing that gRPC address count. */
  pinned: boolean;
  replicas: Map<string, ReplicaRecord>;
  /** Last time a Health call answered SERVING (pinned gRPC agents). */
  healthOkMs?: number;
  healthPeriodMs: number;
  /** The last failure of a Health call, for the reason. */
  healthError?: string;
}

/** A replica silent for this many announce periods is forgotten (it stays listed, unhealthy, until then). */
const FORGET_AFTER_PERIODS = 20;

/**
 * The host's view of its remote agents: for each, the transport and address it is reached at, the
 * replicas seen (announcements, tasks served) and health. An agent is healthy while one of its replicas
 * announced within `missedAnnouncements` of its periods, or (gRPC) its Health call answered as recently.
 * Plain TypeScript on an injected clock, so health rules are tested without waiting.
 */
export class RemoteAgentCatalog {
  private readonly agents = new Map<string, RemoteAgentRecord>();

  constructor(
    private readonly now: () => number,
    private readonly missedAnnouncements: number,
  ) {}

  /** Declares an agent reached over `transport` at `address` (from discovery or AGENTS_CONFIG). */
  track(name: string, transport: RemoteAgentRecord['transport'], address: string, options: { pinned: boolean; healthPeriodMs: number }): void {
    const known = this.agents.get(name);
    if (known !== undefined && known.pinned && !options.pinned) return;
    this.agents.set(name, { transport, address, pinned: options.pinned, replicas: known?.replicas ?? new Map(), healthPeriodMs: options.healthPeriodMs });
  }

  has(name: string): boolean {
    return this.agents.has(name);
  }

  names(): string[] {
    return [...this.agents.keys()];
  }

  transportOf(name: string): RemoteAgentRecord['transport'] | undefined {
    return this.agents.get(name)?.transport;
  }

  /** Records an announcement for the agents it names that this catalog tracks. */
  observe(announcement: AgentAnnouncement): void {
    const at = this.now();
    for (const card of announcement.cards) {
      const agent = this.agents.get(card.name);
      if (agent === undefined) continue;
      // A gRPC-pinned agent is served at its address: another replica's announcement says nothing about it.
      if (agent.transport === 'grpc' && agent.address !== announcement.grpcAddress) continue;
      const replica = agent.replicas.get(announcement.replicaId);
      agent.replicas.set(announcement.replicaId, {
        lastSeenMs: at,
        announceMs: announcement.announceMs,
        tasksServed: replica?.tasksServed ?? 0,
        leaving: announcement.leaving === true,
      });
    }
    this.forgetSilent(at);
  }

  /** A replica served a task: it is alive, and the count shows the spread. */
  served(name: string, replicaId: string): void {
    const agent = this.agents.get(name);
    if (agent === undefined) return;
    const replica = agent.replicas.get(replicaId);
    if (replica === undefined) agent.replicas.set(replicaId, { lastSeenMs: this.now(), announceMs: agent.healthPeriodMs, tasksServed: 1, leaving: false });
    else {
      replica.tasksServed++;
      replica.lastSeenMs = this.now();
    }
  }

  /** The outcome of a Health (or GetCard) call to a gRPC agent. */
  healthChecked(name: string, ok: boolean, error?: string): void {
    const agent = this.agents.get(name);
    if (agent === undefined) return;
    if (ok) {
      agent.healthOkMs = this.now();
      agent.healthError = undefined;
    } else agent.healthError = error ?? 'not serving';
  }

  /** Undefined when healthy, else why not ("no replica has announced it for 15000 ms", ...). */
  unhealthyReason(name: string): string | undefined {
    const agent = this.agents.get(name);
    if (agent === undefined) return 'no replica serves it';
    const at = this.now();
    const live = [...agent.replicas.values()].some((replica) => !replica.leaving && at - replica.lastSeenMs <= replica.announceMs * this.missedAnnouncements);
    if (live) return undefined;
    if (agent.healthOkMs !== undefined && at - agent.healthOkMs <= agent.healthPeriodMs * this.missedAnnouncements) return undefined;
    if (agent.healthError !== undefined) return `its Health check over ${agent.transport} at ${agent.address} failed: ${agent.healthError}`;
    if (agent.replicas.size === 0) return `no replica has announced it over ${agent.transport} at ${agent.address}`;
    const replicas = [...agent.replicas.values()];
    const silent = replicas.filter((replica) => !replica.leaving);
    const left = replicas.length - silent.length;
    const gone = left === 0 ? '' : `${left} replica(s) shut down`;
    if (silent.length === 0) return gone;
    const last = Math.max(...silent.map((replica) => replica.lastSeenMs));
    return `no replica has announced it for ${at - last} ms${gone === '' ? '' : `; ${gone}`}`;
  }

  status(name: string, pool?: PoolStats): AgentRouteStatus | undefined {
    const agent = this.agents.get(name);
    if (agent === undefined) return undefined;
    const reason = this.unhealthyReason(name);
    const replicas = [...agent.replicas.entries()].map(([replicaId, replica]): ReplicaStatus => ({
      replicaId,
      lastSeenAt: new Date(replica.lastSeenMs).toISOString(),
      tasksServed: replica.tasksServed,
      ...(replica.leaving ? { leaving: true } : {}),
    }));
    return {
      name,
      transport: agent.transport,
      address: agent.address,
      healthy: reason === undefined,
      ...(reason === undefined ? {} : { reason }),
      replicas,
      ...(pool === undefined ? {} : { pool }),
    };
  }

  private forgetSilent(at: number): void {
    for (const agent of this.agents.values()) {
      for (const [id, replica] of agent.replicas) {
        if (at - replica.lastSeenMs > replica.announceMs * FORGET_AFTER_PERIODS) agent.replicas.delete(id);
      }
    }
  }
}
