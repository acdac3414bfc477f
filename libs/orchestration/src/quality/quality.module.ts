import { DynamicModule, Module } from '@nestjs/common';
import { QUALITY_SCORER_FACTORY } from '../orchestration.tokens';
import { pluginModule, type PluginFactory } from '../plugin-provider';
import type { QualityScorerFactory } from './quality-scorer-factory';

// The core provides it (OrchestrationModule); exported beside the plugin point that builds on it.
export { OutputSchemaCatalog } from './output-schema-catalog.service';

/**
 * Plugin: replaces how outputs are scored. `QualityModule.forRoot({ factory })` where the factory
 * builds the engine's `scoreOutput` hook per run (e.g. domain validators of your own). A factory
 * that wants the agents' output schemas already compiled injects `OutputSchemaCatalog`
 * (`forRootAsync({ useFactory: (catalog) => new DefaultQualityScorerFactory(catalog.schemas), inject: [OutputSchemaCatalog] })`).
 */
@Module({})
export class QualityModule {
  static forRoot(options: { factory: QualityScorerFactory }): DynamicModule {
    return pluginModule(QualityModule, QUALITY_SCORER_FACTORY, { value: options.factory });
  }

  static forRootAsync(options: PluginFactory<QualityScorerFactory>): DynamicModule {
    return pluginModule(QualityModule, QUALITY_SCORER_FACTORY, options);
  }
}
