import type { NumberRule } from '../validation/field-readers';
import { UNPRINTABLE_CHARACTERS } from '../validation/identifiers';
import type { PlanLimits } from '../validation/plan-limits';
import type { JsonSchema } from './json-schema';

/**
 * Schemas of single values, built from the validator's own rules and limits. JSON Schema counts a
 * string's length in code points, the validator in UTF-16 code units: the schema never refuses a string
 * the validator accepts, but one of astral characters (emoji) may pass it and still be too long.
 */

/** A number as a NumberRule bounds it (`minExclusive` becomes `exclusiveMinimum`); the rule's wording ends the description. */
export function numberSchema(rule: NumberRule, description: string): JsonSchema {
  const schema: JsonSchema = { description: `${description}: ${rule.expected}.`, type: rule.integer ? 'integer' : 'number' };
  if (rule.min !== undefined) {
    if (rule.minExclusive) schema.exclusiveMinimum = rule.min;
    else schema.minimum = rule.min;
  }
  if (rule.max !== undefined) schema.maximum = rule.max;
  return schema;
}

/** Free text (a name, a description, a mitigation): at most `maxDescriptionLength` characters. */
export function textSchema(limits: PlanLimits, description: string): JsonSchema {
  return { description: `${description}; at most ${limits.maxDescriptionLength} characters.`, type: 'string', maxLength: limits.maxDescriptionLength };
}

/** Required free text: also not blank (the validator reports a blank one as MISSING_FIELD). */
export function nonBlankTextSchema(limits: PlanLimits, description: string): JsonSchema {
  return { ...textSchema(limits, `${description}; not blank`), pattern: '\\S' };
}

const PRINTABLE = `[^${UNPRINTABLE_CHARACTERS}]*`;
const PRINTABLE_RULE = 'printable (no control, line-separator or bidi character)';

/** A task id, agent name or task reference as the validator's identifier check takes it; may be blank. */
export function identifierSchema(limits: PlanLimits, description: string): JsonSchema {
  return {
    description: `${description}; ${PRINTABLE_RULE}, at most ${limits.maxIdLength} characters.`,
    type: 'string',
    maxLength: limits.maxIdLength,
    pattern: `^${PRINTABLE}$`,
  };
}

/**
 * An identifier that is also not blank: a task id, an agent name, and every reference to a task (which
 * must name a task, so cannot be blank either). `.` in the look-ahead stops only at line terminators,
 * which the printable part already refuses.
 */
export function nonBlankIdentifierSchema(limits: PlanLimits, description: string): JsonSchema {
  return {
    description: `${description}; not blank, ${PRINTABLE_RULE}, at most ${limits.maxIdLength} characters.`,
    type: 'string',
    maxLength: limits.maxIdLength,
    pattern: `^(?=.*\\S)${PRINTABLE}$`,
  };
}

/** One of a fixed set of strings. */
export function choiceSchema(choices: readonly string[], description: string): JsonSchema {
  return { description: `${description} (one of ${choices.join(', ')}).`, type: 'string', enum: [...choices] };
}
