import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { copiesFromStages, instructionsOf, readStages } from './support/dockerfile';
import {
  COMPOSE_FILE,
  DOCKER_DIR,
  PROMETHEUS_CONFIG,
  REPO_ROOT,
  dashboard,
  prometheusConfig,
  readYaml,
  type PrometheusConfig,
} from './support/stack-files';

// No Docker engine runs here: docker/compose.yaml and the Dockerfiles are checked by parsing them and
// following every reference they make (images, files, ports, services, health checks, variables).

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string };
  command?: string[] | string;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const compose = readYaml(COMPOSE_FILE) as ComposeFile;
const services = Object.entries(compose.services);
const service = (name: string): ComposeService => {
  const found = compose.services[name];
  if (found === undefined) throw new Error(`compose.yaml has no service ${name}`);
  return found;
};
/** Our own services: built from this repository. */
const builtServices = services.filter(([, definition]) => definition.build !== undefined);
const envExample = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8');
const documentedVariables = new Set([...envExample.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));

/** `host:container[/proto]` or `container` → the published host port, if any. */
function hostPort(mapping: string): string | undefined {
  const parts = mapping.split('/')[0].split(':');
  return parts.length >= 2 ? parts[parts.length - 2] : undefined;
}

/** A bind mount `./src:/dst[:mode]` (relative to the compose file) or a named volume `name:/dst`. */
function parseVolume(volume: string): { source: string; target: string; bind: boolean } {
  const [source, target] = volume.split(':');
  return { source, target, bind: source.startsWith('.') || source.startsWith('/') };
}

/** The port a compose service listens on for HTTP, from its own environment. */
function listenPort(name: string): string | undefined {
  const environment = service(name).environment ?? {};
  return environment.METRICS_PORT ?? environment.PORT;
}

