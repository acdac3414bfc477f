#!/usr/bin/env node
// `npm run schemas`: generates the JSON Schema (draft-07) of the engine's event stream from its TypeScript
// types, so libs/core-graph/src/events/workflow-event.ts stays the single source of the SSE/run-store contract.
// Writes libs/core-graph/src/events/workflow-event.schema.ts (WORKFLOW_EVENT_JSON_SCHEMA, WORKFLOW_EVENT_TYPES)
// and schemas/events.schema.json, both from one generation, byte-for-byte reproducible.
// Options: --check (write nothing; exit 1 naming the stale files), --out-dir DIR (write under DIR instead of
// the repository, same relative paths; the core-graph test regenerates into a temporary folder this way).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const { createGenerator } = require('ts-json-schema-generator');

const ROOT = path.resolve(__dirname, '../..');
const SOURCE = 'libs/core-graph/src/events/workflow-event.ts';
// Absolute: given a relative path, ts-json-schema-generator 2.4 loses the tsconfig's `extends` (no strict, no lib) and the type check fails.
const TSCONFIG = path.join(ROOT, 'libs/core-graph/tsconfig.lib.json');
const ROOT_TYPE = 'WorkflowEvent';
const TS_OUT = 'libs/core-graph/src/events/workflow-event.schema.ts';
const JSON_OUT = 'schemas/events.schema.json';
const SCHEMA_ID = 'https://a2a-mcp.dev/schemas/events.json';
const DRAFT = 'http://json-schema.org/draft-07/schema#';
const GENERATOR = 'tools/contract/generate-event-schema.js';
// Lines of the TS file stay short enough to read; nothing in the lint setup limits them.
const WIDTH = 140;

class SchemaGenerationError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'SchemaGenerationError';
    this.code = code;
  }
}

/** The raw generator output for WorkflowEvent: draft-07, a root `anyOf` of `$ref`s into `definitions`. */
function generateRaw() {
  try {
    return createGenerator({
      path: path.join(ROOT, SOURCE),
      tsconfig: TSCONFIG,
      type: ROOT_TYPE,
      topRef: false,
      expose: 'export',
      jsDoc: 'extended',
      additionalProperties: false,
      sortProps: true,
      skipTypeCheck: false,
    }).createSchema(ROOT_TYPE);
  } catch (error) {
    const related = error?.diagnostic?.relatedInformation;
    const details = Array.isArray(related)
      ? ts.formatDiagnostics(related, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' })
      : '';
    throw new SchemaGenerationError('EVENT_SCHEMA_GENERATION_FAILED', `ts-json-schema-generator could not read ${ROOT_TYPE} from ${SOURCE}: ${error.message}\n${details}`);
  }
}

const definitionName = (ref) => {
  const prefix = '#/definitions/';
  if (typeof ref !== 'string' || !ref.startsWith(prefix)) return undefined;
  return decodeURIComponent(ref.slice(prefix.length));
};

/**
 * Checks the discriminated shape consumers rely on: every union member is a named definition, an object
 * whose `type` is required and a single string const, each const used once. Returns the consts in union order.
 */
function eventTypesOf(members, definitions) {
  const seen = new Map();
  return members.map((member) => {
    const name = definitionName(member.$ref);
    const definition = name === undefined ? undefined : definitions[name];
    if (!definition || Object.keys(member).length !== 1) {
      throw new SchemaGenerationError('EVENT_SCHEMA_SHAPE', `${ROOT_TYPE} member ${JSON.stringify(member)} is not a reference to a named interface`);
    }
    const tag = definition.properties?.type?.const;
    if (definition.type !== 'object' || typeof tag !== 'string' || !definition.required?.includes('type')) {
      throw new SchemaGenerationError('EVENT_SCHEMA_SHAPE', `${name} has no required \`type\` with a single string literal: the union is no longer discriminated on \`type\``);
    }
    if (seen.has(tag)) throw new SchemaGenerationError('EVENT_SCHEMA_SHAPE', `${name} and ${seen.get(tag)} both have type "${tag}"`);
    seen.set(tag, name);
    return tag;
  });
}

/** Same bytes on every run: definitions by name and `required` lists sorted (properties keep declaration order). */
function normalize(node) {
  if (Array.isArray(node)) return node.map(normalize);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'required' && Array.isArray(value)) out[key] = [...value].sort();
    else out[key] = normalize(value);
  }
  return out;
}

function sortedDefinitions(definitions) {
  const out = {};
  for (const name of Object.keys(definitions).sort()) out[name] = normalize(definitions[name]);
  return out;
}

