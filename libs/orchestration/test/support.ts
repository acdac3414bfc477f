import type { ModuleMetadata } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { DemoAgentsModule, OrchestrationModule } from '../src';

/** The core with the demo agents (plus `imports`), initialised like the app does, without HTTP. */
export async function orchestrationContext(env: Record<string, string> = {}, imports: ModuleMetadata['imports'] = []): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [OrchestrationModule.forRoot({ env: { SHUTDOWN_GRACE_MS: '100', ORCHESTRATION_MODE: 'enhanced', ...env } }), DemoAgentsModule, ...(imports ?? [])],
  })
    .setLogger(quietLogger)
    .compile();
  await moduleRef.init();
  return moduleRef;
}

const quietLogger = { log: () => undefined, error: () => undefined, warn: () => undefined, debug: () => undefined, verbose: () => undefined };

export function simulatorPlan(ids: string[], durationMs = 0): Record<string, unknown> {
  return { tasks: ids.map((id) => ({ id, description: `task ${id}`, agent: 'simulator', dependencies: [], input: { durationMs } })) };
}
