export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  /** The body as it came. */
  text: string;
}

/** A JSON request with Node's fetch; the body is sent as given when it is a string (malformed JSON tests). */
export async function request<T = Record<string, unknown>>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  return readJson<T>(await fetch(url, init));
}

/** POSTs bytes exactly as given (compressed, in another charset, malformed) with exactly these headers. */
export async function rawPost<T = Record<string, unknown>>(url: string, body: string | Uint8Array, headers: Record<string, string>): Promise<JsonResponse<T>> {
  return readJson<T>(await fetch(url, { method: 'POST', headers, body }));
}

async function readJson<T>(response: Response): Promise<JsonResponse<T>> {
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

export const post = <T = Record<string, unknown>>(url: string, body: unknown) => request<T>('POST', url, body);
export const get = <T = Record<string, unknown>>(url: string) => request<T>('GET', url);
export const del = <T = Record<string, unknown>>(url: string) => request<T>('DELETE', url);

/** Polls until `check` returns a value (or throws after `timeoutMs`). */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
