import { runHost, type RunHostOptions } from '@a2a-mcp/host';
import type { INestApplication } from '@nestjs/common';
// Compiled into this app (see tsconfig.lib.json): the example agent is not a published package.
// eslint-disable-next-line @nx/enforce-module-boundaries, a2a/no-deep-imports
import { FraudCheckModule } from '../../fraud-check-agent';

/**
 * The stock host plus one domain agent: the demo agents, the simulator, approval_agent and
 * `fraud_check`. Every option of runHost applies (port, env, logger, ...).
 */
export function runCustomHost(options: RunHostOptions = {}): Promise<INestApplication | undefined> {
  return runHost({ name: 'custom host', ...options, imports: [FraudCheckModule.forFeature(), ...(options.imports ?? [])] });
}
