import type { AgentCard } from '@a2a-mcp/agents';
import type { CustomDependencyRules } from '../planner';

/** What a rule names: an agent (by name), a skill (by id) or a task (by id, as the planner makes them). */
export const RULE_SUBJECT_KINDS = ['agent', 'skill', 'task'] as const;
export type RuleSubjectKind = (typeof RULE_SUBJECT_KINDS)[number];

/** One rule of a rules file: the tasks of `name` also depend on the tasks of each `dependsOn` name (same kind). */
export interface CustomDependencyRule {
  kind: RuleSubjectKind;
  name: string;
  dependsOn: readonly string[];
}

/** A validated rules file; `source` names it in messages (e.g. `rules file "rules.json"`). */
export interface CustomDependencyRuleSet {
  source: string;
  /** The file read, when the rules came from one. */
  path?: string;
  rules: readonly CustomDependencyRule[];
}

/** One problem of a rules file: where (`rules[2].dependsOn[0]`, '' for the whole file) and what. */
export interface RuleIssue {
  path: string;
  message: string;
}

/** Stable codes: callers branch on these, so never rename one. */
export const DEPENDENCY_RULES_ERROR_CODES = ['RULES_FILE_UNREADABLE', 'RULES_INVALID_JSON', 'INVALID_RULES'] as const;
export type DependencyRulesErrorCode = (typeof DEPENDENCY_RULES_ERROR_CODES)[number];

