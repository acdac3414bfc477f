/**
 * A string kept in sessionStorage under `key`: it survives a reload of the tab, not the closing of the
 * browser, and no other tab or site sees it. Storage can be refused (privacy modes) or full: reads then
 * find nothing and writes are dropped, so the value lives as long as the page.
 */
export interface SessionValue {
  load(): string | undefined;
  /** undefined removes the value. */
  save(value: string | undefined): void;
}

export function sessionValue(key: string): SessionValue {
  return {
    load() {
      try {
        return sessionStorage.getItem(key) ?? undefined;
      } catch {
        return undefined;
      }
    },
    save(value) {
      try {
        if (value === undefined) sessionStorage.removeItem(key);
        else sessionStorage.setItem(key, value);
      } catch {
        // Storage refused or full: kept in memory only for this page.
      }
    },
  };
}
