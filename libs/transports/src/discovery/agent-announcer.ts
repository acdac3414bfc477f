import type { NatsConnection, Subscription } from 'nats';
import { discoverySubjects, encodeAnnouncement, type AgentAnnouncement, type DiscoverySubjects } from './announcement';

export interface AgentAnnouncerOptions {
  connection: NatsConnection;
  announcement: AgentAnnouncement;
  /** Subjects (default `agents.announce` / `agents.discovery`). */
  subjects?: DiscoverySubjects;
}

/**
 * The replica side of discovery: announces at start and every `announcement.announceMs`, answers
 * every discovery request with the same announcement, and says goodbye (`leaving`) on stop so the
 * host stops routing to it at once instead of after a few silent periods.
 */
export class AgentAnnouncer {
  private readonly subjects: DiscoverySubjects;
  private timer: NodeJS.Timeout | undefined;
  private subscription: Subscription | undefined;

  constructor(private readonly options: AgentAnnouncerOptions) {
    this.subjects = options.subjects ?? discoverySubjects();
  }

  start(): void {
    const { connection, announcement } = this.options;
    const payload = encodeAnnouncement(announcement);
    this.subscription = connection.subscribe(this.subjects.discovery, {
      callback: (error, message) => {
        if (error === null && message.reply) message.respond(payload);
      },
    });
    connection.publish(this.subjects.announce, payload);
    this.timer = setInterval(() => {
      if (!connection.isClosed()) connection.publish(this.subjects.announce, payload);
    }, announcement.announceMs);
    this.timer.unref();
  }

  /** Stops announcing and publishes the goodbye; flushes so it leaves before the connection closes. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    const { connection, announcement } = this.options;
    if (connection.isClosed()) return;
    connection.publish(this.subjects.announce, encodeAnnouncement({ ...announcement, leaving: true }));
    await connection.flush().catch(() => undefined);
  }
}
