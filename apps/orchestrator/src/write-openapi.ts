import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument, createApp } from '@a2a-mcp/host';

/**
 * Writes the stock host's OpenAPI document to apps/orchestrator/openapi.json (or the path given), as
 * /docs-json serves it: the build runs it, so a change to the API shows in review as a change to that file.
 * The app is created, never started: no port, no store, no agent connection.
 */
async function main(): Promise<void> {
  const target = process.argv[2] ?? join(__dirname, '..', 'openapi.json');
  const app = await createApp({ env: { RUN_STORE: 'memory', LOG_LEVEL: 'error' }, logger: false });
  try {
    writeFileSync(target, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
    process.stdout.write(`openapi: wrote ${target}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`openapi: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
