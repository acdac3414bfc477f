// The repository's example plans (examples/*.json), bundled as their text so the editor shows each file
// as written. Files there that are not plans (dependency rules, MCP server lists) are left out.
const files = import.meta.glob<string>('../../../../examples/*.json', { eager: true, query: '?raw', import: 'default' });

export interface ExamplePlan {
  /** The file name, e.g. `ecommerce-order.json`. */
  file: string;
  description?: string;
  text: string;
}

function asExample(path: string, text: string): ExamplePlan[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { tasks?: unknown }).tasks)) return [];
  const description = (parsed as { description?: unknown }).description;
  return [{ file: path.slice(path.lastIndexOf('/') + 1), description: typeof description === 'string' ? description : undefined, text }];
}

export const EXAMPLES: readonly ExamplePlan[] = Object.entries(files)
  .flatMap(([path, text]) => asExample(path, text))
  .sort((a, b) => a.file.localeCompare(b.file));

export function exampleByFile(file: string): ExamplePlan | undefined {
  return EXAMPLES.find((example) => example.file === file);
}
