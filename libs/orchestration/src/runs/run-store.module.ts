import { DynamicModule, Module } from '@nestjs/common';
import { RUN_STORE } from '../orchestration.tokens';
import { pluginModule, type PluginFactory } from '../plugin-provider';
import type { RunStore } from './run-store';

/** Plugin: replaces the in-memory run store (SQLite, PostgreSQL, ...). `RunStoreModule.forRoot({ store })`. */
@Module({})
export class RunStoreModule {
  static forRoot(options: { store: RunStore }): DynamicModule {
    return pluginModule(RunStoreModule, RUN_STORE, { value: options.store });
  }

  static forRootAsync(options: PluginFactory<RunStore>): DynamicModule {
    return pluginModule(RunStoreModule, RUN_STORE, options);
  }
}
