/**
 * A value computed at most once, on first use. A thrown error is remembered and thrown again, so
 * each validator that needs a broken input fails the same way without recomputing it.
 */
export class Lazy<T> {
  private state: { value: T } | { error: unknown } | undefined;

  constructor(private readonly compute: () => T) {}

  get(): T {
    if (this.state === undefined) {
      try {
        this.state = { value: this.compute() };
      } catch (error) {
        this.state = { error };
      }
    }
    if ('error' in this.state) throw this.state.error;
    return this.state.value;
  }
}
