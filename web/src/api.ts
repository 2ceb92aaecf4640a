// The one way the web app talks to the server: JSON over fetch with the session
// cookie, the CSRF token on every write (docs/security.md), and errors that keep
// the server's message and the field it names.

export interface ErrorDetail {
  field?: string;
  reason?: string;
  [key: string]: unknown;
}

/** An answer that was not 2xx, with the server's message and the fields it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Remembers the CSRF token of the signed-in session (sent as X-CSRF-Token on writes). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any call answers 401, so the shell can show the sign-in screen. */
export function setUnauthorizedHandler(fn: (() => void) | null): void {
  onUnauthorized = fn;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds "path?a=1&b=2" leaving out empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** Raw body (e.g. a CSV file) sent as-is with this content type. */
  raw?: { data: BodyInit; contentType: string };
  signal?: AbortSignal;
  /** Errors with this status resolve to the error body instead of throwing. */
  acceptStatus?: number[];
  /** Do not trigger the sign-in screen on 401 (used by the sign-in form itself). */
  quiet401?: boolean;
}

/** Calls the API and returns the parsed JSON answer; throws ApiError otherwise. */
export async function api<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.raw) {
    headers['Content-Type'] = options.raw.contentType;
    body = options.raw.data;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'サーバーに接続できません / Cannot reach the server');
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (res.ok || options.acceptStatus?.includes(res.status)) return json as T;
  if (res.status === 401 && !options.quiet401 && onUnauthorized) onUnauthorized();
  const err = (json as { error?: { message?: string; details?: ErrorDetail[] } } | null)?.error;
  throw new ApiError(res.status, err?.message ?? `HTTP ${res.status}`, err?.details ?? [], json);
}

/** Fetches every page of a cursor-paged list, up to `max` items, calling onPage as pages arrive. */
export async function fetchAll<T>(
  path: string,
  query: Query,
  max: number,
  onPage?: (items: T[], total: number | null) => void,
  signal?: AbortSignal,
  pageSize = 200,
): Promise<{ items: T[]; total: number | null; truncated: boolean }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let total: number | null = null;
  for (;;) {
    const page: { items: T[]; next_cursor: string | null; total?: number } = await api(path, {
      query: { ...query, limit: pageSize, cursor },
      signal,
    });
    items.push(...page.items);
    if (typeof page.total === 'number') total = page.total;
    onPage?.(items, total);
    cursor = page.next_cursor;
    if (!cursor || items.length >= max) return { items, total, truncated: !!cursor };
  }
}
