import { sessionValue } from '../session-value';

// The New run editor's text, kept for the tab: a reload keeps the edit, and Compare can run it.
const draft = sessionValue('a2a-mcp.planDraft');

export function loadPlanDraft(): string | undefined {
  return draft.load();
}

export function savePlanDraft(text: string): void {
  draft.save(text);
}
