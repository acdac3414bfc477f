import type { Request } from 'express';

/** The variable naming the host's public base URL (`https://agents.example.com`), for URLs in the agent card. */
export const PUBLIC_URL_ENV = 'PUBLIC_URL';

/** PUBLIC_URL is set but is not an absolute http(s) URL without query or fragment. */
export class PublicUrlError extends Error {
  readonly code = 'INVALID_PUBLIC_URL';

  constructor(value: string, reason: string) {
    super(`${PUBLIC_URL_ENV} must be an absolute http(s) URL such as https://agents.example.com (${reason}), got ${JSON.stringify(value.slice(0, 200))}`);
    this.name = 'PublicUrlError';
  }
}

/** PUBLIC_URL without its trailing slashes; undefined when unset or blank; PublicUrlError when malformed. */
export function parsePublicUrl(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (text === undefined || text === '') return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PublicUrlError(text, 'it does not parse as a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PublicUrlError(text, `the scheme is ${url.protocol.slice(0, -1)}`);
  if (url.search !== '' || url.hash !== '') throw new PublicUrlError(text, 'it has a query or a fragment');
  if (url.username !== '' || url.password !== '') throw new PublicUrlError(text, 'it has credentials');
  return url.href.replace(/\/+$/, '');
}

/** A Host header we are willing to echo back in a card: a name or address and an optional port. */
const HOST_HEADER = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The base URL clients reach this host at: PUBLIC_URL when set (a proxy in front knows better),
 * else the request's protocol and Host header (the address the client just used).
 */
export function baseUrlOf(req: Request, publicUrl: string | undefined): string {
  if (publicUrl !== undefined) return publicUrl;
  const host = req.get('host');
  const authority = host !== undefined && HOST_HEADER.test(host) ? host : `localhost:${req.socket.localPort ?? 80}`;
  return `${req.protocol === 'https' ? 'https' : 'http'}://${authority}`;
}
