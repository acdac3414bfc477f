import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROMTOOL_BIN } from './support/prometheus-server';
import { ALERT_RULES, PROMETHEUS_CONFIG } from './support/stack-files';

// Prometheus's own checker on the shipped files (Debian's prometheus package; .ci/run installs it).
function promtool(...args: string[]): { code: number | null; output: string } {
  const ran = spawnSync(PROMTOOL_BIN, args, { encoding: 'utf8', timeout: 60_000 });
  if (ran.error !== undefined) throw new Error(`${PROMTOOL_BIN} did not run (${ran.error.message}): install Debian's prometheus package (.ci/run does)`);
  return { code: ran.status, output: `${ran.stdout}${ran.stderr}` };
}

describe('promtool', () => {
  it('accepts docker/prometheus/prometheus.yml and finds its rule file', () => {
    const checked = promtool('check', 'config', PROMETHEUS_CONFIG);
    expect(checked.output).toMatch(/SUCCESS: 1 rule files found/);
    expect(checked.output).toMatch(/is valid prometheus config file syntax/);
    expect(checked.code).toBe(0);
  });

  it('accepts docker/prometheus/alerts.yml', () => {
    const checked = promtool('check', 'rules', ALERT_RULES);
    const rules = (readFileSync(ALERT_RULES, 'utf8').match(/^\s*- alert:/gm) ?? []).length;
    expect(rules).toBeGreaterThanOrEqual(3);
    expect(checked.output).toContain(`SUCCESS: ${rules} rules found`);
    expect(checked.code).toBe(0);
  });

  it('rejects a rule with a broken expression (so the checks above can fail)', () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'a2a-mcp-rules-')), 'alerts.yml');
    const shipped = readFileSync(ALERT_RULES, 'utf8');
    const mutated = shipped.replace(/expr: up\{/, 'expr: up{{');
    expect(mutated).not.toBe(shipped);
    writeFileSync(broken, mutated);
    const checked = promtool('check', 'rules', broken);
    expect(checked.code).not.toBe(0);
    expect(checked.output).toMatch(/parse error|unexpected/);
  });
});
