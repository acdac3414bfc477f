// The API key lives in sessionStorage: it survives a reload of the tab, not the closing of the browser,
// and no other tab or site sees it. Storage can be refused (privacy modes); the console then asks again.
const STORAGE_KEY = 'a2a-mcp.apiKey';

export function loadApiKey(): string | undefined {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveApiKey(key: string | undefined): void {
  try {
    if (key === undefined) sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, key);
  } catch {
    // Kept in memory only for this page.
  }
}
