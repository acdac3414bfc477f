import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { codeBlocks, commandLine, outputPattern, type CodeBlock } from './markdown-blocks';

// Every example in the README runs as written: commands are run from the repository root (the host
// the README starts on :3000 is started here on a free port), transcripts are compared with what the
// command prints, and TypeScript snippets are quotes of files that have their own tests.
const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = codeBlocks(readme);
const README_HOST = /(http:\/\/)?localhost:3000/g;

const where = (block: CodeBlock): string => `README.md line ${block.line}`;
const isCliLine = (line: string): boolean => line.startsWith('npx a2a-mcp ');
const usesHost = (text: string): boolean => /localhost:3000/.test(text);

/** Lines of a bash block with `\` continuations joined. */
function logicalLines(body: string): string[] {
  return body.replace(/\\\n\s*/g, '').split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

let hostUrl = '';
let host: ChildProcess | undefined;

function bash(script: string, timeout = 60_000): { code: number; output: string } {
  const done = spawnSync('bash', ['-c', script.replace(README_HOST, hostUrl)], {
    cwd: root,
    encoding: 'utf8',
    timeout,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  return { code: done.status ?? -1, output: `${done.stdout}${done.stderr}` };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startHost(): Promise<void> {
  const port = await freePort();
  hostUrl = `http://localhost:${port}`;
  const child = spawn(process.execPath, [join(root, 'apps', 'orchestrator', 'dist', 'main.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  host = child;
  let printed = '';
  await new Promise<void>((resolve, reject) => {
    const seen = (chunk: Buffer): void => {
      printed += chunk.toString();
      if (printed.includes('listening')) resolve();
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', seen);
    child.once('exit', (code) => reject(new Error(`the host exited (${code}) before listening:\n${printed}`)));
  });
}

describe('README.md', () => {
  jest.setTimeout(180_000);

  beforeAll(async () => {
    if (blocks.some((block) => block.lang === 'bash' && usesHost(block.body))) await startHost();
  });

  afterAll(() => {
    host?.kill('SIGTERM');
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
      if (lines.some((line) => line.startsWith('curl ') || line.startsWith('RUN='))) {
        // Lines that share shell variables run as one script.
        it(`${where(block)}: the curl walkthrough`, () => {
          const script = ['set -euo pipefail', ...lines.map((line) => commandLine(line).command)].join('\n');
          const ran = bash(script);
          expect({ code: ran.code, output: ran.output }).toMatchObject({ code: 0 });
          expect(ran.output).toMatch(/workflow_complete|"status":\s*"completed"/);
        });
        continue;
      }
      for (const line of lines.filter(isCliLine)) {
        const { command, exitCode } = commandLine(line);
        it(`${where(block)}: ${command} (exit ${exitCode})`, () => {
          const ran = bash(command);
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
        const ran = bash(command);
        expect(ran.code).toBe(exitCode);
        const loose = block.directive?.name === 'transcript' && block.directive.value === 'loose';
        const printed = ran.output.trim().split('\n').map((line) => line.trimEnd()).join('\n');
        expect(printed).toMatch(outputPattern(expected.join('\n'), loose));
      });
    }
  });
});