/** A rules file that cannot be used; the message names the file, then each issue's path and problem. */
export class DependencyRulesError extends Error {
  constructor(
    readonly code: DependencyRulesErrorCode,
    readonly source: string,
    readonly issues: readonly RuleIssue[],
  ) {
    super(`${source}: ${issues.map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`)).join('; ')}`);
    this.name = 'DependencyRulesError';
  }
}

const FILE_FIELDS = new Set(['rules', 'description', '$schema']);
const RULE_FIELDS = new Set<string>([...RULE_SUBJECT_KINDS, 'dependsOn', 'description']);
const FORMAT = '{"rules": [{"agent": "reporting_agent", "dependsOn": ["analytics_specialist"]}, …]}';

/**
 * Checks the shape of a parsed rules file: `{"rules": [rule, …], "description"?}` where a rule has exactly
 * one of `agent`, `skill` or `task` (a non-empty string) and `dependsOn`, a list of names of the same kind
 * (empty adds nothing). Every problem is reported at once, by path. Names are checked against the agents
 * separately (`checkRuleNames`), since a host knows its agents only after its plugins have loaded.
 */
export function parseDependencyRuleSet(value: unknown, source: string): CustomDependencyRuleSet {
  const issues: RuleIssue[] = [];
  if (!isRecord(value)) throw new DependencyRulesError('INVALID_RULES', source, [{ path: '', message: `must be a JSON object like ${FORMAT}, got ${kindOf(value)}` }]);
  for (const field of Object.keys(value)) {
    if (!FILE_FIELDS.has(field)) issues.push({ path: field, message: `unknown field (a rules file has "rules" and an optional "description")` });
  }
  const rawRules = value['rules'];
  const rules: CustomDependencyRule[] = [];
  if (rawRules === undefined) {
    issues.unshift({ path: 'rules', message: `is missing: write ${FORMAT}` });
  } else if (!Array.isArray(rawRules)) {
    issues.unshift({ path: 'rules', message: `must be a list of rules, got ${kindOf(rawRules)}` });
  } else {
    rawRules.forEach((raw, index) => {
      const rule = parseRule(raw, `rules[${index}]`, issues);
      if (rule !== undefined) rules.push(rule);
    });
  }
  if (issues.length > 0) throw new DependencyRulesError('INVALID_RULES', source, issues);
  return { source, rules };
}

/** Names unknown to `agents` are errors: an agent rule must name agents, a skill rule skills; task ids are not known before planning. */
export function checkRuleNames(ruleSet: CustomDependencyRuleSet, agents: readonly AgentCard[]): void {
  const known: Record<Exclude<RuleSubjectKind, 'task'>, Set<string>> = {
    agent: new Set(agents.map((agent) => agent.name)),
    skill: new Set(agents.flatMap((agent) => (agent.skills ?? []).map((skill) => skill.id))),
  };
  const issues: RuleIssue[] = [];
  ruleSet.rules.forEach((rule, index) => {
    if (rule.kind === 'task') return;
    const names = known[rule.kind];
    const unknown = (path: string, name: string) => issues.push({ path, message: `unknown ${rule.kind} "${name}" (known ${rule.kind}s: ${listOf(names)})` });
    if (!names.has(rule.name)) unknown(`rules[${index}].${rule.kind}`, rule.name);
    rule.dependsOn.forEach((name, at) => {
      if (!names.has(name)) unknown(`rules[${index}].dependsOn[${at}]`, name);
    });
  });
  if (issues.length > 0) throw new DependencyRulesError('INVALID_RULES', ruleSet.source, issues);
}

/** The planners' form: name → names; two rules for one name add up. */
export function dependencyRulesOf(ruleSet: CustomDependencyRuleSet): CustomDependencyRules {
  const merged = new Map<string, string[]>();
  for (const rule of ruleSet.rules) merged.set(rule.name, [...(merged.get(rule.name) ?? []), ...rule.dependsOn]);
  // fromEntries keeps any name, even "__proto__", an own key.
  return Object.fromEntries(merged);
}

function parseRule(raw: unknown, path: string, issues: RuleIssue[]): CustomDependencyRule | undefined {
  if (!isRecord(raw)) {
    issues.push({ path, message: `must be an object like {"agent": "reporting_agent", "dependsOn": ["analytics_specialist"]}, got ${kindOf(raw)}` });
    return undefined;
  }
  const before = issues.length;
  for (const field of Object.keys(raw)) {
    if (!RULE_FIELDS.has(field)) issues.push({ path: `${path}.${field}`, message: 'unknown field (a rule has one of "agent", "skill", "task", and "dependsOn")' });
  }
  const kinds = RULE_SUBJECT_KINDS.filter((kind) => raw[kind] !== undefined);
  if (kinds.length !== 1) {
    const found = kinds.length === 0 ? 'none' : kinds.map((kind) => `"${kind}"`).join(' and ');
    issues.push({ path, message: `must name exactly one of "agent", "skill" or "task", got ${found}` });
  }
  const kind = kinds[0];
  const name = kind === undefined ? undefined : nameAt(raw[kind], `${path}.${kind}`, issues);
  const dependsOn = raw['dependsOn'];
  const targets: string[] = [];
  if (dependsOn === undefined) issues.push({ path: `${path}.dependsOn`, message: `is missing: the ${kind ?? 'agent'} names this rule adds as dependencies` });
  else if (!Array.isArray(dependsOn)) issues.push({ path: `${path}.dependsOn`, message: `must be a list of names, got ${kindOf(dependsOn)}` });
  else {
    dependsOn.forEach((target, index) => {
      const targetName = nameAt(target, `${path}.dependsOn[${index}]`, issues);
      if (targetName !== undefined) targets.push(targetName);
    });
  }
  if (issues.length > before || kind === undefined || name === undefined) return undefined;
  return { kind, name, dependsOn: targets };
}

function nameAt(value: unknown, path: string, issues: RuleIssue[]): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  issues.push({ path, message: `must be a non-empty name, got ${kindOf(value)}` });
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** At most ten names, sorted, so a message stays one readable line. */
function listOf(names: ReadonlySet<string>): string {
  const sorted = [...names].sort();
  if (sorted.length === 0) return 'none';
  return sorted.length <= 10 ? sorted.join(', ') : `${sorted.slice(0, 10).join(', ')}, … (${sorted.length} in all)`;
}
