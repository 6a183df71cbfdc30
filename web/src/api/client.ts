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

/** JSON from the API, with the session's access token when logged in. */
export async function getJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const token = await accessToken();
  const role = token ? currentRole() : null;
  const res = await fetch(path, {
    ...init,
    headers: {
      accept: 'application/json',
      'accept-language': i18n.language,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(role ? { 'x-open06-role': role } : {}),
      ...init.headers,
    },
  });
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok) {
    if (type.includes('json')) throw new ApiError((await res.json()) as Problem);
    throw new ApiError({ title: res.statusText || 'Error', status: res.status });
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
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
