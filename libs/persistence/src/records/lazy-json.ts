/**
 * Makes `target[key]` the value of the JSON text `json`, parsed when first read. A run's plan can be
 * megabytes (100 000 tasks) and lists, leases and summaries never read it. The property stays an
 * ordinary enumerable one to callers (spread, JSON.stringify and assignment work as usual).
 */
export function defineLazyJson(target: object, key: string, json: string): void {
  const settle = (owner: object, value: unknown): void => {
    Object.defineProperty(owner, key, { value, enumerable: true, configurable: true, writable: true });
  };
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get(this: object) {
      const value: unknown = JSON.parse(json);
      settle(this, value);
      return value;
    },
    set(this: object, value: unknown) {
      settle(this, value);
    },
  });
}
