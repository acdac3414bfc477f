import { DynamicModule, Module } from '@nestjs/common';
import type { Planner } from '@a2a-mcp/planner';
import { PLANNER } from '../orchestration.tokens';
import { pluginModule, type PluginFactory } from '../plugin-provider';

/**
 * Plugin: replaces the configured planner (PLANNER=deterministic|llm) for requests that name none.
 * `PlannerModule.forRoot({ planner: new MyPlanner() })`, or `forRootAsync({ useFactory, inject })`.
 */
@Module({})
export class PlannerModule {
  static forRoot(options: { planner: Planner }): DynamicModule {
    return pluginModule(PlannerModule, PLANNER, { value: options.planner });
  }

  static forRootAsync(options: PluginFactory<Planner>): DynamicModule {
    return pluginModule(PlannerModule, PLANNER, options);
  }
}
