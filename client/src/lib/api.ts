import type { ApiErrorBody } from './api-types';

/** A non-2xx answer, with the server's stable `code` and `details` (SPEC §3 error shape). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** 400 `details: [{field, message}]` as a map field → message (first message per field). */
  fieldErrors(): Record<string, string> {
    const result: Record<string, string> = {};
    if (!Array.isArray(this.details)) return result;
    for (const detail of this.details as unknown[]) {
      if (typeof detail !== 'object' || detail === null) continue;
      const { field, message } = detail as { field?: unknown; message?: unknown };
      if (typeof field === 'string' && !(field in result))
        result[field] = typeof message === 'string' ? message : '';
    }
    return result;
  }

  /** 422 `details.allowedEvents`. */
  allowedEvents(): string[] {
    const details = this.details as { allowedEvents?: unknown } | null;
    return Array.isArray(details?.allowedEvents) ? (details.allowedEvents as string[]) : [];
  }
}

type UnauthenticatedListener = () => void;
const listeners = new Set<UnauthenticatedListener>();

/** The session subscribes here: a 401 from any request (except the login itself) ends it. */
export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const API_BASE = '/api/v1';

/**
 * Same-origin JSON requests with the session cookie (the server sets it httpOnly, SameSite=Strict);
 * no token is kept in the page.
 */
export async function api<T>(
  path: string,
  options: {
    method?: string;
    body?: unknown;
    signal?: AbortSignal;
    headers?: Record<string, string>;
  } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'The server is unreachable', null);
  }
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (body as ApiErrorBody | null)?.error;
    if (response.status === 401 && path !== '/auth/login')
      for (const listener of listeners) listener();
    throw new ApiError(
      response.status,
      error?.code ?? 'HTTP_' + response.status,
      error?.message ?? response.statusText,
      error?.details ?? null,
    );
  }
  return body as T;
}

/** Query string of the defined, non-empty values. */
export function queryString(values: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
