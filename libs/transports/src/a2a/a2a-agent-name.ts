/**
 * Our agent names are snake_case identifiers (the shape the domain-agent generator enforces): plans name
 * them in `agent`, and they end up in NATS subjects, metric labels and logs.
 */
export const A2A_AGENT_NAME_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

/** Long enough for any sensible display name, short enough for a metric label. */
export const MAX_A2A_AGENT_NAME_LENGTH = 64;

/**
 * An A2A card's display name as one of our agent names: "Currency Agent" → "currency_agent",
 * "Résumé-Writer 2" → "resume_writer_2", "3D Printer" → "agent_3d_printer". Undefined when nothing
 * usable is left (a name of only punctuation or non-Latin script).
 */
export function agentNameFromDisplayName(displayName: string): string | undefined {
  const words = displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // the accents NFKD split off
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  if (words.length === 0) return undefined;
  let name = words.join('_');
  if (!/^[a-z]/.test(name)) name = `agent_${name}`;
  if (name.length > MAX_A2A_AGENT_NAME_LENGTH) name = name.slice(0, MAX_A2A_AGENT_NAME_LENGTH).replace(/_+$/, '');
  return name;
}
