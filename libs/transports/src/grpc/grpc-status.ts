import { TaskError } from '@a2a-mcp/core-graph';
import { status, type ServiceError } from '@grpc/grpc-js';
import { agentUnavailable, remoteTimeout } from '../transport-errors';
import { BadAgentReplyError } from '../wire/attempt-frame';
import { grpcTlsHint } from './grpc-tls';

export const isServiceError = (error: unknown): error is ServiceError =>
  error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number' && 'metadata' in error;

/** Where a failed call was going, for the error's message. */
export interface CallTarget {
  agent: string;
  address: string;
  /** The call's budget in ms, for a DEADLINE_EXCEEDED message. */
  deadlineMs?: number;
  /** The channel uses TLS (GRPC_TLS_*): a failed connect gets a hint about the TLS settings. */
  secure?: boolean;
}

/**
 * A failed gRPC call as the TaskError the engine understands. Transport failures are retryable
 * (another replica, or the same one later, may answer); a reply the host cannot decode is BAD_AGENT_REPLY.
 */
export function taskErrorFromGrpc(error: ServiceError, target: CallTarget): TaskError {
  const detail = `${status[error.code] ?? error.code}: ${error.details || error.message}`;
  switch (error.code) {
    case status.DEADLINE_EXCEEDED:
      return remoteTimeout(target.agent, 'grpc', target.address, target.deadlineMs ?? 0);
    case status.UNIMPLEMENTED:
      return new BadAgentReplyError(target.agent, `${target.address} does not serve AgentService (${detail})`);
    case status.RESOURCE_EXHAUSTED:
      // A payload over AGENT_MAX_PAYLOAD_BYTES stays too big on every replica.
      return new TaskError('PAYLOAD_TOO_LARGE', `agent "${target.agent}" over grpc at ${target.address}: ${detail}`, false);
    case status.INTERNAL:
      if (/parse|deserializ|decod/i.test(error.details ?? '')) return new BadAgentReplyError(target.agent, detail);
      return agentUnavailable(target.agent, 'grpc', target.address, detail);
    case status.UNAVAILABLE: {
      // A refused TLS handshake is UNAVAILABLE too; say which GRPC_TLS_* variable to check.
      const hint = grpcTlsHint(error.details ?? '', target.secure === true);
      return agentUnavailable(target.agent, 'grpc', target.address, hint === undefined ? detail : `${detail} (${hint})`);
    }
    default:
      // CANCELLED by the server (it shut down), UNKNOWN, ...
      return agentUnavailable(target.agent, 'grpc', target.address, detail);
  }
}

/** Transport-level failures after which the channel is replaced rather than reused. */
export function breaksChannel(error: unknown): boolean {
  return isServiceError(error) && (error.code === status.UNAVAILABLE || error.code === status.INTERNAL);
}
