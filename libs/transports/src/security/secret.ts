import { inspect } from 'node:util';

/** What a secret shows wherever it is printed. */
export const HIDDEN_VALUE = '<hidden>';

/**
 * A password, token or key seed read from the environment. Printing it (String(), a template
 * string, JSON.stringify, console.log / util.inspect of a settings object) shows `<hidden>`, so
 * logging the settings does not leak it; `reveal()` hands the value to the client that sends it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return HIDDEN_VALUE;
  }

  toJSON(): string {
    return HIDDEN_VALUE;
  }

  [inspect.custom](): string {
    return `Secret(${HIDDEN_VALUE})`;
  }
}

/** `text` with every occurrence of each secret replaced by `<hidden>`: a last guard for messages built from errors of other libraries. */
export function redactSecrets(text: string, secrets: readonly (Secret | undefined)[]): string {
  let redacted = text;
  for (const secret of secrets) {
    const value = secret?.reveal();
    if (value !== undefined && value.length > 0) redacted = redacted.split(value).join(HIDDEN_VALUE);
  }
  return redacted;
}
