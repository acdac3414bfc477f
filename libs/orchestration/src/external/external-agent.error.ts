export type ExternalAgentErrorCode =
  /** The URL is not http(s), or reaches a loopback/private address not in AGENT_ALLOWED_HOSTS. */
  | 'UNTRUSTED_URL'
  /** The agent answered with something that is not a usable card or tool list. */
  | 'BAD_AGENT_CARD'
  /** It did not answer in time, or refused the connection. */
  | 'AGENT_UNREACHABLE'
  /** Its name is taken by another agent. */
  | 'DUPLICATE_AGENT'
  /** The name asked for is not an agent name (letters, digits, _ and -). */
  | 'INVALID_AGENT_NAME';

/** Registering an external agent failed; the message names the agent's URL or entry. */
export class ExternalAgentError extends Error {
  constructor(
    readonly code: ExternalAgentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ExternalAgentError';
  }
}

const CARD_CODES = new Set(['BAD_AGENT_CARD', 'BAD_RESPONSE', 'RESPONSE_TOO_LARGE', 'INVALID_MCP_SERVER']);

/** A connector's failure as an ExternalAgentError: its own code decides the kind. */
export function externalAgentError(label: string, error: unknown): ExternalAgentError {
  if (error instanceof ExternalAgentError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'UNTRUSTED_URL') return new ExternalAgentError('UNTRUSTED_URL', `${label}: ${message}`);
  if (code === 'INVALID_AGENT_NAME') return new ExternalAgentError('INVALID_AGENT_NAME', `${label}: ${message}`);
  if (code === 'DUPLICATE_AGENT') return new ExternalAgentError('DUPLICATE_AGENT', `${label}: ${message}`);
  if (typeof code === 'string' && CARD_CODES.has(code)) return new ExternalAgentError('BAD_AGENT_CARD', `${label}: ${message}`);
  return new ExternalAgentError('AGENT_UNREACHABLE', `${label}: ${message}`);
}
