import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The repository root and the docker/ folder the stack's files live in. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const DOCKER_DIR = join(REPO_ROOT, 'docker');

export const PROMETHEUS_CONFIG = join(DOCKER_DIR, 'prometheus', 'prometheus.yml');
export const ALERT_RULES = join(DOCKER_DIR, 'prometheus', 'alerts.yml');
export const COMPOSE_FILE = join(DOCKER_DIR, 'compose.yaml');
export const DASHBOARD_FILE = join(DOCKER_DIR, 'grafana', 'dashboards', 'a2a-mcp.json');

/** A YAML file as plain data; `<<` merge keys resolved (compose files use them). */
export function readYaml(path: string): unknown {
  return parse(readFileSync(path, 'utf8'), { merge: true });
}

export interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  static_configs: { targets: string[]; labels?: Record<string, string> }[];
}

export interface PrometheusConfig {
  global?: Record<string, unknown>;
  rule_files?: string[];
  scrape_configs: ScrapeConfig[];
}

export const prometheusConfig = (): PrometheusConfig => readYaml(PROMETHEUS_CONFIG) as PrometheusConfig;

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function alertRules(): AlertRule[] {
  const file = readYaml(ALERT_RULES) as { groups: { name: string; rules: AlertRule[] }[] };
  return file.groups.flatMap((group) => group.rules);
}

export interface DashboardPanel {
  id: number;
  type: string;
  title: string;
  description?: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { type: string; uid: string };
  targets?: { expr: string; refId: string; legendFormat?: string; datasource?: { uid: string } }[];
}

export interface Dashboard {
  uid: string;
  title: string;
  panels: DashboardPanel[];
}

export const dashboard = (): Dashboard => JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as Dashboard;

/** Every query of the dashboard, named by its panel. */
export function dashboardQueries(): { panel: string; expr: string }[] {
  return dashboard().panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: `${panel.title} (${target.refId})`, expr: target.expr })));
}
