// Fetch JSON from the open06 API. Errors arrive as RFC 9457 problem+json; they are thrown as
// ApiError carrying the server's (already translated) title, detail and field errors.
import { accessToken, currentRole } from '../auth/session.ts';
import i18n from '../i18n/index.ts';

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: { path: string; code: string; message: string }[];
}

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
  }
}

/** A response from the API, with the session's access token (and role) when logged in; errors thrown as ApiError. */
async function call(path: string, init: RequestInit, accept: string): Promise<Response> {
  const token = await accessToken();
  const role = token ? currentRole() : null;
  const res = await fetch(path, {
    ...init,
    headers: {
      accept,
      'accept-language': i18n.language,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(role ? { 'x-open06-role': role } : {}),
      ...init.headers,
    },
  });
  if (!res.ok) {
    if ((res.headers.get('content-type') ?? '').includes('json')) throw new ApiError((await res.json()) as Problem);
    throw new ApiError({ title: res.statusText || 'Error', status: res.status });
  }
  return res;
}

/** JSON from the API. */
export async function getJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await call(path, init, 'application/json');
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** A file from the API (an image), as a Blob. */
export async function getBlob(path: string): Promise<Blob> {
  return (await call(path, {}, '*/*')).blob();
}

export function sendJson<T>(path: string, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', body?: unknown): Promise<T> {
  return getJson<T>(path, { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
}

export interface Health {
  status: 'ok';
  version: string;
  database: 'pglite' | 'postgres';
  people: number;
}
