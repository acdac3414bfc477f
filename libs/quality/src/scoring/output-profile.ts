import { appendTerms } from './text-terms';

export type OutputKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'undefined' | 'other';

/** What the validators need to know about an output, gathered in one bounded walk. */
export interface OutputProfile {
  readonly kind: OutputKind;
  /** Own keys of a top-level object (none otherwise). */
  readonly topLevelKeys: readonly string[];
  /** Top-level keys whose value is null, undefined, blank, [] or {}. */
  readonly emptyTopLevelKeys: readonly string[];
  /** Items of a top-level array, keys of a top-level object, 0 otherwise. */
  readonly size: number;
  /** Terms of every key and string value (see text-terms.ts). */
  readonly terms: ReadonlySet<string>;
  /** Paths (dotted) of negative numbers under quantity-like keys (amount, count, price...). */
  readonly negativeQuantities: readonly string[];
  /** Paths of values JSON cannot carry: NaN, Infinity, functions, symbols, bigints, cycles. */
  readonly nonJsonValues: readonly string[];
  /** The walk stopped at its depth or node limit; deeper content was not inspected. */
  readonly truncated: boolean;
}

// Bounds keep a huge or hostile output from stalling the engine's hot path.
const MAX_DEPTH = 8;
const MAX_NODES = 5_000;
const MAX_TERMS = 2_000;
const MAX_TEXT_CHARS = 4_000;

// Fields that count things or money cannot be negative; deltas and rates legitimately can.
const QUANTITY_KEY = /amount|price|cost|fee|total|count|quantity|qty|duration|size|length|records|items/i;
const SIGNED_KEY = /delta|change|diff|adjust|net|growth|rate|offset|balance/i;

export function profileOutput(output: unknown): OutputProfile {
  const walker = new ProfileWalker();
  walker.visit(output, '', undefined, 0);
  const topLevelKeys = isPlainRecord(output) ? Object.keys(output) : [];
  const emptyTopLevelKeys = isPlainRecord(output) ? topLevelKeys.filter((key) => isEmptyValue(output[key])) : [];
  return {
    kind: kindOf(output),
    topLevelKeys,
    emptyTopLevelKeys,
    size: Array.isArray(output) ? output.length : topLevelKeys.length,
    terms: walker.terms,
    negativeQuantities: walker.negativeQuantities,
    nonJsonValues: walker.nonJsonValues,
    truncated: walker.truncated,
  };
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** null, undefined, a blank string, an empty array or an object without keys. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim().length === 0;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function kindOf(value: unknown): OutputKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'object' || type === 'string' || type === 'number' || type === 'boolean' || type === 'undefined' ? type : 'other';
}

class ProfileWalker {
  readonly terms = new Set<string>();
  readonly negativeQuantities: string[] = [];
  readonly nonJsonValues: string[] = [];
  truncated = false;
  private nodes = 0;
  private readonly ancestors = new Set<object>();

  visit(value: unknown, path: string, key: string | undefined, depth: number): void {
    if (depth > MAX_DEPTH || ++this.nodes > MAX_NODES) {
      this.truncated = true;
      return;
    }
    switch (typeof value) {
      case 'string':
        this.addTerms(value);
        return;
      case 'number':
        if (!Number.isFinite(value)) this.nonJsonValues.push(path || '(root)');
        else if (value < 0 && key !== undefined && QUANTITY_KEY.test(key) && !SIGNED_KEY.test(key)) this.negativeQuantities.push(path);
        return;
      case 'boolean':
      case 'undefined':
        return;
      case 'object':
        if (value === null) return;
        this.visitContainer(value, path, key, depth);
        return;
      default:
        this.nonJsonValues.push(path || '(root)');
    }
  }

  private visitContainer(container: object, path: string, key: string | undefined, depth: number): void {
    if (this.ancestors.has(container)) {
      this.nonJsonValues.push(`${path || '(root)'} (cycle)`);
      return;
    }
    this.ancestors.add(container);
    if (Array.isArray(container)) {
      // Items inherit the array's key: `amounts: [-3]` is still a negative amount.
      for (let index = 0; index < container.length && !this.truncated; index++) {
        this.visit(container[index], join(path, String(index)), key, depth + 1);
      }
    } else {
      for (const [childKey, child] of Object.entries(container)) {
        if (this.truncated) break;
        this.addTerms(childKey);
        this.visit(child, join(path, childKey), childKey, depth + 1);
      }
    }
    this.ancestors.delete(container);
  }

  private addTerms(text: string): void {
    if (this.terms.size < MAX_TERMS) appendTerms(text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text, this.terms, MAX_TERMS);
  }
}

function join(path: string, segment: string): string {
  return path.length === 0 ? segment : `${path}.${segment}`;
}
