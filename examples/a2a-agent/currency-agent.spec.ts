import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TaskError } from '@a2a-mcp/core-graph';
import { createStandaloneContext, createTaskRequest } from '@a2a-mcp/core-graph/testing';
import { UrlGuard, connectA2aAgent, type A2aAgent } from '@a2a-mcp/transports';
import { startCurrencyAgent, type RunningCurrencyAgent } from './currency-agent.server';
import { convert, parseConversionText } from './currency-rates';

// Real servers and processes: generous under a loaded CI machine.
jest.setTimeout(60_000);

// The agent listens on 127.0.0.1, which a host calls only when AGENT_ALLOWED_HOSTS lists it.
const guard = new UrlGuard({ allowedHosts: ['127.0.0.1'] });

describe('the fixed-rate table', () => {
  it('converts through USD and reads a request written in words', () => {
    expect(convert(100, 'USD', 'EUR')).toEqual({ amount: 100, from: 'USD', to: 'EUR', rate: 0.92, converted: 92 });
    expect(convert(92, 'EUR', 'GBP').converted).toBe(79);
    expect(() => convert(1, 'USD', 'XYZ')).toThrow('unknown currency XYZ');
    expect(parseConversionText('how much is 250 gbp in JPY?')).toEqual({ amount: 250, from: 'GBP', to: 'JPY' });
    expect(parseConversionText('convert 10 dollars')).toEqual({ amount: 10, from: undefined, to: undefined });
  });
});

describe('examples/a2a-agent: the currency converter over A2A, called through the host’s A2A executor', () => {
  let server: RunningCurrencyAgent;
  let agent: A2aAgent;

  beforeAll(async () => {
    server = await startCurrencyAgent({ port: 0 });
    agent = await connectA2aAgent(server.url, { guard });
  });

  afterAll(async () => {
    await agent.close();
    await server.close();
  });

  const task = (description: string, input: Record<string, unknown> = {}) => createTaskRequest({ agent: agent.card.name, description, input });

  it('publishes a card the host turns into the agent currency_converter, with its planning metadata', () => {
    expect(agent.card).toMatchObject({
      name: 'currency_converter',
      description: expect.stringContaining('(A2A agent "Currency Converter")'),
      url: `${server.url}/a2a/jsonrpc`,
      skills: [
        {
          id: 'convert_currency',
          tags: ['currency', 'convert', 'exchange', 'money', 'fx'],
          metadata: { consumes: ['amount'], produces: ['converted_amount'], expectedDurationMs: 20 },
        },
      ],
    });
  });

  it('converts the amount given as data, streaming a working status and a data artifact', async () => {
    const standalone = createStandaloneContext();
    const output = await agent.executor.execute(task('Convert the refund', { amount: 100, from: 'USD', to: 'EUR' }), standalone.ctx);
    expect(output).toEqual({ amount: 100, from: 'USD', to: 'EUR', rate: 0.92, converted: 92 });
    expect(standalone.progress).toEqual([{ pct: 0, message: 'Converting 100 USD to EUR at 0.92' }]);
    expect(standalone.artifacts).toEqual([{ name: 'conversion', mimeType: 'application/json', data: output }]);
  });

  it('reads a request written in words', async () => {
    await expect(agent.executor.execute(task('convert 250 GBP to JPY'), createStandaloneContext().ctx)).resolves.toMatchObject({ from: 'GBP', to: 'JPY', converted: 47848.1 });
  });

  it('asks for the missing currency and finishes with the answer', async () => {
    const standalone = createStandaloneContext({ answer: () => 'CHF please' });
    const output = await agent.executor.execute(task('convert 50 EUR'), standalone.ctx);
    expect(standalone.questions).toEqual(['Which currency should I convert 50 EUR to? (USD, EUR, GBP, JPY, CHF, CAD)']);
    expect(output).toMatchObject({ amount: 50, from: 'EUR', to: 'CHF' });
  });

  it('rejects an unknown currency: A2A_TASK_FAILED, not retryable', async () => {
    const error = await agent.executor.execute(task('convert 5 USD to XYZ', { to: 'XYZ' }), createStandaloneContext().ctx).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TaskError);
    expect(error).toMatchObject({ code: 'A2A_TASK_FAILED', retryable: false });
    expect((error as Error).message).toContain('unknown currency XYZ');
  });

  it('is cancelled when the attempt is aborted during its work', async () => {
    const standalone = createStandaloneContext();
    const working = new Promise<void>((resolve) => {
      standalone.ctx.progress = () => resolve();
    });
    const running = agent.executor.execute(task('convert 1 USD to CAD', { delayMs: 30_000 }), standalone.ctx);
    await working;
    standalone.controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'TASK_CANCELLED' });
  });
});

describe('examples/a2a-agent as built (dist/main.js)', () => {
  /** The built agent as a child process, and the URL it printed. */
  async function startBuilt(args: string[] = []): Promise<{ child: ReturnType<typeof spawn>; url: string }> {
    const child = spawn(process.execPath, [join(__dirname, 'dist', 'main.js'), '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    const url = await new Promise<string>((resolve, reject) => {
      const seen = (chunk: Buffer): void => {
        printed += chunk.toString();
        const match = /A2A agent at (https?:\/\/127\.0\.0\.1:\d+) /.exec(printed);
        if (match) resolve(match[1]);
      };
      child.stdout?.on('data', seen);
      child.stderr?.on('data', seen);
      child.once('exit', (code) => reject(new Error(`the agent exited (${code}): ${printed}`)));
    });
    return { child, url };
  }

  it('starts on --port 0, prints its URL, serves a conversion, and stops on SIGTERM', async () => {
    const { child, url } = await startBuilt();
    try {
      expect(url).toMatch(/^http:/);
      const agent = await connectA2aAgent(url, { guard });
      try {
        await expect(agent.executor.execute(createTaskRequest({ description: 'convert 10 USD to GBP' }), createStandaloneContext().ctx)).resolves.toMatchObject({ converted: 7.9 });
      } finally {
        await agent.close();
      }
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      expect(await exited).toEqual([0, null]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('serves HTTPS with --tls-key and --tls-cert: the host trusts its certificate through tls.ca', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2a-agent-tls-'));
    const [keyFile, certFile] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    // A throw-away self-signed certificate for 127.0.0.1 (Node has no API to make one).
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
    const { child, url } = await startBuilt(['--tls-key', keyFile, '--tls-cert', certFile]);
    try {
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const agent = await connectA2aAgent(url, { guard, tls: { ca: readFileSync(certFile) } });
      try {
        expect(agent.card.url).toBe(`${url}/a2a/jsonrpc`);
        await expect(agent.executor.execute(createTaskRequest({ description: 'convert 10 USD to GBP' }), createStandaloneContext().ctx)).resolves.toMatchObject({ converted: 7.9 });
      } finally {
        await agent.close();
      }
      // Without the certificate the host does not trust it.
      await expect(connectA2aAgent(url, { guard })).rejects.toMatchObject({ code: 'AGENT_UNAVAILABLE', message: expect.stringContaining('TLS handshake with 127.0.0.1') });
    } finally {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses --tls-key without --tls-cert (exit 2, naming both)', async () => {
    const child = spawn(process.execPath, [join(__dirname, 'dist', 'main.js'), '--port', '0', '--tls-key', 'key.pem'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(printed).toContain('--tls-key and --tls-cert go together');
  });
});
