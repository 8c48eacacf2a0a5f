import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { session } from '../auth/session';

/** The schema of an API answer (or request body) named in the OpenAPI description. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** An RFC 9457 problem document, as every error of the API is (docs/reference/api-contract.md, Conventions). */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { path: string; message: string }[];
}

/** A failed request: the problem the API answered, or one made up for a network failure. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
}

const auth: Middleware = {
  async onRequest({ request }) {
    const token = await session.freshToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    request.headers.set('Accept-Language', 'vi');
    return request;
  },
};

/**
 * The typed client of the donthu API, generated from its OpenAPI description. It reads JSON answers
 * (CSV and other files come through `download`).
 */
export const api = createClient<paths, 'application/json'>({ baseUrl: window.location.origin });
api.use(auth);

/** What an openapi-fetch call resolves to: the body (typed by the operation's path), or an error. */
interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * Unwraps an openapi-fetch answer: the body, typed by the OpenAPI description of the operation, or an
 * ApiError carrying the problem.
 */
export async function unwrap<A extends Answer>(call: Promise<A>): Promise<NonNullable<A['data']>> {
  let result: Answer;
  try {
    result = await call;
  } catch {
    throw new ApiError({
      title: 'Không kết nối được máy chủ',
      status: 0,
      detail: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
      code: 'NETWORK',
    });
  }
  if (result.response.status === 401) session.signOut();
  if (!result.response.ok) throw new ApiError(toProblem(result.error, result.response));
  return result.data as NonNullable<A['data']>;
}

function toProblem(body: unknown, response: Response): Problem {
  if (body && typeof body === 'object' && 'code' in body) return body as Problem;
  return {
    title: 'Lỗi',
    status: response.status,
    detail: `Máy chủ trả lời ${response.status}`,
    code: 'UNKNOWN',
  };
}

/** Downloads a CSV (or any file) the API answers for the current user. */
export async function download(path: string, accept: string, filename: string): Promise<void> {
  const token = await session.freshToken();
  const res = await fetch(path, {
    headers: {
      Accept: accept,
      'Accept-Language': 'vi',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
  });
  if (!res.ok) throw new ApiError(toProblem(await res.json().catch(() => null), res));
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
