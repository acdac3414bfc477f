import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';

/**
 * Reads an agents configuration file (AGENTS_CONFIG, MCP_SERVERS, LLM_AGENTS): JSON for `.json`, YAML
 * for anything else. `fail(detail)` throws the caller's own error, which names the file.
 */
export function readConfigDocument(file: string, fail: (detail: string) => never): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return fail(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const json = extname(file).toLowerCase() === '.json';
  try {
    return json ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    return fail(`is not valid ${json ? 'JSON' : 'YAML'}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}
