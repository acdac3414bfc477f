import { createInbox, type Msg, type NatsConnection, type Subscription } from 'nats';

/** The replies to one request: a reply subject to publish with, the messages sent to it, and its release. */
export interface ReplyStream {
  readonly subject: string;
  readonly messages: AsyncIterable<Msg>;
  /** Stops routing to this stream (idempotent); later replies to its subject are dropped. */
  close(): void;
}

/**
 * One long-lived subscription per connection (`_INBOX.<id>.*`) that routes each reply by its subject
 * to the attempt waiting for it. A subscription per attempt would cost a SUB and an UNSUB (two more
 * socket writes and two more protocol lines for the server) on every round trip.
 */
export class ReplyInbox {
  private readonly prefix = `${createInbox()}.`;
  private readonly streams = new Map<string, MessageQueue>();
  private readonly subscription: Subscription;
  private nextToken = 0;
  private failure: Error | undefined;

  constructor(connection: NatsConnection) {
    this.subscription = connection.subscribe(`${this.prefix}*`, {
      callback: (error, msg) => (error ? this.failAll(error) : this.streams.get(msg.subject)?.push(msg)),
    });
    // A closed connection delivers nothing more: every waiting attempt hears it now rather than by silence.
    void connection.closed().then((error) => this.failAll(error ?? new Error('the NATS connection closed')));
  }

  /** Attempts waiting for replies now. */
  get size(): number {
    return this.streams.size;
  }

  open(): ReplyStream {
    const subject = `${this.prefix}${(this.nextToken++).toString(36)}`;
    const queue = new MessageQueue();
    if (this.failure) queue.fail(this.failure);
    else this.streams.set(subject, queue);
    return { subject, messages: queue, close: () => this.streams.delete(subject) };
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const queue of this.streams.values()) queue.fail(error);
    this.streams.clear();
    if (!this.subscription.isClosed()) {
      try {
        this.subscription.unsubscribe();
      } catch {
        // The connection is already gone, and the subscription with it.
      }
    }
  }
}

/** Messages pushed by the subscription callback, read by one consumer with for-await. */
class MessageQueue implements AsyncIterable<Msg> {
  private readonly items: Msg[] = [];
  private waiter: { resolve(step: IteratorResult<Msg>): void; reject(error: Error): void } | undefined;
  private failure: Error | undefined;

  push(msg: Msg): void {
    const waiter = this.waiter;
    if (waiter === undefined) {
      this.items.push(msg);
      return;
    }
    this.waiter = undefined;
    waiter.resolve({ value: msg, done: false });
  }

  fail(error: Error): void {
    this.failure = error;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterator<Msg> {
    return {
      next: () => {
        const msg = this.items.shift();
        if (msg !== undefined) return Promise.resolve({ value: msg, done: false });
        if (this.failure) return Promise.reject(this.failure);
        return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
      },
      return: () => Promise.resolve({ value: undefined, done: true }),
    };
  }
}
