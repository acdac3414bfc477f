/** Agent names a plan may use: a list, or a predicate (e.g. a registry lookup). */
export type KnownAgents = Iterable<string> | ((name: string) => boolean);

const NAMES_SHOWN = 5;

/** Answers "is this agent known?" and says which ones are, for the UNKNOWN_AGENT message. */
export interface AgentCatalog {
  has(name: string): boolean;
  /** e.g. `known agents: a, b, c, d, e and 3 more`; built once, on the first unknown agent. */
  hint(): string;
}

export function agentCatalog(known: KnownAgents): AgentCatalog {
  if (typeof known === 'function') return { has: known, hint: () => 'not in the agent registry' };
  // A string is iterable too; taken as one name rather than as its characters.
  const names = new Set(typeof known === 'string' ? [known] : known);
  let hint: string | undefined;
  return {
    has: (name) => names.has(name),
    hint: () => (hint ??= describeNames([...names].sort())),
  };
}

function describeNames(sorted: readonly string[]): string {
  if (sorted.length === 0) return 'no agents are known';
  const shown = sorted.slice(0, NAMES_SHOWN).join(', ');
  const more = sorted.length - NAMES_SHOWN;
  return `known agents: ${more > 0 ? `${shown} and ${more} more` : shown}`;
}
