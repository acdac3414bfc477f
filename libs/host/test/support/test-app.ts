import type { INestApplication } from '@nestjs/common';
import type { ModuleMetadata } from '@nestjs/common';
import type { Server } from 'node:http';
import { startApp } from '../../src/create-app';
import { buildOpenApiDocument } from '../../src/openapi/openapi-document';
import { recordExchanges } from './contract/contract-recorder';
import { OpenApiContract } from './contract/openapi-contract';

export interface TestApp {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/**
 * Every variable the host reads, blank (= its default), so a developer's own environment does not
 * leak into the tests (PLANNER_LLM_* above all: no test may reach a real LLM).
 */
const BASELINE_ENV: Record<string, string> = Object.fromEntries(
  [
    'LOG_LEVEL',
    'LOG_FORMAT',
    'CUSTOM_DEPENDENCIES_FILE',
    'ORCHESTRATION_MODE',
    'ENABLE_PHASE_7_STREAMING',
    'ENABLE_OBSERVABILITY',
    'ENABLE_QUALITY_VALIDATION',
    'PARALLEL_THRESHOLD',
    'CONNECTION_POOL_SIZE',
    'DEFAULT_QUALITY_DOMAIN',
    'MAX_CONCURRENT_TASKS',
    'RUN_RETENTION',
    'RUN_RETENTION_MS',
    'DATA_DIR',
    'DATABASE_URL',
    'DATABASE_SCHEMA',
    'RUN_SNAPSHOT_EVERY',
    'HOST_ID',
    'LEASE_TTL_MS',
    'STORE_POLL_MS',
    'RUN_MEMORY_BUDGET_BYTES',
    'SCHEDULING_POLICY',
    'DEFAULT_TASK_TIMEOUT_MS',
    'DEFAULT_MAX_RETRIES',
    'QUALITY_MAX_RETRIES',
    'RUN_TIMEOUT_MS',
    'AGENT_CIRCUIT_FAILURES',
    'AGENT_CIRCUIT_HALF_OPEN_MS',
    'AGENT_MAX_CONCURRENT_CALLS',
    'AGENT_QUEUE_LIMIT',
    'MAX_OUTPUT_BYTES',
    'PLANNER',
    'PLANNER_LLM_URL',
    'PLANNER_LLM_MODEL',
    'PLANNER_LLM_API_KEY',
    'PLANNER_LLM_TIMEOUT_MS',
    'MAX_BODY_BYTES',
    'PLAN_MAX_TASKS',
    'PLAN_MAX_ID_LENGTH',
    'PLAN_MAX_INPUT_BYTES',
    'PLAN_MAX_DESCRIPTION_LENGTH',
    'AGENTS_CONFIG',
    'MCP_SERVERS',
    'LLM_AGENTS',
    'AGENT_ALLOWED_HOSTS',
    'PUBLIC_URL',
    // NATS login and TLS, gRPC TLS (transports): a .env that sets them does not reach the tests' host.
    'NATS_USER',
    'NATS_PASSWORD',
    'NATS_TOKEN',
    'NATS_NKEY_SEED',
    'NATS_CREDS_FILE',
    'NATS_TLS_CA_FILE',
    'NATS_TLS_CERT_FILE',
    'NATS_TLS_KEY_FILE',
    'GRPC_TLS_CA_FILE',
    'GRPC_TLS_CERT_FILE',
    'GRPC_TLS_KEY_FILE',
    'GRPC_TLS_SERVER_NAME',
  ].map((name) => [name, '']),
);

/**
 * The real app on 127.0.0.1 and a free port, quiet, with a short shutdown grace, on the memory run store
 * unless `env` names another. Every exchange it answers is checked against its own OpenAPI document
 * when it closes: a status, an error code or a body the document does not describe fails the test.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  imports: ModuleMetadata['imports'] = [],
  options: { webRoot?: string } = {},
): Promise<TestApp> {
  const { app, url } = await startApp({
    ...options,
    env: { ...BASELINE_ENV, SHUTDOWN_GRACE_MS: '100', RUN_STORE: 'memory', ...env },
    imports,
    logger: false,
    port: 0,
    host: '127.0.0.1',
  });
  const exchanges = recordExchanges(app.getHttpServer() as Server);
  const contract = new OpenApiContract(buildOpenApiDocument(app) as unknown as Record<string, unknown>);
  return {
    app,
    url,
    close: async () => {
      await app.close();
      const violations = exchanges.flatMap((exchange) => contract.violations(exchange));
      if (violations.length > 0) {
        throw new Error(`${violations.length} response(s) do not match the OpenAPI document:\n${[...new Set(violations)].slice(0, 20).join('\n')}`);
      }
    },
  };
}
