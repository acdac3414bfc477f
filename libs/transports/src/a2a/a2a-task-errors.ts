import { TaskError } from '@a2a-mcp/core-graph';
import { A2AError, isJsonRpcError } from '@a2a-js/sdk/errors';
import { UntrustedUrlError } from '../security/url-guard';
import { agentUnavailable } from '../transport-errors';
import { BadAgentReplyError } from '../wire/attempt-frame';
import { tlsFailure } from './a2a-tls';
import { causeChain } from './error-causes';

/** The agent and endpoint a call went to, for messages. */
export interface A2aCallTarget {
  agent: string;
  address: string;
}

/** JSON-RPC "internal error": the agent failed, not the request; another try may succeed. */
const INTERNAL_ERROR = -32603;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** What the SDK throws when the agent's bytes are not the protocol (bad SSE data, another request's id). */
const MALFORMED_REPLY = /Failed to parse SSE event|response ID mismatch|missing 'result'|Invalid response Content-Type|Invalid response|empty SSE event|SSE event too large|exceeds/i;

/**
 * A failed A2A call as the TaskError the engine understands. Refused URLs stay refused
 * (UNTRUSTED_URL, not retryable); a JSON-RPC error from the agent is A2A_REQUEST_REFUSED (not
 * retryable, except an internal error); a reply that is not the protocol is BAD_AGENT_REPLY; anything
 * else (connection refused, reset, HTTP 5xx) is AGENT_UNAVAILABLE, retryable.
 */
export function taskErrorFromA2a(error: unknown, target: A2aCallTarget): TaskError {
  if (error instanceof TaskError) return error;
  const chain = causeChain(error);
  const refused = chain.find((entry): entry is UntrustedUrlError => entry instanceof UntrustedUrlError);
  if (refused) return new TaskError('UNTRUSTED_URL', `agent "${target.agent}" over a2a: ${refused.message}`, false);
  const protocol = chain.find((entry): entry is A2AError => entry instanceof A2AError);
  if (protocol) {
    const internal = isJsonRpcError(protocol) && protocol.envelopeCode === INTERNAL_ERROR;
    return new TaskError(
      internal ? 'A2A_AGENT_ERROR' : 'A2A_REQUEST_REFUSED',
      `agent "${target.agent}" over a2a at ${target.address} answered with an error (${protocol.reason}): ${protocol.message}`,
      internal,
    );
  }
  const message = messageOf(error);
  if (MALFORMED_REPLY.test(message)) return new BadAgentReplyError(target.agent, `${target.address}: ${message}`);
  const tls = tlsFailure(error, target.address);
  if (tls !== undefined) return agentUnavailable(target.agent, 'a2a', target.address, tls);
  // "fetch failed" says nothing: the socket error under it does (ECONNREFUSED, ECONNRESET, ...).
  const innermost = chain[chain.length - 1];
  const why = innermost !== error ? `${message} (${messageOf(innermost)})` : message;
  return agentUnavailable(target.agent, 'a2a', target.address, why);
}

/** The remote task ended `failed` (retryable: the agent may succeed later) or `rejected` (it will not do it). */
export function a2aTaskFailed(target: A2aCallTarget, a2aTaskId: string, state: 'failed' | 'rejected', agentMessage: string): TaskError {
  const said = agentMessage.trim() === '' ? 'no reason given' : agentMessage.trim();
  return new TaskError('A2A_TASK_FAILED', `agent "${target.agent}" at ${target.address} ${state} task ${a2aTaskId}: ${said}`, state === 'failed');
}
