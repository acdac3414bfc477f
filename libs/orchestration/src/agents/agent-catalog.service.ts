import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper';
import { AgentRegistry, type Agent, type AgentCard } from '@a2a-mcp/agents';
import { RoutingExecutor, type AgentRoute, type ExternalAgent } from '@a2a-mcp/transports';
import type { OrchestratorConfig } from '../config/orchestrator-config';
import { ORCHESTRATOR_CONFIG } from '../orchestration.tokens';
import type { AgentRouteStatus } from '../remote/remote-agent-catalog';
import { AgentCatalogError } from './agent-catalog.error';
import { AgentPack } from './agent-pack';
import { REMOTE_AGENT_SOURCE, type RemoteAgentSource } from './remote-agent-source';
import { DOMAIN_AGENT_METADATA, type DomainAgentExecutor } from './domain-agent.decorator';

/**
 * Every agent the host can run tasks on. At start-up it discovers, in every module of the
 * application, the providers marked `@DomainAgent` and the `AgentPack`s of plugin modules, and
 * registers them; two providers claiming one name stop the start with an error naming both.
 * With AGENTS_MODE=remote|both the remote agent source then adds the agents served over NATS or gRPC
 * (with AGENTS_MODE=remote the in-process ones are left out). `registry` holds every card (the planner
 * and validation see remote agents like local ones); `executor`, the engine's executor, routes each
 * task to where its agent runs.
 */
@Injectable()
export class AgentCatalog implements OnModuleInit {
  readonly registry = new AgentRegistry();
  readonly executor = new RoutingExecutor();
  /** Agent name → the provider that declared it, for error messages. */
  private readonly sources = new Map<string, string>();
  /** Agents other parties serve (A2A, MCP, LLM endpoints), for their status. */
  private readonly externals = new Map<string, ExternalAgent>();

