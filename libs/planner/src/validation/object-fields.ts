import type { ParallelGroup, Plan, PlanRisk, PlanTask, ResourceBreakdown } from '../plan';
import { keySegment, quote } from './echo-value';
import type { IssueScope } from './issue-scope';
import { ORIGINAL_PLAN_FIELDS, ORIGINAL_TASK_FIELDS, type OriginalField } from './original-plan-fields';
import { fieldSuggester, type FieldSuggester } from './suggest-field';

/** Unknown fields reported per object; one more issue counts the rest (a 10 000-key object gives 11). */
const MAX_UNKNOWN_REPORTED = 10;

/**
 * The fields one kind of object in a plan accepts: this format's names, the original framework's
 * names for some of them, and keys that are allowed and ignored (`$schema`, for editors).
 */
export class ObjectFields<Field extends string> {
  private readonly known: ReadonlySet<string>;
  private readonly originals: ReadonlyMap<string, OriginalField<Field>>;
  private readonly ignored: ReadonlySet<string>;
  private readonly suggester: FieldSuggester;
  /** Every field of this format, for the message about an unknown field that resembles none. */
  private readonly fieldList: string;

  constructor(
    /** What the object is called in a message: `a task's fields are …`. */
    private readonly noun: string,
    fields: Readonly<Record<Field, true>>,
    originals: readonly OriginalField<Field>[],
    synonyms: Readonly<Record<string, Field>>,
    ignored: readonly string[] = [],
  ) {
    this.known = new Set(Object.keys(fields));
    this.originals = new Map(originals.map((entry) => [entry.original, entry]));
    this.ignored = new Set(ignored);
    this.suggester = fieldSuggester([...this.known, ...this.originals.keys()], synonyms);
    this.fieldList = [...this.known].join(', ');
  }

  /** This format's field names, in table order (read by the plan's JSON Schema, never by validation). */
  fields(): readonly Field[] {
    return [...this.known] as Field[];
  }

  /** The original framework's names and the field each fills. */
  originalFields(): readonly OriginalField<Field>[] {
    return [...this.originals.values()];
  }

  /** Keys that are allowed and ignored (`$schema`). */
  ignoredKeys(): readonly string[] {
    return [...this.ignored];
  }

  /**
   * Checks the keys of `raw` and says how it spells each field. Reports UNKNOWN_FIELD for a key no
   * format defines and DUPLICATE_FIELD for a field given in both spellings (or twice in the original's).
   */
  spellingOf(scope: IssueScope, raw: Record<string, unknown>): FieldSpelling<Field> {
    const keys = Object.keys(raw);
    // Most objects use this format's names only: no map is built for them.
    if (keys.every((key) => this.known.has(key))) return CANONICAL_SPELLING;
    const keyByField = new Map<Field, string>();
    const originalByField = new Map<Field, OriginalField<Field>>();
    let unknown = 0;
    for (const key of keys) {
      const original = this.originals.get(key);
      const field = this.known.has(key) ? (key as Field) : original?.field;
      if (field === undefined) {
        if (!this.ignored.has(key) && ++unknown <= MAX_UNKNOWN_REPORTED) this.reportUnknown(scope, key);
        continue;
      }
      const other = keyByField.get(field);
      if (other !== undefined) {
        scope.report('DUPLICATE_FIELD', key, `${quote(other)} and ${quote(key)} are the same field${unitHint(other, key, this.originals)}: give one`);
        continue;
      }
      keyByField.set(field, key);
      if (original !== undefined) originalByField.set(field, original);
    }
    if (unknown > MAX_UNKNOWN_REPORTED) {
      scope.report('UNKNOWN_FIELD', '', `${unknown - MAX_UNKNOWN_REPORTED} more unknown fields`);
    }
    if (originalByField.size === 0) return CANONICAL_SPELLING;
    return {
      keyOf: (field) => originalByField.get(field as Field)?.original ?? field,
      inSeconds: (field) => originalByField.get(field as Field)?.unit === 'seconds',
    };
  }

  private reportUnknown(scope: IssueScope, key: string): void {
    const suggestion = this.suggester.suggest(key);
    const hint = suggestion === undefined ? `${this.noun} fields are ${this.fieldList}` : `did you mean ${quote(suggestion)}?`;
    scope.report('UNKNOWN_FIELD', keySegment(key), `unknown field ${quote(key)} (${hint})`);
  }
}

/** How one object spells its fields. */
export interface FieldSpelling<Field extends string = string> {
  /** The key that holds `field` in this object: the original framework's name when it uses that one. */
  keyOf(field: Field): string;
  /** Whether the object gives `field` in the original's spelling, in seconds. */
  inSeconds(field: Field): boolean;
}

const CANONICAL_SPELLING: FieldSpelling<string> = { keyOf: (field) => field, inSeconds: () => false };

function unitHint(a: string, b: string, originals: ReadonlyMap<string, OriginalField<string>>): string {
  const inSeconds = [a, b].filter((key) => originals.get(key)?.unit === 'seconds');
  if (inSeconds.length !== 1) return '';
  const [seconds] = inSeconds;
  return ` (${seconds} in seconds, ${seconds === a ? b : a} in milliseconds)`;
}

