// The New run editor's text, kept for the tab: a reload keeps the edit, and Compare can run it.
const STORAGE_KEY = 'a2a-mcp.planDraft';

export function loadPlanDraft(): string | undefined {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function savePlanDraft(text: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, text);
  } catch {
    // Too large for the storage, or storage refused: the draft lives as long as the page.
  }
}
