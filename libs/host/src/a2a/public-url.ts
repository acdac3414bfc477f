import type { Request } from 'express';

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