describe('docker/compose.yaml', () => {
  it('runs the whole stack: host, two demo-agent replicas, NATS, PostgreSQL, Prometheus, Grafana, a trace collector', () => {
    const images = services.map(([, definition]) => definition.image ?? '');
    expect(images.filter((image) => image.startsWith('a2a-mcp/demo-agents:'))).toHaveLength(2);
    expect(images.filter((image) => image.startsWith('a2a-mcp/orchestrator:'))).toHaveLength(1);
    for (const base of ['nats:', 'postgres:', 'prom/prometheus:', 'grafana/grafana-oss:', 'jaegertracing/all-in-one:']) {
      expect(images.filter((image) => image.startsWith(base))).toHaveLength(1);
    }
  });

  it('gives every image a pinned tag', () => {
    for (const [name, definition] of services) {
      expect({ name, image: definition.image }).toEqual({ name, image: expect.stringMatching(/^[\w./-]+:(?!latest$)[\w][\w.-]*$/) });
    }
  });

  it('builds from contexts and Dockerfiles that exist', () => {
    expect(builtServices.length).toBeGreaterThanOrEqual(3);
    for (const [name, { build }] of builtServices) {
      const context = join(DOCKER_DIR, build?.context ?? '.');
      expect({ name, context: existsSync(context) && statSync(context).isDirectory() }).toEqual({ name, context: true });
      expect({ name, dockerfile: existsSync(join(context, build?.dockerfile ?? 'Dockerfile')) }).toEqual({ name, dockerfile: true });
    }
  });

  it('mounts only files and folders of the repository, and declares its named volumes', () => {
    const declared = Object.keys(compose.volumes ?? {});
    let binds = 0;
    for (const [name, definition] of services) {
      for (const volume of definition.volumes ?? []) {
        const { source, bind } = parseVolume(volume);
        if (bind) {
          binds++;
          expect({ name, source, exists: existsSync(join(DOCKER_DIR, source)) }).toEqual({ name, source, exists: true });
        } else {
          expect(declared).toContain(source);
        }
      }
    }
    expect(binds).toBeGreaterThanOrEqual(4);
  });

  it('publishes each host port once', () => {
    const published = services.flatMap(([, definition]) => (definition.ports ?? []).map(hostPort)).filter((port) => port !== undefined);
    expect(published.length).toBeGreaterThanOrEqual(5);
    expect(new Set(published).size).toBe(published.length);
  });

  it('waits only on services that exist, and on health only where there is a health check', () => {
    let healthy = 0;
    for (const [name, definition] of services) {
      for (const [dependency, { condition }] of Object.entries(definition.depends_on ?? {})) {
        expect({ name, dependency, exists: dependency in compose.services }).toEqual({ name, dependency, exists: true });
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition);
        if (condition === 'service_healthy') {
          healthy++;
          expect({ name, dependency, healthcheck: service(dependency).healthcheck !== undefined }).toEqual({ name, dependency, healthcheck: true });
        }
      }
    }
    expect(healthy).toBeGreaterThanOrEqual(3);
    // The host starts once NATS and both replicas are healthy.
    expect(Object.keys(service('orchestrator').depends_on ?? {})).toEqual(expect.arrayContaining(['nats', 'demo-agents-1', 'demo-agents-2']));
  });

  it('gives every long-running service a health check', () => {
    for (const [name, definition] of services) expect({ name, healthcheck: definition.healthcheck !== undefined }).toEqual({ name, healthcheck: true });
  });

  it("probes each of the project's services on the port it listens on", () => {
    for (const [name, definition] of builtServices) {
      const test = [definition.healthcheck?.test ?? []].flat().join(' ');
      expect({ name, probes: test.includes(`127.0.0.1:${listenPort(name)}/health`) }).toEqual({ name, probes: true });
    }
  });

  it("sets only variables .env.example documents on the project's own services", () => {
    for (const [name, definition] of builtServices) {
      const variables = Object.keys(definition.environment ?? {});
      expect(variables.length).toBeGreaterThan(0);
      const undocumented = variables.filter((variable) => !documentedVariables.has(variable));
      expect({ name, undocumented }).toEqual({ name, undocumented: [] });
    }
  });

  it('points the services at compose services: NATS, the OTLP collector, the replicas advertised by name', () => {
    for (const [name, { environment = {} }] of builtServices) {
      const nats = new URL(environment.NATS_URL ?? '');
      expect({ name, nats: nats.hostname }).toEqual({ name, nats: 'nats' });
      expect(service('nats').command).toContain('-js');
      const otlp = new URL(environment.OTEL_EXPORTER_OTLP_ENDPOINT ?? '');
      expect(otlp.hostname in compose.services).toBe(true);
      expect(otlp.port).toBe('4318');
      if (environment.AGENTS_ADVERTISE_HOST !== undefined) expect(environment.AGENTS_ADVERTISE_HOST).toBe(name);
    }
    // remote: the replicas serve every task (with both, the host's in-process agents of the same names win).
    expect(service('orchestrator').environment?.AGENTS_MODE).toBe('remote');
  });

  it('mounts prometheus.yml and every rule file it names beside it', () => {
    const mounts = (service('prometheus').volumes ?? []).map(parseVolume);
    const configMount = mounts.find((mount) => join(DOCKER_DIR, mount.source) === PROMETHEUS_CONFIG);
    expect(configMount?.target).toBe('/etc/prometheus/prometheus.yml');
    expect(service('prometheus').command).toContain(`--config.file=${configMount?.target}`);
    const rules = prometheusConfig().rule_files ?? [];
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      const mount = mounts.find((candidate) => candidate.target === posix.join(posix.dirname(configMount?.target ?? ''), rule));
      expect({ rule, mounted: mount !== undefined && join(DOCKER_DIR, mount.source) === join(dirname(PROMETHEUS_CONFIG), rule) }).toEqual({ rule, mounted: true });
    }
  });

  it('provisions Grafana with the Prometheus service and the dashboard folder it mounts', () => {
    const mounts = (service('grafana').volumes ?? []).map(parseVolume);
    const provisioning = mounts.find((mount) => mount.target === '/etc/grafana/provisioning');
    expect(provisioning?.source).toBe('./grafana/provisioning');
    const datasources = readYaml(join(DOCKER_DIR, 'grafana', 'provisioning', 'datasources', 'prometheus.yml')) as { datasources: { uid: string; type: string; url: string }[] };
    const [prometheus] = datasources.datasources;
    expect(prometheus.type).toBe('prometheus');
    const url = new URL(prometheus.url);
    expect(url.hostname).toBe('prometheus');
    expect(url.port).toBe('9090');
    const providers = readYaml(join(DOCKER_DIR, 'grafana', 'provisioning', 'dashboards', 'a2a-mcp.yml')) as { providers: { options: { path: string } }[] };
    const dashboards = mounts.find((mount) => mount.target === providers.providers[0].options.path);
    expect(dashboards?.source).toBe('./grafana/dashboards');
    // Every panel and query names the provisioned datasource.
    const uids = dashboard().panels.flatMap((panel) => [panel.datasource?.uid, ...(panel.targets ?? []).map((target) => target.datasource?.uid)].filter((uid) => uid !== undefined));
    expect(uids.length).toBeGreaterThan(20);
    expect(new Set(uids)).toEqual(new Set([prometheus.uid]));
  });
});

