import { metricNames, withGrafanaVariables } from './support/promql';

// The reader real-scrape.spec.ts uses to find the metrics a query names: it must find every one
// and nothing that is not a metric (labels, functions, keywords, durations, numbers, strings).
describe('metricNames', () => {
  it('finds the selected metrics and leaves out functions, labels, grouping, ranges, numbers and strings', () => {
    const expr =
      'histogram_quantile(0.99, sum by (le, agent) (rate(a2a_mcp_framework_task_duration_seconds_bucket{agent=~"pay.*", job="x"}[5m]))) > 1e3' +
      ' and on (instance) up offset 5m / ignoring(job) group_left(service) process_cpu_seconds_total or vector(0) unless bool_metric';
    expect(metricNames(expr).sort()).toEqual(['a2a_mcp_framework_task_duration_seconds_bucket', 'bool_metric', 'process_cpu_seconds_total', 'up']);
  });

  it('reads a bare metric and a metric compared with a number', () => {
    expect(metricNames('a2a_mcp_framework_active_runs')).toEqual(['a2a_mcp_framework_active_runs']);
    expect(metricNames('sum(a2a_mcp_framework_agents_available{transport!="local"}) == 0')).toEqual(['a2a_mcp_framework_agents_available']);
  });
});

describe('withGrafanaVariables', () => {
  it("replaces Grafana's interval variables with windows Prometheus accepts", () => {
    expect(withGrafanaVariables('rate(x[$__rate_interval]) + increase(y[${__range}])')).toBe('rate(x[5m]) + increase(y[10m])');
  });

  it('refuses a variable the test cannot give a value', () => {
    expect(() => withGrafanaVariables('up{job="$job"}')).toThrow(/unknown Grafana variable \$job/);
  });
});
