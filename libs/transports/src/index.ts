export { WIRE_HEADERS, idempotencyKeyOf, type AttemptRequest } from './wire/attempt-request';
export { BadAgentReplyError, isFinalFrame, parseAttemptFrame, type AttemptFrame, type FinalFrame } from './wire/attempt-frame';
export { agentLost, agentUnavailable, remoteTimeout, type TransportKind } from './transport-errors';
export { reuseRatio, type PoolStats } from './pool/pool-stats';
export type { AgentRoute } from './routing/agent-route';
export { RoutingExecutor } from './routing/routing-executor';
