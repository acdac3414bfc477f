import { Inject, Injectable } from '@nestjs/common';
import type { AgentCard as A2aAgentCard } from '@a2a-js/sdk';
import type { Request } from 'express';
import { AgentCatalog, ORCHESTRATOR_CONFIG, type AuthMode, type OrchestratorConfig } from '@a2a-mcp/orchestration';
import { buildHostAgentCard } from './host-agent-card';
import { hostVersion } from './host-version';
import { baseUrlOf } from './public-url';

/**
 * The host's agent card, built when asked: the agents can change while the host runs (remote agents
 * come and go), and without PUBLIC_URL its URLs are the address the client used (a malformed
 * PUBLIC_URL stops the start with the configuration's other errors).
 */
@Injectable()
export class HostCard {
  readonly publicUrl: string | undefined;
  /** AUTH_MODE: the card advertises the scheme clients authenticate with. */
  private readonly authMode: AuthMode;
  private readonly version = hostVersion();

  constructor(
    private readonly catalog: AgentCatalog,
    @Inject(ORCHESTRATOR_CONFIG) config: OrchestratorConfig,
  ) {
    this.publicUrl = config.publicUrl;
    this.authMode = config.security.authMode;
  }

  /** The card for a client: URLs from PUBLIC_URL, else from the request's protocol and Host header. */
  forRequest(req: Request): A2aAgentCard {
    return this.build(baseUrlOf(req, this.publicUrl));
  }

  /** The card where no request tells the address (the SDK's own checks): PUBLIC_URL, else localhost. */
  withoutRequest(): A2aAgentCard {
    return this.build(this.publicUrl ?? 'http://localhost');
  }

  private build(baseUrl: string): A2aAgentCard {
    return buildHostAgentCard({ baseUrl, version: this.version, agents: this.catalog.cards(), authMode: this.authMode });
  }
}
