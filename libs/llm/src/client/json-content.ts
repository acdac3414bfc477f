/** A whole reply fenced as ```json … ``` (or plain ```), or the first fenced block in prose. */
const FENCED = /```(?:json)?\s*\n?([\s\S]*?)```/i;

/**
 * The JSON text of a model's reply: the inside of its first ``` fence when it has one (models fence
 * JSON even when told not to), else the reply itself; trimmed.
 */
export function unfenceJson(content: string): string {
  return (FENCED.exec(content)?.[1] ?? content).trim();
}
