import type { LogDestination } from '../../src/logging/log-output';

/** A log destination that keeps what it is given, for a test to read. */
export class CapturedOutput implements LogDestination {
  readonly chunks: string[] = [];

  constructor(readonly isTTY = false) {}

  write(text: string): boolean {
    this.chunks.push(text);
    return true;
  }

  get text(): string {
    return this.chunks.join('');
  }

  /** Every line parsed as JSON (throws on a line that is not). */
  json(): Record<string, unknown>[] {
    return this.text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}
