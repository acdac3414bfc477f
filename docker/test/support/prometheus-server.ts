import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { eventually, freePort, startProcess, type Started } from './processes';
import { ALERT_RULES, prometheusConfig, type PrometheusConfig } from './stack-files';

/** Debian's prometheus package puts both binaries on PATH (.ci/run installs it). */
export const PROMETHEUS_BIN = 'prometheus';
export const PROMTOOL_BIN = 'promtool';

/**
 * The shipped prometheus.yml as the test runs it: the same jobs, paths and labels, every compose
 * target swapped for the test's address (a target the test does not know is an error), scrapes and
 * rule evaluations every second, and the shipped alert rules.
 */
export function testConfig(targets: Readonly<Record<string, string>>): PrometheusConfig {
  const shipped = prometheusConfig();
  return {
    ...shipped,
    global: { ...shipped.global, scrape_interval: '1s', evaluation_interval: '1s' },
    rule_files: [ALERT_RULES],
    scrape_configs: shipped.scrape_configs.map((job) => ({
      ...job,
      scrape_timeout: '1s',
      static_configs: job.static_configs.map((group) => ({
        ...group,
        targets: group.targets.map((target) => {
          const address = targets[target];
          if (address === undefined) throw new Error(`the test has no address for the shipped target ${target} (job ${job.job_name})`);
          return address;
        }),
      })),
    })),
  };
}

export interface QueryResult {
  metric: Record<string, string>;
  value: [number, string];
}

/** A real Prometheus on a free port, its data in a temporary folder. */
export class PrometheusServer {
  private constructor(
    readonly url: string,
    private readonly process: Started,
    private readonly dataDir: string,
  ) {}

  static async start(config: PrometheusConfig): Promise<PrometheusServer> {
    const dataDir = mkdtempSync(join(tmpdir(), 'a2a-mcp-prometheus-'));
    const configFile = join(dataDir, 'prometheus.yml');
    writeFileSync(configFile, stringify(config));
    const port = await freePort();
    const process = await startProcess({
      name: 'prometheus',
      command: PROMETHEUS_BIN,
      // Readiness is polled below (/-/ready).
      args: [`--config.file=${configFile}`, `--storage.tsdb.path=${join(dataDir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    });
    const server = new PrometheusServer(`http://127.0.0.1:${port}`, process, dataDir);
    try {
      await eventually('Prometheus to be ready', async () => ((await fetch(`${server.url}/-/ready`)).ok ? true : undefined), 60_000);
    } catch (error) {
      await server.stop();
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${process.output()}`);
    }
    return server;
  }

  /** GET /api/v1/<path>: the parsed body, whatever its status (the tests assert on it). */
  async api(path: string, params: Record<string, string> = {}): Promise<{ status: string; data?: unknown; error?: string; errorType?: string }> {
    const response = await fetch(`${this.url}/api/v1/${path}?${new URLSearchParams(params).toString()}`);
    return (await response.json()) as { status: string; data?: unknown; error?: string };
  }

  /** An instant query's vector; an error answer throws with Prometheus's message. */
  async query(expr: string): Promise<QueryResult[]> {
    const answer = await this.api('query', { query: expr });
    if (answer.status !== 'success') throw new Error(`query failed: ${answer.errorType}: ${answer.error} — ${expr}`);
    const data = answer.data as { resultType: string; result: QueryResult[] | [number, string] };
    if (data.resultType === 'scalar') return [{ metric: {}, value: data.result as [number, string] }];
    return data.result as QueryResult[];
  }

  /** Every metric name Prometheus has stored. */
  async metricNames(): Promise<string[]> {
    const answer = await this.api('label/__name__/values');
    if (answer.status !== 'success') throw new Error(`label values failed: ${answer.error}`);
    return answer.data as string[];
  }

  output(): string {
    return this.process.output();
  }

  async stop(): Promise<void> {
    await this.process.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
