import type { DynamicModule, InjectionToken, OptionalFactoryDependency, Type } from '@nestjs/common';

/** How a plugin module's `forRootAsync` gets its value: a factory with injected dependencies. */
export interface PluginFactory<T> {
  useFactory: (...deps: never[]) => T | Promise<T>;
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  /** Modules the factory's dependencies come from. */
  imports?: DynamicModule['imports'];
}

/** A global module that provides (and exports) `token`: the shape of every plugin module. */
export function pluginModule<T>(module: Type, token: symbol, source: { value: T } | PluginFactory<T>): DynamicModule {
  const provider =
    'value' in source
      ? { provide: token, useValue: source.value }
      : { provide: token, useFactory: source.useFactory, inject: source.inject ?? [] };
  return {
    module,
    global: true,
    imports: 'value' in source ? [] : (source.imports ?? []),
    providers: [provider],
    exports: [token],
  };
}
