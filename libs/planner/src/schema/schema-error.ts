/**
 * The plan's JSON Schema cannot be made from the validator's tables: a table entry the schema has no
 * rule for (an original name in seconds without a seconds range, an enum word no character spells).
 * A bug, found by the planner's tests, never caused by input.
 */
export class PlanSchemaError extends Error {
  readonly code = 'PLAN_SCHEMA_MISMATCH' as const;

  constructor(message: string) {
    super(`plan JSON Schema: ${message}`);
    this.name = 'PlanSchemaError';
  }
}
