import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UntrustedResponseError, UntrustedUrlError, UrlGuard, guardedFetch, parseJsonBody } from '../../src';

/** A real HTTP server on 127.0.0.1 whose routes the tests write; it records the paths it was asked for. */
async function startServer(route: (request: IncomingMessage, response: ServerResponse, base: string) => void): Promise<{ base: string; paths: string[]; close(): Promise<void> }> {
  const paths: string[] = [];
  let base = '';
  const server: Server = createServer((request, response) => {
    paths.push(request.url ?? '');
    route(request, response, base);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const guard = new UrlGuard({ allowedHosts: ['127.0.0.1'] });

describe('guardedFetch', () => {
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    server = await startServer((request, response, base) => {
      const url = new URL(request.url ?? '/', base);
      const hop = /^\/hop\/(\d+)$/.exec(url.pathname);
      if (hop) {
        // /hop/n redirects to /hop/n-1 (relative), /hop/0 answers.
        const n = Number(hop[1]);
        if (n === 0) {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end('{"arrived":true}');
        } else {
          response.writeHead(302, { location: `/hop/${n - 1}` });
          response.end();
        }
        return;
      }
      switch (url.pathname) {
        case '/small':
          response.writeHead(200, { 'content-type': 'text/plain', 'x-answer': '42' });
          response.end('hello');
          return;
        case '/declared-large':
          // Content-Length says 5 000 and only 10 bytes come, never the rest: refused without reading the body.
          response.writeHead(200, { 'content-length': '5000' });
          response.write('x'.repeat(10));
          return;
        case '/streamed-large':
          // No Content-Length (chunked): refused once the bytes read pass the limit.
          response.writeHead(200, { 'content-type': 'text/plain' });
          for (let i = 0; i < 4; i++) response.write('y'.repeat(600));
          response.end();
          return;
        case '/to-private':
          response.writeHead(307, { location: 'http://10.0.0.1/card.json' });
          response.end();
          return;
        case '/to-ftp':
          response.writeHead(301, { location: 'ftp://93.184.216.34/card.json' });
          response.end();
          return;
        case '/not-json':
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end('{"half": ');
          return;
        default:
          response.writeHead(404);
          response.end();
      }
    });
  });

  afterAll(() => server.close());

  it('returns status, headers and body of a response within the limit', async () => {
    const response = await guardedFetch(`${server.base}/small`, { guard, what: 'the test document', maxBytes: 5 });
    expect(response.status).toBe(200);
    expect(response.url.href).toBe(`${server.base}/small`);
    expect(response.headers.get('x-answer')).toBe('42');
    expect(response.body.toString()).toBe('hello');
  });

  it('refuses a body whose Content-Length is over the limit', async () => {
    const error = await guardedFetch(`${server.base}/declared-large`, { guard, what: 'the test document', maxBytes: 1000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UntrustedResponseError);
    expect(error).toMatchObject({ code: 'RESPONSE_TOO_LARGE', url: `${server.base}/declared-large`, message: `the test document at ${server.base}/declared-large is larger than 1000 bytes` });
  });

  it('refuses a streamed body once what it read passes the limit', async () => {
    await expect(guardedFetch(`${server.base}/streamed-large`, { guard, what: 'the test document', maxBytes: 1000 })).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
    // The same body fits a larger limit: it was the size, not the encoding, that was refused.
    const fits = await guardedFetch(`${server.base}/streamed-large`, { guard, what: 'the test document', maxBytes: 2400 });
    expect(fits.body.length).toBe(2400);
  });

  it('follows relative redirects up to maxRedirects (3 by default), reporting the URL that answered', async () => {
    const response = await guardedFetch(`${server.base}/hop/3`, { guard, what: 'the card', maxBytes: 1000 });
    expect(response.url.href).toBe(`${server.base}/hop/0`);
    expect(parseJsonBody(response, 'the card')).toEqual({ arrived: true });
    const error = await guardedFetch(`${server.base}/hop/4`, { guard, what: 'the card', maxBytes: 1000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UntrustedUrlError);
    expect((error as Error).message).toBe(`refused to call ${server.base}/hop/1: the card: too many redirects`);
    await expect(guardedFetch(`${server.base}/hop/1`, { guard, what: 'the card', maxBytes: 1000, maxRedirects: 0 })).rejects.toThrow('too many redirects');
  });

  it('checks every redirect target with the guard: no private address, no other scheme', async () => {
    const before = server.paths.length;
    const toPrivate = await guardedFetch(`${server.base}/to-private`, { guard, what: 'the card', maxBytes: 1000 }).catch((caught: unknown) => caught);
    expect(toPrivate).toBeInstanceOf(UntrustedUrlError);
    expect((toPrivate as Error).message).toBe(
      'refused to call http://10.0.0.1/card.json: the card (redirected): 10.0.0.1 is a loopback, private or link-local address (10.0.0.1); list it in AGENT_ALLOWED_HOSTS to allow it',
    );
    await expect(guardedFetch(`${server.base}/to-ftp`, { guard, what: 'the card', maxBytes: 1000 })).rejects.toThrow('the card (redirected) must be http or https, not ftp');
    expect(server.paths.slice(before)).toEqual(['/to-private', '/to-ftp']);
  });

  it('checks the first URL before sending anything', async () => {
    const before = server.paths.length;
    await expect(guardedFetch(`${server.base}/small`, { guard: new UrlGuard(), what: 'the card', maxBytes: 1000 })).rejects.toBeInstanceOf(UntrustedUrlError);
    expect(server.paths.length).toBe(before);
  });

  it('parseJsonBody names the URL of a body that is not JSON', async () => {
    const response = await guardedFetch(`${server.base}/not-json`, { guard, what: 'the card', maxBytes: 1000 });
    const error = (() => {
      try {
        return parseJsonBody(response, 'the card');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UntrustedResponseError);
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', url: `${server.base}/not-json` });
    expect((error as Error).message).toMatch(new RegExp(`^the card at ${server.base}/not-json is not JSON: `));
  });
});
