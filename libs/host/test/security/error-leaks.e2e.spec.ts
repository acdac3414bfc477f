import { Controller, Get, Module, type INestApplication, type LoggerService } from '@nestjs/common';
import { startApp } from '../../src/create-app';
import { get } from '../support/http';

jest.setTimeout(30_000);

/** What a careless dependency throws: its message names a file on the host. */
const LEAKY_MESSAGE = "ENOENT: no such file or directory, open '/srv/a2a-mcp/secrets/db-password.txt'";

/** A route of a composed-in module that fails unexpectedly (test only). */
@Controller('test-only')
class FailingController {
  @Get('boom')
  boom(): never {
    throw new Error(LEAKY_MESSAGE);
  }

  @Get('not-an-error')
  notAnError(): never {
    throw { path: '/srv/a2a-mcp/config.json', stack: 'at /srv/a2a-mcp/dist/main.js:1:1' };
  }
}

@Module({ controllers: [FailingController] })
class FailingModule {}

/** Keeps what the host logs as errors: the stack goes there, not to the client. */
class CapturingLogger implements LoggerService {
  readonly errors: string[] = [];
  log(): void {}
  warn(): void {}
  error(message: unknown, ...rest: unknown[]): void {
    this.errors.push([message, ...rest].map(String).join(' '));
  }
}

describe('no stack traces or file paths in error bodies', () => {
  const logger = new CapturingLogger();
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startApp({ env: { RUN_STORE: 'memory', SHUTDOWN_GRACE_MS: '100', AUTH_MODE: '' }, imports: [FailingModule], logger, port: 0, host: '127.0.0.1' }));
  });
  afterAll(() => app.close());

  it('an unexpected error answers 500 INTERNAL_ERROR with a generic message; its stack is logged on the host', async () => {
    const answer = await get(`${url}/test-only/boom`);
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'internal server error' });
    expect(answer.text).not.toMatch(/\/srv\/|ENOENT|\bat \/|\.js:\d+/);
    expect(logger.errors.some((line) => line.includes(LEAKY_MESSAGE) && /error-leaks\.e2e\.spec\.ts:\d+/.test(line))).toBe(true);
  });

  it.each(['boom', 'not-an-error'])('an unexpected error (%s) answers 500 INTERNAL_ERROR with a generic message', async (route) => {
    const answer = await get(`${url}/test-only/${route}`);
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'internal server error' });
    expect(answer.text).not.toMatch(/\/srv\/|ENOENT|\bat \/|\.js:\d+/);
    expect(answer.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
  });

  it('a route the host does not have is a 404 in the API shape, naming neither files nor the framework', async () => {
    const answer = await get(`${url}/no/such/route`);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(answer.text).not.toMatch(/node_modules|\.js:\d+|<pre>/);
  });
});
