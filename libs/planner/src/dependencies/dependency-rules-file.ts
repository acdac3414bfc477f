import { readFileSync } from 'node:fs';
import type { AgentCard } from '@a2a-mcp/agents';
import { parsePlanText } from '../parse-plan-json';
import { PlanValidationError } from '../plan-issue';
import { checkRuleNames, DependencyRulesError, parseDependencyRuleSet, type CustomDependencyRuleSet } from './custom-dependency-rule-set';

/**
 * Reads a custom dependency rules file (JSON, see `parseDependencyRuleSet`) and, when `agents` are given,
 * checks its names against them. Throws DependencyRulesError naming the file: RULES_FILE_UNREADABLE,
 * RULES_INVALID_JSON (with line and column) or INVALID_RULES (each rule index and field).
 */
export function readDependencyRulesFile(path: string, agents?: readonly AgentCard[]): CustomDependencyRuleSet {
  const source = `rules file "${path}"`;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DependencyRulesError('RULES_FILE_UNREADABLE', source, [{ path: '', message: `cannot be read: ${readFailure(error)}` }]);
  }
  let parsed: unknown;
  try {
    parsed = parsePlanText(text, source);
  } catch (error) {
    if (!(error instanceof PlanValidationError)) throw error;
    // The JSON issue's message already starts with the source.
    const message = error.issues[0]?.message.replace(`${source}: `, '') ?? 'invalid JSON';
    throw new DependencyRulesError('RULES_INVALID_JSON', source, [{ path: '', message }]);
  }
  const ruleSet: CustomDependencyRuleSet = { ...parseDependencyRuleSet(parsed, source), path };
  if (agents !== undefined) checkRuleNames(ruleSet, agents);
  return ruleSet;
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
