import type { ModuleMetadata } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { DemoAgentsModule, OrchestrationModule } from '../src';

/** The core with the demo agents (plus `imports`), initialised like the app does, without HTTP. */
export async function orchestrationContext(env: Record<string, string> = {}, imports: ModuleMetadata['imports'] = []): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [OrchestrationModule.forRoot({ env: { SHUTDOWN_GRACE_MS: '100', ORCHESTRATION_MODE: 'enhanced', RUN_STORE: 'memory', ...env } }), DemoAgentsModule, ...(imports ?? [])],
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

/** Resolves once a finished run has left memory (its last event is stored): reads then come from the store. */
export async function untilReleased(runs: { runsKept: number; get(runId: string): unknown }, runId: string): Promise<void> {
  for (;;) {
    try {
      runs.get(runId);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
