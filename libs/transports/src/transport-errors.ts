import { TaskError } from '@a2a-mcp/core-graph';

/**
 * How an agent is reached: in process, over NATS or gRPC (our agent protocol), as an A2A agent over
 * HTTP, as the tools of an MCP server, or as an LLM behind an OpenAI-compatible endpoint.
 */
export type TransportKind = 'local' | 'nats' | 'grpc' | 'a2a' | 'mcp' | 'llm';

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
