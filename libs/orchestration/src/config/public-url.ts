/** What PUBLIC_URL may be, for the configuration error. */
export const PUBLIC_URL_ALLOWED = 'an absolute http(s) URL without query, fragment or credentials, e.g. https://agents.example.com';

/**
 * PUBLIC_URL (the host's address as clients reach it, behind a proxy) without its trailing slashes;
 * throws when it is not an absolute http(s) URL without query, fragment or credentials.
 */
export function parsePublicUrl(text: string): string {
  const url = new URL(text.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`the scheme is ${url.protocol.slice(0, -1)}`);
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') throw new Error('query, fragment or credentials');
  return url.href.replace(/\/+$/, '');
}
