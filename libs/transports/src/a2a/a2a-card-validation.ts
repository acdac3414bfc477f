import type { AgentSkill, JsonSchema, SkillPlanningMetadata } from '@a2a-mcp/agents';
import { CARD_LIMITS, CardReader, type JsonRecord } from './card-reader';

/**
 * The URI of the card extension that carries our planning metadata for skills whose card format has
 * no place for it: `capabilities.extensions[{ uri, params: { skills: { <skillId>: SkillPlanningMetadata } } }]`.
 * A skill's own `metadata` (what our cards carry) is read too and wins.
 */
export const SKILL_PLANNING_EXTENSION_URI = 'urn:a2a-mcp:skill-planning:v1';

/** The bindings our client speaks (the SDK's JSON-RPC and HTTP+JSON transports); gRPC is left out. */
export type A2aBinding = 'JSONRPC' | 'HTTP+JSON';

/** The interface of the card the host will call. */
export interface A2aEndpoint {
  url: string;
  protocolBinding: A2aBinding;
  /** "1.0", or "0.3" for a card in the A2A 0.3 shape. */
  protocolVersion: string;
  tenant: string;
}

/** A card that passed every check, with the values the host uses already typed. */
export interface ValidA2aCard {
  /** The document as fetched (for the SDK, which reads the fields we do not). */
  raw: JsonRecord;
  /** An A2A 0.3 card (a top-level `url`, no `supportedInterfaces`). */
  legacy: boolean;
  name: string;
  description: string;
  version: string;
  streaming?: boolean;
  pushNotifications?: boolean;
  defaultInputModes: string[];
  defaultOutputModes: string[];
  skills: AgentSkill[];
  endpoint: A2aEndpoint;
}

/**
 * Checks a fetched A2A card (1.0, or 0.3 with a top-level `url`) field by field. Throws
 * BadAgentCardError naming `cardUrl` and the first bad field: a card is another party's claim, and a
 * lie in it (a missing name, skills that are not a list, a URL that is a number) must not reach the
 * planner or the SDK.
 */
export function validateA2aCard(document: unknown, cardUrl: string): ValidA2aCard {
  const read = new CardReader(cardUrl);
  const raw = read.record(document, '(body)');
  const name = read.nonEmptyString(raw.name, 'name');
  const description = read.optionalString(raw.description, 'description') ?? '';
  const version = read.optionalString(raw.version, 'version') ?? '';
  const capabilities = read.optionalRecord(raw.capabilities, 'capabilities');
  const extensionMetadata = planningExtension(read, capabilities);
  const skills = read.list(raw.skills, 'skills', CARD_LIMITS.maxSkills).map((skill, index) => readSkill(read, skill, `skills[${index}]`, extensionMetadata));
  const ids = new Set<string>();
  skills.forEach((skill, index) => {
    if (ids.has(skill.id)) read.fail(`skills[${index}].id`, `repeats the skill id ${JSON.stringify(skill.id)}`);
    ids.add(skill.id);
  });
  const legacy = raw.supportedInterfaces === undefined && raw.url !== undefined;
  return {
    raw,
    legacy,
    name,
    description,
    version,
    streaming: read.optionalBoolean(capabilities?.streaming, 'capabilities.streaming'),
    pushNotifications: read.optionalBoolean(capabilities?.pushNotifications, 'capabilities.pushNotifications'),
    defaultInputModes: read.optionalStrings(raw.defaultInputModes, 'defaultInputModes') ?? [],
    defaultOutputModes: read.optionalStrings(raw.defaultOutputModes, 'defaultOutputModes') ?? [],
    skills,
    endpoint: legacy ? legacyEndpoint(read, raw) : endpointOf(read, raw),
  };
}

