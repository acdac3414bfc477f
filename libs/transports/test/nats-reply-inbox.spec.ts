import { connect, type Msg } from 'nats';
import { ReplyInbox } from '../src/nats/reply-inbox';
import { NATS_URL } from './support/nats-fixtures';

const text = (msg: Msg): string => new TextDecoder().decode(msg.data);

describe('ReplyInbox: one subscription per connection, replies routed by subject', () => {
  it('each stream gets only the replies to its own subject, in order; a closed stream gets nothing more', async () => {
    const connection = await connect({ servers: NATS_URL });
    try {
      const inbox = new ReplyInbox(connection);
      const a = inbox.open();
      const b = inbox.open();
      expect(a.subject).not.toBe(b.subject);
      expect(inbox.size).toBe(2);
      for (const [subject, body] of [[a.subject, 'a1'], [b.subject, 'b1'], [a.subject, 'a2']] as const) connection.publish(subject, body);
      const readA = a.messages[Symbol.asyncIterator]();
      const readB = b.messages[Symbol.asyncIterator]();
      expect(text((await readA.next()).value as Msg)).toBe('a1');
      expect(text((await readA.next()).value as Msg)).toBe('a2');
      expect(text((await readB.next()).value as Msg)).toBe('b1');
      a.close();
      expect(inbox.size).toBe(1);
      // A late reply to a's subject is dropped; b's next reply still arrives (after it, in order).
      connection.publish(a.subject, 'late');
      connection.publish(b.subject, 'b2');
      expect(text((await readB.next()).value as Msg)).toBe('b2');
    } finally {
      await connection.close();
    }
  });

  it('a closed connection fails every waiting stream at once (no wait for the heartbeat watchdog), and later ones too', async () => {
    const connection = await connect({ servers: NATS_URL });
    const inbox = new ReplyInbox(connection);
    const waiting = inbox.open().messages[Symbol.asyncIterator]().next();
    await connection.close();
    await expect(waiting).rejects.toThrow('the NATS connection closed');
    await expect(inbox.open().messages[Symbol.asyncIterator]().next()).rejects.toThrow('the NATS connection closed');
    expect(inbox.size).toBe(0);
  });
});
