import { Command } from '@nestjs/cqrs';
import type { AgentCard } from '@a2a-mcp/agents';

/** Register a remote A2A agent by its card URL; resolves with its card once it joined the catalog. */
export class RegisterAgentCommand extends Command<AgentCard> {
  constructor(
    readonly cardUrl: string,
    /** The agent's name here; default its card's name made into an identifier. */
    readonly name?: string,
  ) {
    super();
  }
}
