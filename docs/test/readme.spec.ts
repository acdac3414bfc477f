import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeBlocks, commandLine, outputPattern, type CodeBlock } from './markdown-blocks';

// Every example in the README runs as written: commands are run from the repository root (the host
// the README starts on :3000 is started here on a free port), transcripts are compared with what the
// command prints, and TypeScript snippets are quotes of files that have their own tests.
const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = codeBlocks(readme);
const README_HOST = /(http:\/\/)?localhost:3000/g;
/** Where the README starts the example A2A agent; the test starts it on a free port instead. */
const README_A2A_AGENT = /127\.0\.0\.1:4100/g;

const where = (block: CodeBlock): string => `README.md line ${block.line}`;
const isCliLine = (line: string): boolean => line.startsWith('npx a2a-mcp ');
/** Build, test and set-up commands (npm, nx, .ci/run): CI itself runs them; the test does not. */
const isSetUpLine = (line: string): boolean => /^(npm |npx nx |bash )/.test(line) || /\bnpm (start|run start)/.test(line);
const usesHost = (text: string): boolean => /localhost:3000/.test(text);

/** Lines of a bash block with `\` continuations joined. */
function logicalLines(body: string): string[] {
  return body.replace(/\\\n\s*/g, '').split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

/** The hosts the README starts: `npm start` (the orchestrator) and `npm run start:example-host`. */
const HOST_MAINS = {
  orchestrator: join(root, 'apps', 'orchestrator', 'dist', 'main.js'),
  example: join(root, 'examples', 'custom-host', 'dist', 'custom-host', 'src', 'main.js'),
  // The host with AGENTS_MODE=remote, its agents served by two demo-agents replicas over NATS.
  remote: join(root, 'apps', 'orchestrator', 'dist', 'main.js'),
  // The host with external agents: the example A2A agent (AGENTS_CONFIG) and the example MCP server (MCP_SERVERS).
  external: join(root, 'apps', 'orchestrator', 'dist', 'main.js'),
} as const;
const A2A_AGENT_MAIN = join(root, 'examples', 'a2a-agent', 'dist', 'main.js');
let a2aAgentAddress = '127.0.0.1:4100';
const REPLICA_MAIN = join(root, 'apps', 'demo-agents', 'dist', 'main.js');
type HostName = keyof typeof HOST_MAINS;
const hosts = new Map<HostName, { url: string; process: ChildProcess }>();
const replicas: ChildProcess[] = [];

function bash(script: string, host: HostName, timeout = 60_000): { code: number; output: string } {
  const url = hosts.get(host)?.url ?? 'http://localhost:3000';
  const done = spawnSync('bash', ['-c', script.replace(README_HOST, url).replace(README_A2A_AGENT, a2aAgentAddress)], {
    cwd: root,
    encoding: 'utf8',
    timeout,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', A2A_MCP_SERVER: '' },
  });
  return { code: done.status ?? -1, output: `${done.stdout}${done.stderr}` };
}

/** The host a block talks to: `<!-- host: example -->` above it, else the orchestrator. */
const hostOf = (block: CodeBlock): HostName => {
  const named = block.directive?.name === 'host' ? block.directive.value : 'orchestrator';
  if (!(named in HOST_MAINS)) throw new Error(`README.md line ${block.line}: unknown host "${named}"`);
  return named as HostName;
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `main` and resolves once it printed `ready` (its start line). */
function startProcess(main: string, env: NodeJS.ProcessEnv, ready: RegExp, name: string, args: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, [main, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  return new Promise<ChildProcess>((resolve, reject) => {
    const seen = (chunk: Buffer): void => {
      printed += chunk.toString();
      if (ready.test(printed)) resolve(child);
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', seen);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready:\n${printed}`)));
  });
}

async function startHost(name: HostName): Promise<void> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { PORT: String(port) };
  if (name === 'remote') {
    // Its own subject prefix: other tests' replicas on the same NATS server are not ours.
    const prefix = `readme${process.pid}.`;
    for (const replicaId of ['agents-1', 'agents-2']) {
      const replicaEnv = { AGENTS_REPLICA_ID: replicaId, AGENTS_GRPC_PORT: '0', METRICS_PORT: '0', AGENTS_SUBJECT_PREFIX: prefix };
      replicas.push(await startProcess(REPLICA_MAIN, replicaEnv, /\n/, `replica ${replicaId}`));
    }
    Object.assign(env, { AGENTS_MODE: 'remote', AGENTS_SUBJECT_PREFIX: prefix });
  }
  if (name === 'external') {
    // The README's command with a free port, and its AGENTS_CONFIG pointed at that port.
    const agentPort = await freePort();
    a2aAgentAddress = `127.0.0.1:${agentPort}`;
    replicas.push(await startProcess(A2A_AGENT_MAIN, {}, /A2A agent at/, 'example A2A agent', ['--port', String(agentPort), '--host', '127.0.0.1']));
    const agentsConfig = join(mkdtempSync(join(tmpdir(), 'readme-a2a-')), 'a2a-agents.json');
    writeFileSync(agentsConfig, readFileSync(join(root, 'examples', 'external-agents', 'a2a-agents.json'), 'utf8').replace(README_A2A_AGENT, a2aAgentAddress));
    Object.assign(env, { AGENTS_CONFIG: agentsConfig, MCP_SERVERS: 'examples/mcp-servers.json', AGENT_ALLOWED_HOSTS: '127.0.0.1,localhost' });
  }
  const child = await startProcess(HOST_MAINS[name], env, /listening/, `${name} host`);
  hosts.set(name, { url: `http://localhost:${port}`, process: child });
}

/**
 * A block with shell state (variables, loops, exports) runs as one script; a line whose comment
 * says `(exit N)` must exit N, any other line 0. Set-up lines (npm, nx) are what the test did itself.
 */
function script(lines: readonly string[]): string {
  const steps = lines
    .filter((line) => !isSetUpLine(line))
    .map((line) => {
      const { command, exitCode } = commandLine(line);
      const quoted = JSON.stringify(command);
      return `set +e; ${command}\nrc=$?; set -e; [ "$rc" = ${exitCode} ] || { echo "README line exited $rc, expected ${exitCode}: "${quoted} >&2; exit 1; }`;
    });
  return ['set -eo pipefail', ...steps].join('\n');
}

describe('README.md', () => {
  jest.setTimeout(180_000);

  beforeAll(async () => {
    const needed = new Set(blocks.filter((block) => block.lang === 'bash' && usesHost(block.body)).map(hostOf));
    await Promise.all([...needed].map(startHost));
  });

  afterAll(() => {
    for (const { process: child } of hosts.values()) child.kill('SIGTERM');
    for (const replica of replicas) replica.kill('SIGTERM');
  });

  it('has code blocks to check (the parser found them)', () => {
    expect(blocks.filter((block) => block.lang === 'bash').length).toBeGreaterThan(3);
    expect(blocks.filter((block) => block.lang === 'ts').length).toBeGreaterThan(0);
  });

  describe('TypeScript snippets are verbatim quotes of tested files', () => {
    for (const block of blocks.filter((candidate) => candidate.lang === 'ts')) {
      it(`${where(block)}`, () => {
        expect(block.directive?.name).toBe('quote');
        const file = readFileSync(join(root, block.directive?.value ?? ''), 'utf8');
        expect(file).toContain(block.body);
      });
    }
  });

  describe('JSON blocks', () => {
    for (const block of blocks.filter((candidate) => candidate.lang === 'json')) {
      it(`${where(block)} parses${block.directive?.name === 'quote' ? ` and equals ${block.directive.value}` : ''}`, () => {
        const parsed: unknown = JSON.parse(block.body);
        if (block.directive?.name === 'quote') {
          expect(parsed).toEqual(JSON.parse(readFileSync(join(root, block.directive.value), 'utf8')));
        }
      });
    }
  });

  describe('commands run as written', () => {
    for (const block of blocks.filter((candidate) => candidate.lang === 'bash')) {
      const lines = logicalLines(block.body);
      const host = hostOf(block);
      if (lines.every(isSetUpLine)) continue;
      if (!lines.every((line) => isCliLine(line) || isSetUpLine(line))) {
        it(`${where(block)}: the block as one script`, () => {
          const ran = bash(script(lines), host);
          if (ran.code !== 0) throw new Error(`README.md line ${block.line} failed (${ran.code}):\n${ran.output}`);
          if (block.body.includes('/events')) expect(ran.output).toMatch(/workflow_complete/);
        });
        continue;
      }
      for (const line of lines.filter(isCliLine)) {
        const { command, exitCode } = commandLine(line);
        it(`${where(block)}: ${command} (exit ${exitCode})`, () => {
          const ran = bash(command, host);
          if (ran.code !== exitCode) throw new Error(`\`${command}\` exited ${ran.code}, the README says ${exitCode}:\n${ran.output}`);
        });
      }
    }
  });

  describe('transcripts match what the command prints', () => {
    for (const block of blocks.filter((candidate) => candidate.lang === '' && candidate.body.startsWith('$ '))) {
      const [first, ...expected] = block.body.split('\n');
      const { command, exitCode } = commandLine(first.slice(2));
      it(`${where(block)}: ${command}`, () => {
        const ran = bash(command, 'orchestrator');
        expect(ran.code).toBe(exitCode);
        const loose = block.directive?.name === 'transcript' && block.directive.value === 'loose';
        const printed = ran.output.trim().split('\n').map((line) => line.trimEnd()).join('\n');
        expect(printed).toMatch(outputPattern(expected.join('\n'), loose));
      });
    }
  });
});
