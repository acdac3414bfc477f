import type { AgentCard } from '@a2a-mcp/agents';
import type { TaskExecutor } from '@a2a-mcp/core-graph';
import { GrpcAgentClient, NatsAgentClient, natsSubjectPrefix, type PoolStats, type TransportSettings } from '@a2a-mcp/transports';

/** The host's clients of its remote agents, one per transport, shared by every agent. */
export interface RemoteClients {
  natsExecutor(agent: string): TaskExecutor;
  grpcExecutor(agent: string, address: string): TaskExecutor;
  /** The card of `agent` served at `address` (GetCard); throws when the replica does not serve it. */
  grpcCard(address: string, agent: string): Promise<AgentCard>;
  /** True when the replica at `address` answers Health with SERVING. */
  grpcHealthy(address: string): Promise<boolean>;
  /** The pool the client of `transport` keeps for `address`. */
  poolStats(transport: 'nats' | 'grpc', address: string): PoolStats | undefined;
  close(): Promise<void>;
}

/** `subjectPrefix` is AGENTS_SUBJECT_PREFIX (shared with the replicas). */
export function createRemoteClients(settings: TransportSettings, subjectPrefix: string): RemoteClients {
  const nats = new NatsAgentClient({
    url: settings.natsUrl,
    heartbeatMs: settings.heartbeatMs,
    missedBeats: settings.missedBeats,
    maxPayloadBytes: settings.maxPayloadBytes,
    subjectPrefix: natsSubjectPrefix(subjectPrefix),
    auth: settings.natsAuth,
    tls: settings.natsTls,
  });
  const grpc = new GrpcAgentClient({
    poolSize: settings.poolSize,
    heartbeatMs: settings.heartbeatMs,
    missedBeats: settings.missedBeats,
    maxPayloadBytes: settings.maxPayloadBytes,
    tls: settings.grpcTls,
  });
  return {
    natsExecutor: (agent) => nats.executorFor(agent),
    grpcExecutor: (agent, address) => grpc.executorFor(agent, address),
    async grpcCard(address, agent) {
      const [card] = await grpc.getCards(address, agent);
      if (card === undefined || card.name !== agent) throw new Error(`the replica at ${address} does not serve agent "${agent}"`);
      return card;
    },
    grpcHealthy: async (address) => (await grpc.health(address)).status === 'SERVING',
    poolStats: (transport, address) => (transport === 'grpc' ? grpc.poolStats().find((stats) => stats.address === address) : nats.poolStats()),
    async close() {
      grpc.close();
      await nats.close();
    },
  };
}