/** The published schema: the union as `oneOf` (members are disjoint by their `type` const) with an id and a title. */
function buildSchema() {
  const raw = generateRaw();
  if (!Array.isArray(raw.anyOf) || !raw.definitions) {
    throw new SchemaGenerationError('EVENT_SCHEMA_SHAPE', `expected ${ROOT_TYPE} to generate a union (anyOf) with definitions, got keys ${Object.keys(raw).join(', ')}`);
  }
  const types = eventTypesOf(raw.anyOf, raw.definitions);
  const schema = {
    $schema: DRAFT,
    $id: SCHEMA_ID,
    title: ROOT_TYPE,
    description:
      'One event of a run\'s stream, as the host sends it over SSE (`event: <type>`, `data: <this JSON>`) and the run store records it. ' +
      'Discriminated on `type`. Generated from the TypeScript type WorkflowEvent (libs/core-graph/src/events/workflow-event.ts).',
    oneOf: raw.anyOf.map((member) => ({ $ref: member.$ref })),
    definitions: sortedDefinitions(raw.definitions),
  };
  return { schema, types };
}

// --- TypeScript rendering: the same data as an `as const` literal, in the repository's code style ---------------

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function quote(text) {
  // Like the rest of the code: single quotes, double ones when that saves escaping an apostrophe.
  if (text.includes("'") && !text.includes('"')) return JSON.stringify(text);
  const inner = JSON.stringify(text)
    .slice(1, -1)
    .replace(/\\.|'/g, (m) => (m === '\\"' ? '"' : m === "'" ? "\\'" : m));
  return `'${inner}'`;
}

const keyOf = (key) => (IDENTIFIER.test(key) && key !== '__proto__' ? key : quote(key));
const isPrimitive = (value) => value === null || typeof value !== 'object';
const isFlat = (value) => isPrimitive(value) || (Array.isArray(value) ? value.every(isPrimitive) : Object.values(value).every((v) => isPrimitive(v) || (Array.isArray(v) && v.every(isPrimitive))));

function inline(value) {
  if (isPrimitive(value)) return typeof value === 'string' ? quote(value) : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  const entries = Object.entries(value);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${keyOf(k)}: ${inline(v)}`).join(', ')} }`;
}

/** `value` printed after `lead` (indent plus key) on a line: flat values on one line when they fit, else one entry a line. */
function literal(value, indent, leadLength) {
  const one = inline(value);
  if (isPrimitive(value)) return one;
  if (isFlat(value) && leadLength + one.length + 1 <= WIDTH) return one;
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => `${inner}${literal(v, inner, inner.length)},\n`).join('')}${indent}]`;
  }
  const lines = Object.entries(value).map(([k, v]) => {
    const lead = `${inner}${keyOf(k)}: `;
    return `${lead}${literal(v, inner, lead.length)},\n`;
  });
  return `{\n${lines.join('')}${indent}}`;
}

function renderTs({ schema, types }) {
  return [
    `// generated by ${GENERATOR}; do not edit`,
    `// Regenerate after changing workflow-event.ts: node ${GENERATOR} (the same data is in ${JSON_OUT}).`,
    "import type { WorkflowEventType } from './workflow-event';",
    '',
    '/** JSON Schema (draft-07) of one WorkflowEvent: `oneOf` the event interfaces, each tagged by a `type` const. Plain data. */',
    `export const WORKFLOW_EVENT_JSON_SCHEMA = ${literal(schema, '', 'export const WORKFLOW_EVENT_JSON_SCHEMA = '.length)} as const;`,
    '',
    "/** Every event `type`, in the union's (and the schema's `oneOf`) order. */",
    `export const WORKFLOW_EVENT_TYPES = ${literal(types, '', 'export const WORKFLOW_EVENT_TYPES = '.length + ' as const satisfies readonly WorkflowEventType[];'.length)} as const satisfies readonly WorkflowEventType[];`,
    '',
  ].join('\n');
}

const renderJson = ({ schema }) => `${JSON.stringify(schema, null, 2)}\n`;

/** Both files' contents, by path relative to the repository root. */
function generate() {
  const built = buildSchema();
  return { [TS_OUT]: renderTs(built), [JSON_OUT]: renderJson(built) };
}

function parseArgs(argv) {
  const args = { check: false, outDir: ROOT };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--check') args.check = true;
    else if (argv[i] === '--out-dir' && argv[i + 1] !== undefined) args.outDir = path.resolve(argv[++i]);
    else throw new SchemaGenerationError('EVENT_SCHEMA_USAGE', `unknown argument "${argv[i]}"; usage: node ${GENERATOR} [--check] [--out-dir DIR]`);
  }
  return args;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const files = generate();
  if (args.check) {
    const stale = Object.keys(files).filter((file) => {
      const target = path.join(args.outDir, file);
      return !fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== files[file];
    });
    if (stale.length > 0) {
      throw new SchemaGenerationError('EVENT_SCHEMA_STALE', `${stale.join(' and ')} ${stale.length > 1 ? 'differ' : 'differs'} from a fresh generation: run node ${GENERATOR}`);
    }
    process.stdout.write(`event schema up to date (${Object.keys(files).join(', ')})\n`);
    return;
  }
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(args.outDir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    process.stdout.write(`wrote ${path.relative(process.cwd(), target) || target}\n`);
  }
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`${error.code ?? 'EVENT_SCHEMA_ERROR'}: ${error.message}\n`);
    process.exit(1);
  }
}

module.exports = { generate, SchemaGenerationError };
