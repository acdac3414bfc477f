import type { AgentRouteStatus } from '../remote/remote-agent-catalog';
import type { AgentCatalog } from './agent-catalog.service';

/** Token of the provider that brings remote agents into the catalog (AGENTS_MODE=remote|both). */
export const REMOTE_AGENT_SOURCE = Symbol.for('a2a-mcp:remote-agent-source');

/** Finds agents served elsewhere (NATS discovery, AGENTS_CONFIG) and keeps their health. */
export interface RemoteAgentSource {
  /** Called once the in-process agents are registered; registers the remote ones found at boot. */
  attach(catalog: AgentCatalog): Promise<void>;
  /** Undefined when the agent is not remote. */
  status(name: string): AgentRouteStatus | undefined;
  /** Undefined when the remote agent may take tasks now, else why not. */
  unhealthyReason(name: string): string | undefined;
}
