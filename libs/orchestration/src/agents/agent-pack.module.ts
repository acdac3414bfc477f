import { DynamicModule, Module, type InjectionToken, type OptionalFactoryDependency } from '@nestjs/common';
import type { Agent } from '@a2a-mcp/agents';
import { AgentPack } from './agent-pack';

export interface AgentPackOptions {
  /** Names the pack in start-up errors. */
  name: string;
  /** The agents, or a factory (may inject other providers with `inject`). */
  agents: readonly Agent[] | ((...deps: never[]) => readonly Agent[] | Promise<readonly Agent[]>);
  inject?: (InjectionToken | OptionalFactoryDependency)[];
}

/**
 * Contributes plain agents to the host: `AgentPackModule.forFeature({ name: 'remote', agents: [...] })`.
 * Nest classes marked `@DomainAgent` need no pack: any module that provides them is enough.
 */
@Module({})
export class AgentPackModule {
  static forFeature(options: AgentPackOptions): DynamicModule {
    const token = Symbol(`a2a-mcp:agent-pack:${options.name}`);
    const source = options.agents;
    const provider =
      typeof source === 'function'
        ? {
            provide: token,
            useFactory: async (...deps: never[]) => new AgentPack(options.name, await source(...deps)),
            inject: options.inject ?? [],
          }
        : { provide: token, useValue: new AgentPack(options.name, source) };
    return { module: AgentPackModule, providers: [provider], exports: [token] };
  }
}
