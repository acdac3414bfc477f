import { createInbox, type NatsConnection, type Subscription } from 'nats';
import { AnnouncementError, decodeAnnouncement, discoverySubjects, type AgentAnnouncement, type DiscoverySubjects } from './announcement';

export interface DiscoveryListenerOptions {
  connection: NatsConnection;
  /** Called for every announcement heard (periodic ones and replies to `discover`). */
  onAnnouncement(announcement: AgentAnnouncement): void;
  /** Called for an announcement that could not be read (it is dropped). */
  onBadAnnouncement?(error: AnnouncementError): void;
  subjects?: DiscoverySubjects;
}

/** The host side of discovery: listens to announcements and asks every replica to announce itself now. */
export class DiscoveryListener {
  private readonly subjects: DiscoverySubjects;
  private subscription: Subscription | undefined;

  constructor(private readonly options: DiscoveryListenerOptions) {
    this.subjects = options.subjects ?? discoverySubjects();
  }

  start(): void {
    this.subscription = this.options.connection.subscribe(this.subjects.announce, {
      callback: (error, message) => {
        if (error === null) this.receive(message.data);
      },
    });
  }

  /**
   * Publishes a discovery request and collects the replies for `windowMs` (every replica answers, so
   * there is no "first reply wins"). Each reply also goes to `onAnnouncement`.
   */
  async discover(windowMs: number): Promise<AgentAnnouncement[]> {
    const { connection } = this.options;
    const inbox = createInbox();
    const heard: AgentAnnouncement[] = [];
    const replies = connection.subscribe(inbox, {
      callback: (error, message) => {
        if (error !== null) return;
        const announcement = this.receive(message.data);
        if (announcement !== undefined) heard.push(announcement);
      },
    });
    connection.publish(this.subjects.discovery, new Uint8Array(0), { reply: inbox });
    await new Promise<void>((resolve) => setTimeout(resolve, windowMs).unref());
    replies.unsubscribe();
    return heard;
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  private receive(data: Uint8Array): AgentAnnouncement | undefined {
    try {
      const announcement = decodeAnnouncement(data);
      this.options.onAnnouncement(announcement);
      return announcement;
    } catch (error) {
      if (!(error instanceof AnnouncementError)) throw error;
      this.options.onBadAnnouncement?.(error);
      return undefined;
    }
  }
}
