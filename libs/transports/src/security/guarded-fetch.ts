import { UntrustedUrlError, type UrlGuard } from './url-guard';

/** A response body over its size limit, or a body that is not the JSON it should be. */
export class UntrustedResponseError extends Error {
  constructor(
    readonly code: 'RESPONSE_TOO_LARGE' | 'BAD_RESPONSE',
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'UntrustedResponseError';
  }
}

export interface GuardedFetchOptions {
  guard: UrlGuard;
  /** What is fetched, for messages ("the agent card of …"). */
  what: string;
  /** The body is cut off with RESPONSE_TOO_LARGE past this many bytes. */
  maxBytes: number;
  /** Redirects followed (each target checked by the guard); default 3. */
  maxRedirects?: number;
  fetch?: typeof globalThis.fetch;
  init?: RequestInit;
}

export interface GuardedResponse {
  /** The URL that answered, after redirects. */
  url: URL;
  status: number;
  headers: Headers;
  body: Buffer;
}

/**
 * GET/POST a URL someone else gave us: every hop is checked by the guard (a redirect to a private
 * address is refused, not followed), and the body is read up to `maxBytes`.
 */
export async function guardedFetch(raw: string | URL, options: GuardedFetchOptions): Promise<GuardedResponse> {
  const fetchFunction = options.fetch ?? globalThis.fetch;
  let url = await options.guard.check(raw, options.what);
  for (let hop = 0; ; hop++) {
    const response = await fetchFunction(url, { ...options.init, redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel().catch(() => undefined);
      if (hop >= (options.maxRedirects ?? 3)) throw new UntrustedUrlError(url.href, `${options.what}: too many redirects`);
      url = await options.guard.check(new URL(location, url), `${options.what} (redirected)`);
      continue;
    }
    return { url, status: response.status, headers: response.headers, body: await readLimited(response, url, options) };
  }
}

async function readLimited(response: Response, url: URL, options: GuardedFetchOptions): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(url, options);
  }
  if (response.body === null) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > options.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(url, options);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

function tooLarge(url: URL, options: GuardedFetchOptions): UntrustedResponseError {
  return new UntrustedResponseError('RESPONSE_TOO_LARGE', url.href, `${options.what} at ${url.href} is larger than ${options.maxBytes} bytes`);
}

/** The body as JSON; BAD_RESPONSE naming the URL when it is not. */
export function parseJsonBody(response: GuardedResponse, what: string): unknown {
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch (error) {
    throw new UntrustedResponseError('BAD_RESPONSE', response.url.href, `${what} at ${response.url.href} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
