import { ENV_BOOLEAN_ALLOWED, parseEnvBoolean } from '@a2a-mcp/quality';

/** The environment as Node gives it (and as @nestjs/config hands it to `validate`). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** One bad variable: its name, the value it had, and what is allowed. */
export interface ConfigIssue {
  variable: string;
  value: string;
  allowed: string;
}

/**
 * Reads typed values from the environment and collects every bad one instead of stopping at the
 * first, so a start-up error lists them all. Unset or blank means "use the default" (compose files
 * often pass empty values).
 */
export class EnvReader {
  readonly issues: ConfigIssue[] = [];

  constructor(private readonly env: Environment) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value;
  }

  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const normalized = value.trim().toLowerCase();
    const match = choices.find((choice) => choice === normalized);
    if (match !== undefined) return match;
    this.report(name, value, `one of ${choices.join(', ')}`);
    return fallback;
  }

  /** true/false/1/0 in any case (the quality lib's reading, which the CLI uses too); undefined when unset (the caller applies its default). */
  boolean(name: string): boolean | undefined {
    const value = this.raw(name);
    const parsed = parseEnvBoolean(value);
    if (parsed !== 'invalid') return parsed;
    this.report(name, value ?? '', ENV_BOOLEAN_ALLOWED);
    return undefined;
  }

  integer(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const text = value.trim();
    const parsed = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isSafeInteger(parsed) && parsed >= min && parsed <= max) return parsed;
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
    this.report(name, value, range);
    return fallback;
  }

  /** Parses with `parse`, which throws on a bad value; `allowed` describes the good ones. */
  parsed<T>(name: string, fallback: T, allowed: string, parse: (value: string) => T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    try {
      return parse(value);
    } catch {
      this.report(name, value, allowed);
      return fallback;
    }
  }

  report(variable: string, value: string, allowed: string): void {
    this.issues.push({ variable, value, allowed });
  }
}