function readSkill(read: CardReader, value: unknown, field: string, extension: Map<string, JsonRecord>): AgentSkill {
  const skill = read.record(value, field);
  const id = read.nonEmptyString(skill.id, `${field}.id`);
  const own = read.optionalRecord(skill.metadata, `${field}.metadata`);
  const fromExtension = extension.get(id);
  const metadata = {
    ...(fromExtension && readPlanningMetadata(read, fromExtension, `capabilities.extensions[${SKILL_PLANNING_EXTENSION_URI}].params.skills.${id}`)),
    ...(own && readPlanningMetadata(read, own, `${field}.metadata`)),
  };
  const examples = read.optionalStrings(skill.examples, `${field}.examples`);
  const inputModes = read.optionalStrings(skill.inputModes, `${field}.inputModes`);
  const outputModes = read.optionalStrings(skill.outputModes, `${field}.outputModes`);
  return {
    id,
    name: read.nonEmptyString(skill.name, `${field}.name`),
    description: read.optionalString(skill.description, `${field}.description`) ?? '',
    tags: read.optionalStrings(skill.tags, `${field}.tags`) ?? [],
    ...(examples && examples.length > 0 ? { examples } : {}),
    ...(inputModes && inputModes.length > 0 ? { inputModes } : {}),
    ...(outputModes && outputModes.length > 0 ? { outputModes } : {}),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}

/** Only the keys the planner reads, each type-checked; other metadata keys are the agent's business. */
function readPlanningMetadata(read: CardReader, metadata: JsonRecord, field: string): SkillPlanningMetadata {
  const consumes = read.optionalStrings(metadata.consumes, `${field}.consumes`);
  const produces = read.optionalStrings(metadata.produces, `${field}.produces`);
  const outputSchema = read.optionalRecord(metadata.outputSchema, `${field}.outputSchema`);
  const expectedDurationMs = read.optionalNumber(metadata.expectedDurationMs, `${field}.expectedDurationMs`);
  const qualityDomain = read.optionalString(metadata.qualityDomain, `${field}.qualityDomain`);
  return {
    ...(consumes ? { consumes } : {}),
    ...(produces ? { produces } : {}),
    ...(outputSchema ? { outputSchema: outputSchema as JsonSchema } : {}),
    ...(expectedDurationMs !== undefined ? { expectedDurationMs } : {}),
    ...(qualityDomain !== undefined ? { qualityDomain } : {}),
  };
}

/** Skill id → planning metadata, from our card extension when the card declares it. */
function planningExtension(read: CardReader, capabilities: JsonRecord | undefined): Map<string, JsonRecord> {
  const bySkill = new Map<string, JsonRecord>();
  if (capabilities?.extensions === undefined || capabilities.extensions === null) return bySkill;
  read.list(capabilities.extensions, 'capabilities.extensions').forEach((entry, index) => {
    const extension = read.record(entry, `capabilities.extensions[${index}]`);
    if (extension.uri !== SKILL_PLANNING_EXTENSION_URI) return;
    const params = read.optionalRecord(extension.params, `capabilities.extensions[${index}].params`);
    const skills = read.optionalRecord(params?.skills, `capabilities.extensions[${index}].params.skills`) ?? {};
    for (const [id, metadata] of Object.entries(skills)) {
      bySkill.set(id, read.record(metadata, `capabilities.extensions[${index}].params.skills.${id}`));
    }
  });
  return bySkill;
}

const BINDINGS: Record<string, A2aBinding> = { jsonrpc: 'JSONRPC', 'http+json': 'HTTP+JSON' };

/** A2A 1.0: the first interface in a binding we speak (the card lists them in its order of preference). */
function endpointOf(read: CardReader, raw: JsonRecord): A2aEndpoint {
  const interfaces = read.list(raw.supportedInterfaces, 'supportedInterfaces').map((value, index) => {
    const field = `supportedInterfaces[${index}]`;
    const entry = read.record(value, field);
    return {
      url: read.nonEmptyString(entry.url, `${field}.url`),
      binding: read.nonEmptyString(entry.protocolBinding, `${field}.protocolBinding`),
      protocolVersion: read.optionalString(entry.protocolVersion, `${field}.protocolVersion`) ?? '1.0',
      tenant: read.optionalString(entry.tenant, `${field}.tenant`) ?? '',
    };
  });
  if (interfaces.length === 0) read.fail('supportedInterfaces', 'is empty: the card names no URL to call');
  const usable = interfaces.find((entry) => BINDINGS[entry.binding.toLowerCase()] !== undefined);
  if (usable === undefined) {
    read.fail('supportedInterfaces', `offers no JSONRPC or HTTP+JSON interface (only ${interfaces.map((entry) => JSON.stringify(entry.binding)).join(', ')})`);
  }
  return { url: usable.url, protocolBinding: BINDINGS[usable.binding.toLowerCase()], protocolVersion: usable.protocolVersion, tenant: usable.tenant };
}

/** A2A 0.3: `url` with `preferredTransport` (JSONRPC by default). */
function legacyEndpoint(read: CardReader, raw: JsonRecord): A2aEndpoint {
  const url = read.nonEmptyString(raw.url, 'url');
  const preferred = read.optionalString(raw.preferredTransport, 'preferredTransport') ?? 'JSONRPC';
  const binding = BINDINGS[preferred.toLowerCase()];
  if (binding === undefined) read.fail('preferredTransport', `is ${JSON.stringify(preferred)}: only JSONRPC and HTTP+JSON are spoken`);
  return { url, protocolBinding: binding, protocolVersion: read.optionalString(raw.protocolVersion, 'protocolVersion') ?? '0.3', tenant: '' };
}
