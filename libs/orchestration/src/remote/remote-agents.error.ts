/** A start-up failure of remote agents: NATS cannot be reached (the message names NATS_URL). */
export class RemoteAgentsError extends Error {
  constructor(
    readonly code: 'NATS_UNAVAILABLE',
    message: string,
  ) {
    super(message);
    this.name = 'RemoteAgentsError';
  }
}
