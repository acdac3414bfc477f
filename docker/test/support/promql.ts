/**
 * Just enough PromQL reading for the tests: Grafana's variables replaced by windows Prometheus
 * accepts, and the metric names an expression selects.
 */

/** Grafana's built-in interval variables, as windows long enough to span a whole test run. */
const GRAFANA_VARIABLES: Record<string, string> = { __rate_interval: '5m', __interval: '15s', __range: '10m' };

/** The expression as Prometheus sees it from Grafana; an unknown variable is an error. */
export function withGrafanaVariables(expr: string): string {
  return expr.replace(/\$\{?(\w+)\}?/g, (whole, name: string) => {
    const value = GRAFANA_VARIABLES[name];
    if (value === undefined) throw new Error(`unknown Grafana variable ${whole} in ${expr}`);
    return value;
  });
}

const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/**
 * The metric names an expression selects: identifiers outside strings, label matchers, ranges and
 * grouping clauses that are not functions, aggregations or keywords. Histogram series keep their
 * suffix (`_bucket`, `_sum`, `_count`): Prometheus stores them under those names.
 */
export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/(?<![\w.])([a-zA-Z_:][\w:]*)(\s*\()?/g)) {
    const [, name, call] = match;
    if (call !== undefined || KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names];
}
