/**
 * An A2A agent card the host will not use: not JSON, too large, a required field missing or of the
 * wrong type. `field` is the JSON path of the first problem (`skills[2].tags[0]`), or `(body)` when the
 * document as a whole is refused.
 */
export class BadAgentCardError extends Error {
  readonly code = 'BAD_AGENT_CARD' as const;
  constructor(
    readonly url: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`the agent card at ${url} is unusable: ${field} ${problem}`);
    this.name = 'BadAgentCardError';
  }
}

/** The card could not be fetched at all (refused, timed out, HTTP 5xx): another try later may work. */
export class AgentCardUnavailableError extends Error {
  readonly code = 'AGENT_UNAVAILABLE' as const;
  constructor(
    readonly url: string,
    why: string,
  ) {
    super(`cannot fetch the agent card at ${url}: ${why}`);
    this.name = 'AgentCardUnavailableError';
  }
}