export const PLAN_FIELDS = new ObjectFields<keyof Plan>(
  "a plan's",
  {
    name: true,
    description: true,
    request: true,
    coordinationStrategy: true,
    parallelThreshold: true,
    maxConcurrency: true,
    qualityPolicy: true,
    tasks: true,
    criticalPath: true,
    estimatedTotalTime: true,
    estimatedParallelTime: true,
    estimatedTimeSaved: true,
    parallelGroups: true,
    qualityValidationPlan: true,
    resourceBreakdown: true,
    risks: true,
  },
  ORIGINAL_PLAN_FIELDS,
  {
    strategy: 'coordinationStrategy',
    coordination: 'coordinationStrategy',
    executionStrategy: 'coordinationStrategy',
    mode: 'coordinationStrategy',
    concurrency: 'maxConcurrency',
    parallelism: 'maxConcurrency',
    maxParallel: 'maxConcurrency',
    maxParallelism: 'maxConcurrency',
    workers: 'maxConcurrency',
    threshold: 'parallelThreshold',
    steps: 'tasks',
    nodes: 'tasks',
    workflow: 'tasks',
    jobs: 'tasks',
    title: 'name',
    query: 'request',
    prompt: 'request',
    goal: 'request',
    groups: 'parallelGroups',
    levels: 'parallelGroups',
    qualityRequirements: 'qualityValidationPlan',
    resourceAllocation: 'resourceBreakdown',
    resources: 'resourceBreakdown',
    riskAssessment: 'risks',
    parallelPotential: 'estimatedTimeSaved',
    timeSaved: 'estimatedTimeSaved',
  },
  // A JSON Schema reference, for editors; not part of the plan.
  ['$schema'],
);

export const TASK_FIELDS = new ObjectFields<keyof PlanTask>(
  "a task's",
  {
    id: true,
    description: true,
    agent: true,
    dependencies: true,
    input: true,
    qualityDomain: true,
    qualityThreshold: true,
    qualityPolicy: true,
    estimatedDuration: true,
    parallelSafe: true,
    priority: true,
    timeoutMs: true,
    maxRetries: true,
  },
  ORIGINAL_TASK_FIELDS,
  {
    dependsOn: 'dependencies',
    depends: 'dependencies',
    deps: 'dependencies',
    dependency: 'dependencies',
    requires: 'dependencies',
    after: 'dependencies',
    needs: 'dependencies',
    prerequisites: 'dependencies',
    parents: 'dependencies',
    upstream: 'dependencies',
    retries: 'maxRetries',
    retry: 'maxRetries',
    retryCount: 'maxRetries',
    maxRetry: 'maxRetries',
    maxAttempts: 'maxRetries',
    attempts: 'maxRetries',
    agentName: 'agent',
    agentId: 'agent',
    nodeKey: 'agent',
    node: 'agent',
    worker: 'agent',
    executor: 'agent',
    assignee: 'agent',
    desc: 'description',
    summary: 'description',
    title: 'description',
    details: 'description',
    instruction: 'description',
    instructions: 'description',
    prompt: 'description',
    taskId: 'id',
    key: 'id',
    duration: 'estimatedDuration',
    durationMs: 'estimatedDuration',
    estimate: 'estimatedDuration',
    estimatedMs: 'estimatedDuration',
    estimatedTime: 'estimatedDuration',
    timeoutSeconds: 'timeoutMs',
    deadline: 'timeoutMs',
    threshold: 'qualityThreshold',
    minQuality: 'qualityThreshold',
    minScore: 'qualityThreshold',
    domain: 'qualityDomain',
    parallel: 'parallelSafe',
    concurrent: 'parallelSafe',
    inputs: 'input',
    params: 'input',
    parameters: 'input',
    args: 'input',
    arguments: 'input',
    payload: 'input',
    data: 'input',
    policy: 'qualityPolicy',
    onLowQuality: 'qualityPolicy',
    prio: 'priority',
  },
);

export const PARALLEL_GROUP_FIELDS = new ObjectFields<keyof ParallelGroup>(
  "a parallel group's",
  { name: true, tasks: true },
  [],
  { ids: 'tasks', members: 'tasks', taskIds: 'tasks', nodes: 'tasks', title: 'name', label: 'name' },
);

export const RISK_FIELDS = new ObjectFields<keyof PlanRisk>(
  "a risk's",
  { description: true, severity: true, taskId: true, mitigation: true },
  [],
  {
    risk: 'description',
    text: 'description',
    summary: 'description',
    title: 'description',
    level: 'severity',
    impact: 'severity',
    priority: 'severity',
    task: 'taskId',
    id: 'taskId',
    mitigations: 'mitigation',
    remedy: 'mitigation',
    fix: 'mitigation',
  },
);

export const RESOURCE_ENTRY_FIELDS = new ObjectFields<keyof ResourceBreakdown[string]>(
  "a resourceBreakdown entry's",
  { tasks: true, estimatedMs: true },
  [],
  {
    count: 'tasks',
    taskCount: 'tasks',
    numTasks: 'tasks',
    estimated: 'estimatedMs',
    duration: 'estimatedMs',
    ms: 'estimatedMs',
    estimatedDuration: 'estimatedMs',
    time: 'estimatedMs',
  },
);
