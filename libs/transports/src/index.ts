export { WIRE_HEADERS, idempotencyKeyOf, type AttemptRequest } from './wire/attempt-request';
export { BadAgentReplyError, isFinalFrame, parseAttemptFrame, type AttemptFrame, type FinalFrame } from './wire/attempt-frame';
export { agentLost, agentUnavailable, remoteTimeout, type TransportKind } from './transport-errors';
export { reuseRatio, type PoolStats } from './pool/pool-stats';
export type { AgentRoute } from './routing/agent-route';
export { RoutingExecutor } from './routing/routing-executor';
export {
  AnnouncementError,
  decodeAnnouncement,
  discoverySubjects,
  encodeAnnouncement,
  natsSubjectPrefix,
  parseAnnouncement,
  type AgentAnnouncement,
  type DiscoverySubjects,
} from './discovery/announcement';
export { AgentAnnouncer, type AgentAnnouncerOptions } from './discovery/agent-announcer';
export { DiscoveryListener, type DiscoveryListenerOptions } from './discovery/discovery-listener';
export { AgentsConfigError, parseAgentsConfig, readAgentsConfigFile, type A2aAgentEntry, type AgentsConfig, type PinnedAgent } from './discovery/agents-config';
export { reportingReplica } from './discovery/served-by';
export { serveAttempt, type AttemptSink, type ServeAttemptOptions } from './attempt/serve-attempt';
export { AttemptDeduplicator, DEFAULT_DEDUP_CAPACITY, type DedupClaim } from './attempt/attempt-deduplicator';
export { InputAnswers } from './attempt/input-answers';
export { consumeFrames, type ConsumeOptions } from './attempt/consume-frames';
export {
  DEFAULT_TRANSPORT_SETTINGS,
  TransportSettingsError,
  transportSettingsFromEnv,
  type TransportSettingProblem,
  type TransportSettings,
} from './transport-settings';
export { HIDDEN_VALUE, Secret } from './security/secret';
export type { TlsFiles } from './security/tls-files';
export { NATS_AUTH_VARIABLES, type NatsAuth, type NatsAuthMethod, type NatsTlsFiles } from './nats/nats-auth';
export { connectNats, NatsConnectError, type ConnectNatsOptions, type NatsEndpoint } from './nats/nats-connect';
export { grpcChannelSecurity, grpcServerCredentials, type GrpcChannelSecurity, type GrpcTlsFiles } from './grpc/grpc-tls';
export { AGENT_PROTO_PACKAGE, AGENT_PROTO_PATH, AGENT_SERVICE_NAME } from './grpc/agent-proto';
export { GrpcAgentService, type GrpcAgentServiceOptions } from './grpc/grpc-agent.service';
export { GrpcAgentController } from './grpc/grpc-agent.controller';
export { GrpcAgentsModule } from './grpc/grpc-agents.module';
export {
  GrpcAgentTransport,
  grpcAgentMicroserviceOptions,
  startGrpcAgentServer,
  type GrpcAgentEndpointOptions,
  type RunningGrpcAgentServer,
  type StartGrpcAgentServerOptions,
} from './grpc/grpc-agent.server';
export { GrpcAgentClient, type GrpcAgentClientOptions, type GrpcHealth } from './grpc/grpc-agent.client';
export { GrpcChannelPool } from './grpc/grpc-channel-pool';
export { BadAttemptRequestError, parseAttemptRequest } from './attempt/parse-attempt-request';
export { agentSubjects, DEFAULT_AGENT_SUBJECT_PREFIX, type AgentSubjects, type CancelMessage, type InputAnswerMessage } from './nats/nats-subjects';
export { NatsConnectionPool } from './nats/nats-connection-pool';
export { NatsAgentServer, type NatsAgentServerOptions } from './nats/nats-agent.server';
export { NatsAgentClient, type NatsAgentClientOptions } from './nats/nats-agent.client';
export { UntrustedUrlError, UrlGuard, parseAllowedHosts, type UrlGuardOptions } from './security/url-guard';
export { UntrustedResponseError, guardedFetch, parseJsonBody, type GuardedFetchOptions, type GuardedResponse } from './security/guarded-fetch';
export type { ExternalAgent } from './external/external-agent';
export {
  MCP_SERVER_NAME,
  McpServersConfigError,
  parseMcpServersConfig,
  readMcpServersConfigFile,
  type McpHttpServer,
  type McpServerEntry,
  type McpServersConfig,
  type McpStdioServer,
} from './mcp/mcp-servers-config';
export { connectMcpServer, type ConnectMcpServerOptions } from './mcp/mcp-server-agent';
export { connectA2aAgent, DEFAULT_MAX_CARD_BYTES, type A2aAgent, type ConnectA2aAgentOptions } from './a2a/connect-a2a-agent';
export { A2aExecutor, type A2aExecutorOptions } from './a2a/a2a-executor';
export { A2aHttpPool, type A2aHttpPoolOptions } from './a2a/a2a-http-pool';
export { AgentCardUnavailableError, BadAgentCardError } from './a2a/bad-agent-card.error';
export { InvalidAgentNameError, toAgentCard } from './a2a/a2a-card-conversion';
export { SKILL_PLANNING_EXTENSION_URI, validateA2aCard, type A2aBinding, type A2aEndpoint, type ValidA2aCard } from './a2a/a2a-card-validation';
export { A2A_AGENT_NAME_PATTERN, agentNameFromDisplayName } from './a2a/a2a-agent-name';
export { AGENT_CARD_PATH, agentCardUrlOf, fetchAgentCard, type FetchAgentCardOptions } from './a2a/fetch-agent-card';
export { BadTlsOptionError, type A2aTlsOptions } from './a2a/a2a-tls';
