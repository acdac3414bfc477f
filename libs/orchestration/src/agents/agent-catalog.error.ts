export type AgentCatalogErrorCode = 'DUPLICATE_AGENT' | 'INVALID_DOMAIN_AGENT';

/** A start-up error of agent discovery: two providers claim one name, or a marked provider cannot serve. */
export class AgentCatalogError extends Error {
  constructor(
    readonly code: AgentCatalogErrorCode,
    message: string,
    readonly agentName?: string,
  ) {
    super(message);
    this.name = 'AgentCatalogError';
  }
}
