import { TaskError } from '@a2a-mcp/core-graph';

/** The transports a remote agent is reached over (A2A and MCP join later). */
export type TransportKind = 'local' | 'nats' | 'grpc';

/** No responder, connection refused, channel down: retryable, another replica or a later try may answer. */
export function agentUnavailable(agent: string, transport: TransportKind, address: string, why: string): TaskError {
  return new TaskError('AGENT_UNAVAILABLE', `agent "${agent}" is unavailable over ${transport} at ${address}: ${why}`, true);
}

/** The caller's deadline passed on the remote side (gRPC DEADLINE_EXCEEDED, a NATS request timeout). */
export function remoteTimeout(agent: string, transport: TransportKind, address: string, deadlineMs: number): TaskError {
  return new TaskError('TASK_TIMEOUT', `agent "${agent}" over ${transport} at ${address} did not answer within ${deadlineMs} ms`, true);
}

/** Heartbeats stopped: the replica died or lost its connection. Retryable, so the retry lands on a live replica. */
export function agentLost(agent: string, transport: TransportKind, address: string, silentMs: number): TaskError {
  return new TaskError('AGENT_LOST', `agent "${agent}" over ${transport} at ${address} sent no heartbeat for ${silentMs} ms`, true);
}
