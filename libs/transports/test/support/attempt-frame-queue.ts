/** A fake frame stream: the test pushes raw frames (or ends / breaks the stream) while consumeFrames reads. */
export class FrameQueue implements AsyncIterable<unknown> {
  private readonly items: IteratorResult<unknown>[] = [];
  private readonly waiting: { resolve(step: IteratorResult<unknown>): void; reject(error: Error): void }[] = [];
  private failure: Error | undefined;
  returned = false;

  push(frame: unknown): void {
    this.deliver({ value: frame, done: false });
  }

  end(): void {
    this.deliver({ value: undefined, done: true });
  }

  break(error: Error): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter.reject(error);
    else this.failure = error;
  }

  private deliver(step: IteratorResult<unknown>): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(step);
    else this.items.push(step);
  }

  [Symbol.asyncIterator](): AsyncIterator<unknown> {
    return {
      next: () => {
        const item = this.items.shift();
        if (item) return Promise.resolve(item);
        if (this.failure) return Promise.reject(this.failure);
        return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
      },
      return: () => {
        this.returned = true;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