  constructor(
    private readonly discovery: DiscoveryService,
    @Optional() @Inject(ORCHESTRATOR_CONFIG) private readonly config?: OrchestratorConfig,
    @Optional() @Inject(REMOTE_AGENT_SOURCE) private readonly remote?: RemoteAgentSource,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config?.remoteAgents.mode !== 'remote') this.registerInProcessAgents();
    await this.remote?.attach(this);
  }

  private registerInProcessAgents(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (wrapper.isAlias) continue;
      const card = domainAgentCardOf(wrapper);
      if (card !== undefined) this.register(agentOf(wrapper, card), providerLabel(wrapper));
      else if (wrapper.instance instanceof AgentPack) {
        const pack = wrapper.instance;
        for (const agent of pack.agents) this.register(agent, `agent pack "${pack.name}" (${providerLabel(wrapper)})`);
      }
    }
  }

  /** Registers one more agent (plugins may add agents at run time). Throws DUPLICATE_AGENT on a taken name. */
  register(agent: Agent, source: string): void {
    const name = agent.card?.name;
    const previous = typeof name === 'string' ? this.sources.get(name) : undefined;
    if (previous !== undefined) {
      throw new AgentCatalogError('DUPLICATE_AGENT', `agent "${name}" is declared twice: by ${previous} and by ${source}`, name);
    }
    try {
      this.registry.register(agent);
    } catch (error) {
      throw new AgentCatalogError('INVALID_DOMAIN_AGENT', `${source}: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.sources.set(name, source);
    this.executor.setRoute({ agent: name, transport: 'local', address: 'in-process', executor: agent });
  }

  /**
   * Registers an agent served elsewhere, or points a known one at `route` when `override` (an agent
   * pinned by AGENTS_CONFIG wins over the in-process one); a known agent is otherwise left as it is.
   * The card feeds planning and validation like a local one's.
   */
  registerRemote(card: AgentCard, route: AgentRoute, options: { source: string; override?: boolean }): void {
    if (this.registry.has(card.name)) {
      if (options.override === true) this.executor.setRoute(route);
      return;
    }
    this.register({ card, execute: (task, ctx) => route.executor.execute(task, ctx) }, options.source);
    this.executor.setRoute(route);
  }

  /**
   * Registers an agent another party serves (an A2A agent, an MCP server's tools, an LLM endpoint).
   * Throws DUPLICATE_AGENT when its name is taken: an external agent never replaces a known one.
   */
  registerExternal(agent: ExternalAgent, source: string): void {
    this.register({ card: agent.card, execute: (task, ctx) => agent.executor.execute(task, ctx) }, source);
    this.externals.set(agent.card.name, agent);
    this.executor.setRoute({ agent: agent.card.name, transport: agent.transport, address: agent.address, executor: agent.executor });
  }

  /** Where each agent runs and whether it may take tasks now (GET /v1/agents), in registration order. */
  statuses(): AgentRouteStatus[] {
    return this.names().map((name) => this.statusOf(name));
  }

  statusOf(name: string): AgentRouteStatus {
    const external = this.externals.get(name);
    if (external !== undefined) {
      const pool = external.poolStats?.();
      return { name, transport: external.transport, address: external.address, healthy: true, replicas: [], ...(pool === undefined ? {} : { pool }) };
    }
    const route = this.executor.routeOf(name);
    if (route !== undefined && route.transport !== 'local') {
      const remote = this.remote?.status(name);
      if (remote !== undefined) return remote;
    }
    return { name, transport: route?.transport ?? 'local', address: route?.address ?? 'in-process', healthy: true, replicas: [] };
  }

  /** Undefined when tasks for `name` may start now; else why not (its remote replicas are gone). */
  unavailableReason(name: string): string | undefined {
    const route = this.executor.routeOf(name);
    // Health by announcements is for NATS/gRPC replicas; an external agent answers for itself per call.
    if (route === undefined || (route.transport !== 'nats' && route.transport !== 'grpc')) return undefined;
    return this.remote?.unhealthyReason(name);
  }

  has(name: string): boolean {
    return this.registry.has(name);
  }

  names(): string[] {
    return this.registry.names();
  }

  cards(): AgentCard[] {
    return this.registry.cards();
  }

  card(name: string): AgentCard | undefined {
    return this.registry.get(name)?.card;
  }

  get size(): number {
    return this.registry.size;
  }
}

/** The card of a `@DomainAgent` provider: on its class, or on the class used as the token of a value provider. */
function domainAgentCardOf(wrapper: InstanceWrapper): AgentCard | undefined {
  const candidates = [wrapper.metatype, typeof wrapper.token === 'function' ? wrapper.token : undefined];
  for (const target of candidates) {
    if (typeof target !== 'function') continue;
    const card: unknown = Reflect.getMetadata(DOMAIN_AGENT_METADATA, target);
    if (card !== undefined) return card as AgentCard;
  }
  return undefined;
}

function agentOf(wrapper: InstanceWrapper, card: AgentCard): Agent {
  const label = providerLabel(wrapper);
  if (!wrapper.isDependencyTreeStatic() || wrapper.isTransient) {
    throw new AgentCatalogError('INVALID_DOMAIN_AGENT', `${label} is marked @DomainAgent but is not a singleton provider`, card.name);
  }
  const instance = wrapper.instance as Partial<DomainAgentExecutor> | null | undefined;
  if (typeof instance?.execute !== 'function') {
    throw new AgentCatalogError('INVALID_DOMAIN_AGENT', `${label} is marked @DomainAgent but has no execute(task, ctx) method`, card.name);
  }
  const executor = instance as DomainAgentExecutor;
  return { card, execute: (task, ctx) => executor.execute(task, ctx) };
}

function providerLabel(wrapper: InstanceWrapper): string {
  const token = wrapper.token;
  const name = typeof token === 'function' ? token.name : typeof token === 'symbol' ? token.toString() : String(token);
  const host = wrapper.host?.name;
  return host ? `${name} (in ${host})` : name;
}
