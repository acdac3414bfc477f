import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AgentCard } from '@a2a-mcp/agents';
import type { ExternalAgent } from '@a2a-mcp/transports';
import { AgentCatalog } from '../agents/agent-catalog.service';
import { AgentCatalogError } from '../agents/agent-catalog.error';
import type { OrchestratorConfig } from '../config/orchestrator-config';
import { ORCHESTRATOR_CONFIG } from '../orchestration.tokens';
import { EXTERNAL_AGENT_SPECS, type ExternalAgentSpec } from './external-agent-spec';
import { ExternalAgentError, externalAgentError } from './external-agent.error';

/** Failures that waiting cannot heal; an unreachable agent or a bad card (one still starting up) may. */
const isPermanent = (failure: ExternalAgentError): boolean => ['UNTRUSTED_URL', 'DUPLICATE_AGENT', 'INVALID_AGENT_NAME'].includes(failure.code);

/** The first retry of an agent that was down at boot; each next wait doubles up to EXTERNAL_AGENT_RETRY_MS. */
const FIRST_RETRY_MS = 1_000;

/**
 * Connects the agents other parties serve (A2A agents by card URL, MCP servers, LLM endpoints) and
 * registers them in the catalog, so their skills join planning like any agent's. Boot waits for each at
 * most EXTERNAL_AGENT_CONNECT_TIMEOUT_MS; one that is down then is retried in the background (with a
 * doubling wait) and joins when it answers, so one unreachable partner does not keep the host down.
 * `add` registers one more at run time (POST /v1/agents) and fails at once instead.
 */
@Injectable()
export class ExternalAgents implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ExternalAgents');
  private readonly connected: ExternalAgent[] = [];
  private readonly retries = new Set<NodeJS.Timeout>();
  private closing = false;

  constructor(
    private readonly catalog: AgentCatalog,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Optional() @Inject(EXTERNAL_AGENT_SPECS) private readonly specs: ExternalAgentSpec[] = [],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(
      this.specs.map(async (spec) => {
        try {
          await this.add(spec);
        } catch (error) {
          const failure = externalAgentError(spec.label, error);
          // A refused URL or a bad or taken name will not heal by waiting: say so once and leave it out.
          if (isPermanent(failure)) {
            this.logger.error(`${failure.message}; the agent is left out`);
            return;
          }
          this.logger.warn(`${failure.message}; retrying in the background`);
          this.retryLater(spec, FIRST_RETRY_MS);
        }
      }),
    );
  }

  /** Connects and registers; throws ExternalAgentError naming the spec when it cannot. */
  async add(spec: ExternalAgentSpec): Promise<AgentCard> {
    const agent = await this.connect(spec);
    try {
      this.catalog.registerExternal(agent, spec.label);
    } catch (error) {
      await agent.close().catch(() => undefined);
      if (error instanceof AgentCatalogError) throw new ExternalAgentError('DUPLICATE_AGENT', `${spec.label}: ${error.message}`);
      throw error;
    }
    this.connected.push(agent);
    return agent.card;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
    await Promise.all(this.connected.map((agent) => agent.close().catch(() => undefined)));
  }

  private async connect(spec: ExternalAgentSpec): Promise<ExternalAgent> {
    const controller = new AbortController();
    const timeoutMs = this.config.externalAgents.connectTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const attempt = spec.connect({ signal: controller.signal });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new ExternalAgentError('AGENT_UNREACHABLE', `${spec.label}: no answer within ${timeoutMs} ms (EXTERNAL_AGENT_CONNECT_TIMEOUT_MS)`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([attempt, timeout]);
    } catch (error) {
      // A connection that completes after the timeout is closed rather than leaked.
      attempt.then((late) => late.close(), () => undefined).catch(() => undefined);
      throw externalAgentError(spec.label, error);
    } finally {
      clearTimeout(timer);
    }
  }

  private retryLater(spec: ExternalAgentSpec, waitMs: number): void {
    if (this.closing) return;
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      this.add(spec).then(
        (card) => this.logger.log(`${spec.label}: agent "${card.name}" joined`),
        (error: unknown) => {
          const failure = externalAgentError(spec.label, error);
          if (isPermanent(failure)) this.logger.error(`${failure.message}; the agent is left out`);
          else this.retryLater(spec, Math.min(waitMs * 2, this.config.externalAgents.retryMaxMs));
        },
      );
    }, waitMs);
    timer.unref();
    this.retries.add(timer);
  }
}
