import type { LogLevel, ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NatsConnection } from 'nats';
import type { TaskExecutor } from '@a2a-mcp/core-graph';
import { AgentCatalog } from '@a2a-mcp/orchestration';
import {
  AgentAnnouncer,
  AttemptDeduplicator,
  NatsAgentServer,
  connectNats,
  discoverySubjects,
  natsSubjectPrefix,
  reportingReplica,
  startGrpcAgentServer,
  type RunningGrpcAgentServer,
} from '@a2a-mcp/transports';
import { FrameworkMetrics, meterServedAttempts } from '@a2a-mcp/observability';
import { AgentsAppModule, NatsServingModule } from './agents-app.module';
import { startMetricsServer, type MetricsServer } from './metrics-server';
import type { ReplicaSettings } from './replica-settings';

export interface StartReplicaOptions {
  settings: ReplicaSettings;
  /** Modules whose agents it serves; default the demo agents, the simulator and approval_agent. */
  imports?: ModuleMetadata['imports'];
  /** Each attempt as it starts, by idempotency key (LOG_LEVEL=debug prints them). */
  onStarted?(idempotencyKey: string): void;
  /** Each completed attempt, by idempotency key (LOG_LEVEL=debug prints them). */
  onCompleted?(idempotencyKey: string): void;
  logLevels?: LogLevel[] | false;
}

export interface RunningReplica {
  replicaId: string;
  agents: string[];
  /** host:port others dial for its gRPC server. */
  grpcAddress: string;
  grpcPort: number;
  /** The port of its /metrics and /health. */
  metricsPort: number;
  natsUrl: string;
  /** Says goodbye on NATS, stops both servers (attempts in flight are aborted) and closes the agents. */
  close(): Promise<void>;
}

/** One replica: its agents over NATS and gRPC at once, announced on NATS. */
export async function startReplica(options: StartReplicaOptions): Promise<RunningReplica> {
  const { settings } = options;
  const agentsContext = await NestFactory.createApplicationContext(AgentsAppModule.register(options.imports), { logger: options.logLevels ?? false, abortOnError: false });
  const catalog = agentsContext.get(AgentCatalog);
  await agentsContext.init();
  const cards = catalog.cards();
  const onStarted = options.onStarted;
  const agents: TaskExecutor =
    onStarted === undefined
      ? catalog.registry
      : {
          execute(task, ctx) {
            onStarted(ctx.idempotencyKey);
            return catalog.registry.execute(task, ctx);
          },
        };
  const executor = reportingReplica(agents, options.onCompleted);
  const metrics = settings.observability ? new FrameworkMetrics() : null;
  const servedOver = (transport: string): TaskExecutor => (metrics === null ? executor : meterServedAttempts(executor, metrics, transport));
  // One deduplicator for both servers: an attempt re-delivered over the other transport still runs once.
  const dedup = new AttemptDeduplicator();
  const { replicaId, transports } = settings;
  let connection: NatsConnection | undefined;
  let grpc: RunningGrpcAgentServer | undefined;
  let announcer: AgentAnnouncer | undefined;
  let metricsServer: MetricsServer | undefined;
  const stops: (() => Promise<unknown>)[] = [];
  try {
    grpc = await startGrpcAgentServer({
      url: `${settings.grpcHost}:${settings.grpcPort}`,
      executor: servedOver('grpc'),
      cards,
      replicaId,
      heartbeatMs: transports.heartbeatMs,
      dedup,
      maxPayloadBytes: transports.maxPayloadBytes,
      tls: transports.grpcTls,
    });
    const grpcServer = grpc;
    stops.push(() => grpcServer.close());
    connection = await connectNats(transports, { name: `a2a-mcp agents ${replicaId}`, maxReconnectAttempts: -1 });
    const strategy = new NatsAgentServer({
      executor: servedOver('nats'),
      agents: cards.map((card) => card.name),
      connection,
      replicaId,
      heartbeatMs: transports.heartbeatMs,
      maxPayloadBytes: transports.maxPayloadBytes,
      subjectPrefix: natsSubjectPrefix(settings.subjectPrefix),
      dedup,
    });
    const natsService = await NestFactory.createMicroservice(NatsServingModule, { strategy, logger: options.logLevels ?? false, abortOnError: false });
    await natsService.listen();
    stops.push(() => natsService.close());
    const grpcAddress = `${settings.advertiseHost}:${grpc.port}`;
    metricsServer = await startMetricsServer({
      host: settings.grpcHost,
      port: settings.metricsPort,
      metrics,
      health: () => ({ replicaId, agents: cards.map((card) => card.name), grpcAddress }),
    });
    const metricsHttp = metricsServer;
    stops.push(() => metricsHttp.close());
    announcer = new AgentAnnouncer({
      connection,
      subjects: discoverySubjects(settings.subjectPrefix),
      announcement: { replicaId, cards, grpcAddress, announceMs: settings.announceMs },
    });
    announcer.start();
    const started = { announcer, connection };
    return {
      replicaId,
      agents: cards.map((card) => card.name),
      grpcAddress,
      grpcPort: grpc.port,
      metricsPort: metricsServer.port,
      natsUrl: transports.natsUrl,
      async close() {
        await started.announcer.stop();
        for (const stop of stops.reverse()) await stop().catch(() => undefined);
        await started.connection.drain().catch(() => undefined);
        await agentsContext.close();
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await connection?.close().catch(() => undefined);
    await agentsContext.close();
    throw error;
  }
}
