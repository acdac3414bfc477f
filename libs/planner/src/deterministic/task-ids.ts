/** Role words that say nothing about the work: `payment_processor` → `payment`, `sms_agent` → `sms`. */
const ROLE_SUFFIX = /[_-](?:agent|processor|manager|specialist|service|worker|bot)$/;

/**
 * Readable, unique task ids from agent names: the first task of an agent gets the agent's work word
 * (`payment`, `inventory`, `shipping`), repeats get `-2`, `-3`, …
 */
export class TaskIdAllocator {
  private readonly used = new Set<string>();
  private readonly repeats = new Map<string, number>();

  next(agentName: string): string {
    const base = baseIdOf(agentName);
    let count = this.repeats.get(base) ?? 0;
    let id: string;
    do {
      count++;
      id = count === 1 ? base : `${base}-${count}`;
    } while (this.used.has(id));
    this.repeats.set(base, count);
    this.used.add(id);
    return id;
  }
}

function baseIdOf(agentName: string): string {
  const readable = agentName
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const short = readable.replace(ROLE_SUFFIX, '');
  return short || readable || 'task';
}
