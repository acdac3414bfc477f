import { sessionValue } from '../session-value';

// The API key is kept for the tab only; when storage is refused the console asks again after a reload.
const apiKey = sessionValue('a2a-mcp.apiKey');

export function loadApiKey(): string | undefined {
  return apiKey.load();
}

export function saveApiKey(key: string | undefined): void {
  apiKey.save(key);
}
