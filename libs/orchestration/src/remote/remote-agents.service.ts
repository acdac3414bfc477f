import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import type { AgentCard } from '@a2a-mcp/agents';
import type { TaskExecutor } from '@a2a-mcp/core-graph';
import { connectNats, DiscoveryListener, discoverySubjects, type AgentAnnouncement, type PinnedAgent } from '@a2a-mcp/transports';
import { AgentCatalogError } from '../agents/agent-catalog.error';
import type { AgentCatalog } from '../agents/agent-catalog.service';
import type { RemoteAgentSource } from '../agents/remote-agent-source';
import type { OrchestratorConfig } from '../config/orchestrator-config';
import { MISSED_ANNOUNCEMENTS } from '../config/remote-agents-settings';
import { ORCHESTRATOR_CONFIG } from '../orchestration.tokens';
import { RemoteAgentCatalog, type AgentRouteStatus } from './remote-agent-catalog';
import { RemoteAgentsError } from './remote-agents.error';
import { remoteRoute } from './remote-route';
import { createRemoteClients, type RemoteClients } from './transport-clients';

/**
 * AGENTS_MODE=remote|both: finds the agents served as separate services and keeps them routable.
 * At boot it connects to NATS, listens to announcements, asks every replica to announce itself and
 * collects replies for AGENTS_DISCOVERY_WINDOW_MS, and fetches the cards of agents pinned to gRPC
 * (AGENTS_CONFIG). Discovered agents are reached over NATS (a queue group spreads tasks over the
 * replicas); pinned ones over their transport. Agents announced later join at once; an agent whose
 * replicas go silent becomes unhealthy and plans naming it are refused at submit.
 */
@Injectable()
export class RemoteAgents implements RemoteAgentSource, OnApplicationShutdown {
  private readonly logger = new Logger('RemoteAgents');
  private readonly model: RemoteAgentCatalog;
  private readonly pinned = new Map<string, PinnedAgent>();
  private connection: NatsConnection | undefined;
  private clients: RemoteClients | undefined;
  private listener: DiscoveryListener | undefined;
  private healthTimer: NodeJS.Timeout | undefined;
  private catalog: AgentCatalog | undefined;

  constructor(@Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig) {
    this.model = new RemoteAgentCatalog(() => Date.now(), MISSED_ANNOUNCEMENTS);
    for (const agent of config.remoteAgents.pinned?.agents ?? []) this.pinned.set(agent.name, agent);
  }

  async attach(catalog: AgentCatalog): Promise<void> {
    const settings = this.config.remoteAgents;
    if (settings.mode === 'embedded') return;
    this.catalog = catalog;
    const { natsUrl } = this.config.transports;
    try {
      this.connection = await connectNats(this.config.transports, { name: 'a2a-mcp host', maxReconnectAttempts: -1 });
    } catch (error) {
      throw new RemoteAgentsError('NATS_UNAVAILABLE', `cannot connect to NATS at ${natsUrl} (NATS_URL), needed by AGENTS_MODE=${settings.mode}: ${messageOf(error)}`);
    }
    this.clients = createRemoteClients(this.config.transports, settings.subjectPrefix);
    this.listener = new DiscoveryListener({
      connection: this.connection,
      subjects: discoverySubjects(settings.subjectPrefix),
      onAnnouncement: (announcement) => this.heard(announcement),
      onBadAnnouncement: (error) => this.logger.warn(`dropped an announcement: ${error.message}`),
    });
    this.listener.start();
    await Promise.all([this.listener.discover(settings.discoveryWindowMs), this.checkPinnedGrpc()]);
    this.healthTimer = setInterval(() => void this.checkPinnedGrpc(), settings.announceMs);
    this.healthTimer.unref();
  }

  status(name: string): AgentRouteStatus | undefined {
    const transport = this.model.transportOf(name);
    if (transport === undefined) return undefined;
    const address = this.model.status(name)?.address ?? '';
    return this.model.status(name, this.clients?.poolStats(transport, address));
  }

  unhealthyReason(name: string): string | undefined {
    return this.model.unhealthyReason(name);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.healthTimer);
    this.listener?.stop();
    await this.clients?.close().catch(() => undefined);
    await this.connection?.drain().catch(() => undefined);
  }

  private heard(announcement: AgentAnnouncement): void {
    for (const card of announcement.cards) {
      const pin = this.pinned.get(card.name);
      // gRPC-pinned agents get their card with GetCard; an announcement only counts as a sign of life.
      if (pin?.transport === 'grpc' || this.model.has(card.name)) continue;
      const address = pin?.address ?? this.config.transports.natsUrl;
      this.model.track(card.name, 'nats', address, { pinned: pin !== undefined, healthPeriodMs: announcement.announceMs });
      this.register(card, 'nats', address, this.clients?.natsExecutor(card.name), `replica "${announcement.replicaId}" over NATS`, pin !== undefined);
    }
    this.model.observe(announcement);
  }

  /** Registers pinned gRPC agents not yet known (GetCard) and checks the health of the known ones. */
  private async checkPinnedGrpc(): Promise<void> {
    const pins = [...this.pinned.values()].filter((pin) => pin.transport === 'grpc');
    await Promise.all(
      pins.map(async (pin) => {
        const address = pin.address as string;
        const clients = this.clients;
        if (clients === undefined) return;
        if (!this.model.has(pin.name)) this.model.track(pin.name, 'grpc', address, { pinned: true, healthPeriodMs: this.config.remoteAgents.announceMs });
        try {
          if (this.catalog?.executor.routeOf(pin.name)?.transport !== 'grpc') {
            const card = await clients.grpcCard(address, pin.name);
            this.register(card, 'grpc', address, clients.grpcExecutor(pin.name, address), `AGENTS_CONFIG (gRPC at ${address})`, true);
          } else if (!(await clients.grpcHealthy(address))) throw new Error('not serving');
          this.model.healthChecked(pin.name, true);
        } catch (error) {
          this.model.healthChecked(pin.name, false, messageOf(error));
        }
      }),
    );
  }

  private register(card: AgentCard, transport: 'nats' | 'grpc', address: string, client: TaskExecutor | undefined, source: string, override: boolean): void {
    if (client === undefined || this.catalog === undefined) return;
    const route = remoteRoute(card.name, transport, address, client, (agent, replicaId) => this.model.served(agent, replicaId));
    try {
      this.catalog.registerRemote(card, route, { source, override });
    } catch (error) {
      if (!(error instanceof AgentCatalogError)) throw error;
      this.logger.warn(`agent "${card.name}" from ${source} was not registered: ${error.message}`);
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