describe('docker/prometheus/prometheus.yml targets', () => {
  const config: PrometheusConfig = prometheusConfig();
  const targets = config.scrape_configs.flatMap((job) => job.static_configs.flatMap((group) => group.targets.map((target) => ({ job: job.job_name, path: job.metrics_path, target }))));

  it('scrape compose services on the port each one listens on, at /metrics', () => {
    for (const { job, path, target } of targets) {
      const [host, port] = target.split(':');
      expect({ job, target, isService: host in compose.services }).toEqual({ job, target, isService: true });
      expect({ job, target, port: listenPort(host) }).toEqual({ job, target, port });
      expect(path ?? '/metrics').toBe('/metrics');
    }
  });

  it('cover the host and every demo-agent replica', () => {
    const scraped = new Set(targets.map(({ target }) => target.split(':')[0]));
    const ours = builtServices.map(([name]) => name);
    expect([...scraped].sort()).toEqual([...ours].sort());
  });
});

describe.each([
  { app: 'orchestrator', file: 'orchestrator.Dockerfile', port: '3000' },
  { app: 'demo-agents', file: 'demo-agents.Dockerfile', port: '9464' },
])('docker/$file', ({ app, file, port }) => {
  const stages = readStages(join(DOCKER_DIR, file));
  const image = stages[stages.length - 1];
  const stageNamed = (name: string) => stages.find((stage) => stage.name === name);

  it('is built by compose', () => {
    expect(builtServices.some(([, definition]) => definition.build?.dockerfile === `docker/${file}`)).toBe(true);
  });

  it('builds and runs on Node 24 LTS in every stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^node:24(\.\d+)*-/);
  });

  it('builds the app with Nx', () => {
    const build = stages[0].instructions.filter((instruction) => instruction.keyword === 'RUN').map((instruction) => instruction.args).join('\n');
    expect(build).toMatch(/npm ci\b/);
    expect(build).toContain(`nx run ${app}:build`);
  });

  it('runs as a user that is not root', () => {
    const users = instructionsOf(image, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)(:|$)/);
  });

  it('has a HEALTHCHECK probing its HTTP port with Node (slim images have no curl)', () => {
    const [healthcheck] = instructionsOf(image, 'HEALTHCHECK');
    expect(healthcheck).toMatch(/CMD \["node", "-e"/);
    expect(healthcheck).toContain(String(port));
    expect(instructionsOf(image, 'EXPOSE').join(' ').split(/\s+/)).toContain(port);
  });

  it('ships production dependencies only: the final stage installs nothing and copies node_modules from an --omit=dev install', () => {
    expect(image.instructions.filter((instruction) => instruction.keyword === 'RUN' && /npm (ci|install|i)\b/.test(instruction.args))).toEqual([]);
    const copies = copiesFromStages(image);
    expect(copies.length).toBeGreaterThan(0);
    const installs = copies.map(({ from }) => stageNamed(from));
    const dependencyStage = installs.find((stage) => stage !== undefined && instructionsOf(stage, 'RUN').some((run) => /npm ci\b/.test(run)));
    expect(dependencyStage).toBeDefined();
    for (const run of instructionsOf(dependencyStage!, 'RUN').filter((candidate) => /npm (ci|install)\b/.test(candidate))) expect(run).toContain('--omit=dev');
    // From the build stage: only its prepared output, never the whole tree with the dev dependencies.
    for (const { from, sources } of copies.filter((copy) => copy.from === stages[0].name)) {
      expect({ from, sources: sources.filter((source) => /^\/app\/?$|node_modules/.test(source)) }).toEqual({ from, sources: [] });
    }
  });

  it('starts the compiled main of the app', () => {
    const [cmd] = instructionsOf(image, 'CMD');
    expect(JSON.parse(cmd)).toEqual(['node', `apps/${app}/dist/main.js`]);
    expect(existsSync(join(REPO_ROOT, 'apps', app, 'src', 'main.ts'))).toBe(true);
  });

  it('copies only repository paths that exist', () => {
    const paths = stages[0].instructions
      .filter((instruction) => instruction.keyword === 'RUN')
      .flatMap((instruction) => [...instruction.args.matchAll(/cp -a ((?:(?:libs|apps|examples)\/\S+\s+)+)\/out/g)].flatMap((match) => match[1].trim().split(/\s+/)))
      .filter((path) => !path.includes('$'));
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      const existing = path.includes('*') ? existsSync(join(REPO_ROOT, path.slice(0, path.indexOf('*')))) : existsSync(join(REPO_ROOT, path));
      expect({ path, existing }).toEqual({ path, existing: true });
    }
  });
});

describe('.dockerignore', () => {
  it('keeps installed and built files out of the build context', () => {
    const ignored = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git', '.env']));
  });
});
