import { withGrafanaVariables } from './support/promql';
import { dashboard, dashboardQueries } from './support/stack-files';

// What Grafana needs to lay the dashboard out; its queries run against a real Prometheus in real-scrape.spec.ts.
describe('docker/grafana/dashboards/a2a-mcp.json', () => {
  const { uid, title, panels } = dashboard();
  const charts = panels.filter((panel) => panel.type !== 'row');

  it('has a stable uid and a title', () => {
    expect(uid).toBe('a2a-mcp');
    expect(title).toBe('a2a-mcp');
  });

  it('gives every panel its own id', () => {
    const ids = panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lays the panels out on the 24-column grid without overlaps', () => {
    const cells = new Set<string>();
    for (const { title: name, gridPos } of panels) {
      expect({ name, fits: gridPos.x >= 0 && gridPos.w > 0 && gridPos.h > 0 && gridPos.x + gridPos.w <= 24 }).toEqual({ name, fits: true });
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          const cell = `${x},${y}`;
          expect({ name, cell, free: !cells.has(cell) }).toEqual({ name, cell, free: true });
          cells.add(cell);
        }
      }
    }
  });

  it('covers what the service is judged by', () => {
    const metricsShown = dashboardQueries().map((query) => query.expr).join('\n');
    for (const metric of [
      'runs_finished_total',
      'tasks_total',
      'task_duration_seconds_bucket',
      'agent_request_duration_seconds_bucket',
      'task_queue_wait_seconds_bucket',
      'run_parallel_efficiency_sum',
      'quality_score_bucket',
      'quality_checks_total',
      'connection_reuse_ratio',
      'task_retries_total',
      'agents_available',
      'heartbeat_losses_total',
      'active_runs',
      'sse_subscribers',
    ]) {
      expect(metricsShown).toContain(`a2a_mcp_framework_${metric}`);
    }
    expect(metricsShown).toMatch(/histogram_quantile\(0\.99,/);
  });

  it('describes every chart and gives it a query, with only the Grafana variables Prometheus gets here', () => {
    expect(charts.length).toBeGreaterThan(20);
    for (const panel of charts) {
      expect({ title: panel.title, described: (panel.description ?? '').length > 10, queries: (panel.targets ?? []).length > 0 }).toEqual({ title: panel.title, described: true, queries: true });
    }
    for (const { expr } of dashboardQueries()) expect(() => withGrafanaVariables(expr)).not.toThrow();
  });
});
