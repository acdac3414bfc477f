import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { WORKFLOW_EVENT_TYPES } from '@a2a-mcp/core-graph';
import { buildOpenApiDocument, createApp } from '@a2a-mcp/host';

// The build writes the file; the linter is a separate process: generous under a loaded machine.
jest.setTimeout(120_000);

const root = join(__dirname, '..', '..', '..');
const documentPath = join(__dirname, '..', 'openapi.json');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const PROTOCOL_OPERATION = / \/(a2a|mcp)$/;

type Json = Record<string, unknown>;
type Operation = { security?: unknown[]; responses: Record<string, Json>; operationId?: string; parameters?: unknown[]; requestBody?: unknown };

/** Public, with no parameter and no body: nothing a client sends can be refused (the lint's ignore file lists them). */
function takesNoInput(operation: Operation): boolean {
  return operation.security?.length === 0 && (operation.parameters ?? []).length === 0 && operation.requestBody === undefined;
}

function operations(document: Json): [string, Operation][] {
  return Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method] !== undefined).map((method): [string, Operation] => [`${method.toUpperCase()} ${path}`, item[method]]),
  );
}

describe('the OpenAPI document (apps/orchestrator/openapi.json)', () => {
  const written = JSON.parse(readFileSync(documentPath, 'utf8')) as Json;

  it('is the document the host serves at /docs-json (the build wrote it from the current code)', async () => {
    const app = await createApp({ env: { RUN_STORE: 'memory' }, logger: false });
    try {
      expect(written).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument(app))));
    } finally {
      await app.close();
    }
  });

  it('is valid OpenAPI 3.1 for a standard validator (every $ref resolves)', async () => {
    expect(written.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(written) as never)).resolves.toBeDefined();
  });

  it("passes `redocly lint` with the repository's rules (redocly.yaml)", async () => {
    const redocly = join(root, 'node_modules', '.bin', 'redocly');
    const run = promisify(execFile);
    const result = await run(redocly, ['lint', documentPath, '--config', join(root, 'redocly.yaml'), '--format', 'stylish'], { cwd: root }).then(
      (ok) => ({ code: 0, output: ok.stdout + ok.stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? 1, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
    );
    expect({ code: result.code, problems: result.output.split('\n').filter((line) => /error|warning/i.test(line) && !/Node\.js/.test(line)) }).toEqual({ code: 0, problems: [] });
  });

  it('gives every operation a security requirement, a summary, an id, and its error responses with their codes and examples', () => {
    const gaps: string[] = [];
    for (const [name, operation] of operations(written)) {
      if (!Array.isArray(operation.security)) gaps.push(`${name}: no security`);
      if (operation.operationId === undefined) gaps.push(`${name}: no operationId`);
      const statuses = Object.keys(operation.responses);
      if (!statuses.some((status) => status.startsWith('4')) && !takesNoInput(operation)) gaps.push(`${name}: no 4xx`);
      if (!statuses.includes('500')) gaps.push(`${name}: no 500`);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        const content = response.content as Record<string, Json> | undefined;
        const json = content?.['application/json'];
        if (json === undefined) gaps.push(`${name} ${status}: no JSON body`);
        // The protocol endpoints (A2A, MCP) refuse in JSON-RPC: their error bodies carry no API code.
        else if (!PROTOCOL_OPERATION.test(name) && (json.examples === undefined || response['x-error-codes'] === undefined)) gaps.push(`${name} ${status}: no codes or examples`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it('describes each event stream with the event union, one schema per event type, discriminated on `type`', () => {
    const schemas = (written.components as Json).schemas as Record<string, Json>;
    const union = schemas.WorkflowEvent as { oneOf: { $ref: string }[]; discriminator: { propertyName: string; mapping: Record<string, string> } };
    expect(union.discriminator.propertyName).toBe('type');
    expect(Object.keys(union.discriminator.mapping).sort()).toEqual([...WORKFLOW_EVENT_TYPES].sort());
    const streams = operations(written).filter(([, operation]) => (operation.responses['200']?.content as Json | undefined)?.['text/event-stream'] !== undefined);
    expect(streams.map(([name]) => name).sort()).toEqual(['GET /mcp', 'GET /v1/runs/{id}/events', 'POST /a2a', 'POST /mcp', 'POST /v1/runs/stream']);
    for (const [name, operation] of streams.filter(([name]) => !PROTOCOL_OPERATION.test(name))) {
      expect({ name, schema: ((operation.responses['200'].content as Json)['text/event-stream'] as Json).schema }).toEqual({ name, schema: { $ref: '#/components/schemas/WorkflowEvent' } });
    }
  });
});
