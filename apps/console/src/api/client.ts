import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { session } from '../auth/session';

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

/** The typed client of the donthu API, generated from its OpenAPI description. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/** Unwraps an openapi-fetch answer: the body, or an ApiError carrying the problem. */
export async function unwrap<T>(
  call: Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: unknown; error?: unknown; response: Response };
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
  return result.data as T;
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
