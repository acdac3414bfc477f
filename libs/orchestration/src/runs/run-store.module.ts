import { DynamicModule, Module } from '@nestjs/common';
import { RUN_STORE } from '../orchestration.tokens';
import { pluginModule, type PluginFactory } from '../plugin-provider';
import type { RunStore } from '@a2a-mcp/persistence';

/** Plugin: a run store other than the one RUN_STORE names (your own, or one built in code). `RunStoreModule.forRoot({ store })`. */
@Module({})
export class RunStoreModule {
  static forRoot(options: { store: RunStore }): DynamicModule {
    return pluginModule(RunStoreModule, RUN_STORE, { value: options.store });
  }

  static forRootAsync(options: PluginFactory<RunStore>): DynamicModule {
    return pluginModule(RunStoreModule, RUN_STORE, options);
  }
}
