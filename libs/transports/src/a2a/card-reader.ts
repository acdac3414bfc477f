import { BadAgentCardError } from './bad-agent-card.error';

/** Bounds on what a card may hold; a card past them is refused rather than carried into planning. */
export const CARD_LIMITS = {
  maxStringLength: 10_000,
  maxListLength: 1_000,
  maxSkills: 256,
} as const;

export type JsonRecord = Record<string, unknown>;

export const isRecord = (value: unknown): value is JsonRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a wrong value is, for messages: `number`, `null`, `an array`. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/**
 * Typed reads from a card someone else wrote: every read names its JSON path, and a value of the wrong
 * type, too long or missing throws BadAgentCardError naming the card's URL and that path.
 */
export class CardReader {
  constructor(readonly url: string) {}

  fail(field: string, problem: string): never {
    throw new BadAgentCardError(this.url, field, problem);
  }

  record(value: unknown, field: string): JsonRecord {
    if (!isRecord(value)) this.fail(field, `must be an object, got ${kindOf(value)}`);
    return value;
  }

  optionalRecord(value: unknown, field: string): JsonRecord | undefined {
    return value === undefined || value === null ? undefined : this.record(value, field);
  }

  string(value: unknown, field: string): string {
    if (value === undefined || value === null) this.fail(field, 'is missing');
    if (typeof value !== 'string') this.fail(field, `must be a string, got ${kindOf(value)}`);
    if (value.length > CARD_LIMITS.maxStringLength) this.fail(field, `is longer than ${CARD_LIMITS.maxStringLength} characters (${value.length})`);
    return value;
  }

  nonEmptyString(value: unknown, field: string): string {
    const text = this.string(value, field);
    if (text.trim() === '') this.fail(field, 'must not be empty');
    return text;
  }

  optionalString(value: unknown, field: string): string | undefined {
    return value === undefined || value === null ? undefined : this.string(value, field);
  }

  optionalBoolean(value: unknown, field: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') this.fail(field, `must be true or false, got ${kindOf(value)}`);
    return value;
  }

  optionalNumber(value: unknown, field: string, min = 0): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(field, `must be a number, got ${kindOf(value)}`);
    if (value < min) this.fail(field, `must be ≥ ${min}, got ${value}`);
    return value;
  }

  list(value: unknown, field: string, maxLength: number = CARD_LIMITS.maxListLength): unknown[] {
    if (value === undefined || value === null) this.fail(field, 'is missing');
    if (!Array.isArray(value)) this.fail(field, `must be an array, got ${kindOf(value)}`);
    if (value.length > maxLength) this.fail(field, `has ${value.length} entries, at most ${maxLength} allowed`);
    return value;
  }

  optionalStrings(value: unknown, field: string): string[] | undefined {
    if (value === undefined || value === null) return undefined;
    return this.list(value, field).map((item, index) => this.string(item, `${field}[${index}]`));
  }
}
