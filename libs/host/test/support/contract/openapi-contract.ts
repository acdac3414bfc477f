import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { isWebConsolePath } from '../../../src/http/web/web-console';

type Json = Record<string, unknown>;

/** One HTTP exchange as the server answered it. */
export interface Exchange {
  method: string;
  /** The path, without the query. */
  path: string;
  status: number;
  contentType: string;
  body: Buffer;
  /** The body was longer than the recorder keeps: only the status is checked. */
  truncated: boolean;
}

interface Route {
  template: string;
  pattern: RegExp;
  item: Record<string, Json>;
}

const DOCUMENT_ID = 'openapi.json';

/**
 * Checks exchanges against an OpenAPI 3.1 document: the status is one the operation documents, an
 * error's `code` is one its response lists, and the body (JSON, or each Server-Sent Event's data)
 * matches the response's schema.
 */
export class OpenApiContract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: false, validateSchema: false });
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: Json) {
    addFormats(this.ajv);
    this.ajv.addSchema(document, DOCUMENT_ID);
    // Concrete paths before templated ones: /v1/runs/stream is not /v1/runs/{id}.
    this.routes = Object.entries(document.paths as Record<string, Record<string, Json>>)
      .map(([template, item]) => ({ template, item, pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`) }))
      .sort((a, b) => Number(a.template.includes('{')) - Number(b.template.includes('{')));
  }

  /** What is wrong with the exchange, or nothing. */
  violations(exchange: Exchange): string[] {
    const { method, path, status } = exchange;
    const name = `${method} ${path} → ${status}`;
    // The Swagger UI and the web console are pages and their files, not API operations.
    if (method === 'OPTIONS' || method === 'HEAD' || path.startsWith('/docs') || isWebConsolePath(path)) return [];
    // Express routes are not strict: /v1/runs/ is /v1/runs.
    const routed = path.length > 1 ? path.replace(/\/+$/, '') : path;
    const route = this.routes.find((candidate) => candidate.pattern.test(routed));
    const operation = route?.item[method.toLowerCase()];
    if (route === undefined || operation === undefined) {
      // An unknown route answers 404 (or 405): only a success would be an undocumented endpoint.
      return status < 300 ? [`${name}: the document has no ${method} ${path}`] : [];
    }
    const responses = (operation.responses ?? {}) as Record<string, Json>;
    const key = String(status);
    const response = responses[key] ?? responses[`${key[0]}XX`];
    if (response === undefined) return [`${name}: ${method} ${route.template} documents only ${Object.keys(responses).join(', ')}`];
    const issues: string[] = [];
    const mediaType = exchange.contentType.split(';')[0].trim().toLowerCase();
    const content = response.content as Record<string, Json> | undefined;
    if (content === undefined || exchange.truncated || exchange.body.length === 0) return issues;
    const documentedType = mediaType in content ? mediaType : undefined;
    if (documentedType === undefined) return [`${name}: answered ${mediaType || 'no content type'}, the document says ${Object.keys(content).join(', ')}`];
    const schemaPointer = `${DOCUMENT_ID}#/paths/${escape(route.template)}/${method.toLowerCase()}/responses/${key in responses ? key : `${key[0]}XX`}/content/${escape(documentedType)}/schema`;
    const validate = this.validator(schemaPointer);
    const text = exchange.body.toString('utf8');
    if (documentedType === 'text/event-stream') {
      for (const event of parseEventStream(text)) {
        const data = parseJson(event.data);
        if (data === undefined) {
          issues.push(`${name}: an event's data is not JSON: ${event.data.slice(0, 80)}`);
        } else if (!validate(data)) {
          issues.push(`${name}: event ${event.event ?? ''} ${describe(validate)}`);
        } else if (event.event !== undefined && typeof (data as Json).type === 'string' && (data as Json).type !== event.event) {
          issues.push(`${name}: an event named ${event.event} carries type ${String((data as Json).type)}`);
        }
      }
      return issues;
    }
    if (!/json/.test(documentedType)) return issues;
    const body = parseJson(text);
    if (body === undefined) return [`${name}: the body is not JSON`];
    if (!validate(body)) issues.push(`${name}: ${describe(validate)}`);
    const codes = response['x-error-codes'] as Record<string, string> | undefined;
    const code = (body as Json).code;
    if (codes !== undefined && typeof code === 'string' && !(code in codes)) {
      issues.push(`${name}: error code ${code} is not among the ones documented (${Object.keys(codes).join(', ')})`);
    }
    return issues;
  }

  private validator(pointer: string): ValidateFunction {
    let validate = this.validators.get(pointer);
    if (validate === undefined) {
      validate = this.ajv.compile({ $ref: pointer });
      this.validators.set(pointer, validate);
    }
    return validate;
  }
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describe(validate: ValidateFunction): string {
  const [first] = validate.errors ?? [];
  return first === undefined ? 'does not match its schema' : `at ${first.instancePath || '/'} ${first.message ?? ''} (${first.schemaPath})`;
}

/** The events of a text/event-stream body (comments and the retry field skipped); a cut-off last event is dropped. */
export function parseEventStream(text: string): { event?: string; data: string }[] {
  const events: { event?: string; data: string }[] = [];
  const blocks = text.split(/\r?\n\r?\n/);
  // The text after the last blank line is an event still being written.
  blocks.pop();
  for (const block of blocks) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length > 0) events.push({ ...(event === undefined ? {} : { event }), data: data.join('\n') });
  }
  return events;
}
