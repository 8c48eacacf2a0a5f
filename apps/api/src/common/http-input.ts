import { ValidationPipe, type ValidationError } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { problem, ProblemError } from '../../../../libs/application/src/index.js';
import { sendProblem } from './problem.filter.js';

export const BODY_LIMIT = '1mb';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// A lone surrogate: a high one not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** No request body of the API nests deeper than this; deeper JSON would exhaust the stack downstream. */
export const MAX_BODY_DEPTH = 32;

/**
 * Walks a parsed JSON body: rejects U+0000, lone surrogates, prototype-pollution keys and nesting
 * deeper than MAX_BODY_DEPTH (400), and normalises every string to NFC. Returns the cleaned value.
 */
export function sanitize(
  value: unknown,
  path: string,
  errors: { path: string; message: string }[],
  depth = 0,
): unknown {
  if (depth > MAX_BODY_DEPTH && value !== null && typeof value === 'object') {
    errors.push({ path, message: `is nested more than ${MAX_BODY_DEPTH} levels deep` });
    return undefined;
  }
  if (typeof value === 'string') {
    if (value.includes('\u0000')) errors.push({ path, message: 'must not contain U+0000' });
    else if (LONE_SURROGATE.test(value)) errors.push({ path, message: 'must not contain lone surrogates' });
    return value.normalize('NFC');
  }
  if (Array.isArray(value)) return value.map((v, i) => sanitize(v, `${path}[${i}]`, errors, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const p = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) {
        errors.push({ path: p, message: 'is not allowed' });
        continue;
      }
      Object.defineProperty(out, key, {
        value: sanitize((value as Record<string, unknown>)[key], p, errors, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** The routes that take a file (the bytes as sent) instead of JSON, with their media types. */
export const FILE_ROUTES: { path: string; types: readonly string[] }[] = [
  {
    path: '/api/v1/admin/import',
    types: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  },
];

/** Express middlewares that run before Nest's routes: content type, JSON parsing, sanitising. */
export function inputMiddlewares(
  options: { fileMaxBytes?: number } = {},
): Array<(req: Request, res: Response, next: NextFunction) => void> {
  const fileLimit = options.fileMaxBytes ?? 10 * 1024 * 1024;
  const raw = express.raw({ limit: fileLimit, type: () => true });
  // Bytes that are not UTF-8 are refused (400), not silently turned into U+FFFD and stored.
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const json = express.json({
    limit: BODY_LIMIT,
    strict: true,
    type: () => true,
    verify: (_req, _res, buf) => {
      try {
        utf8.decode(buf);
      } catch {
        throw Object.assign(new Error('the body is not valid UTF-8'), {
          status: 400,
          type: 'encoding.invalid',
        });
      }
    },
  });
  // GeoReport v2 clients post forms (docs/open311.md): under /open311/ a urlencoded body is read as
  // flat string fields (`attribute[subject]` stays one key), with the same UTF-8 check and limit.
  const form = express.urlencoded({
    extended: false,
    limit: BODY_LIMIT,
    parameterLimit: 100,
    type: () => true,
    verify: (_req, _res, buf) => {
      try {
        utf8.decode(buf);
      } catch {
        throw Object.assign(new Error('the body is not valid UTF-8'), {
          status: 400,
          type: 'encoding.invalid',
        });
      }
    },
  });
  const hasBody = (req: Request) =>
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  return [
    (req, res, next) => {
      if (!['POST', 'PUT', 'PATCH'].includes(req.method) || !hasBody(req)) return next();
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      const fileRoute = FILE_ROUTES.find((r) => r.path === req.path);
      if (fileRoute) {
        // A file: its bytes as sent (the use case reads and checks them); too large → 413.
        if (!fileRoute.types.includes(type))
          return sendProblem(res, problem('UNSUPPORTED_MEDIA_TYPE', 'send the file as text/csv or XLSX'));
        return raw(req, res, (err?: unknown) => {
          if (err && (err as { status?: number }).status === 413)
            return sendProblem(
              res,
              problem('PAYLOAD_TOO_LARGE', `the file exceeds IMPORT_MAX_BYTES (${fileLimit})`),
            );
          next(err);
        });
      }
      const formPost =
        type === 'application/x-www-form-urlencoded' && (req.originalUrl ?? req.url).startsWith('/open311/');
      if (type !== 'application/json' && !type.endsWith('+json') && !formPost) {
        return sendProblem(res, problem('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json'));
      }
      const charset = /charset=([^;]+)/i
        .exec(req.headers['content-type'] ?? '')?.[1]
        ?.trim()
        .toLowerCase();
      if (charset && charset !== 'utf-8' && charset !== 'utf8') {
        return sendProblem(res, problem('UNSUPPORTED_MEDIA_TYPE', 'the body must be UTF-8'));
      }
      if (formPost) return form(req, res, next);
      json(req, res, next);
    },
    (req, _res, next) => {
      if (Buffer.isBuffer(req.body)) return next(); // a file route's bytes
      if (req.body === undefined || req.body === null || typeof req.body !== 'object') {
        if (
          ['POST', 'PUT', 'PATCH'].includes(req.method) &&
          req.body !== undefined &&
          typeof req.body !== 'object'
        ) {
          return next(
            new ProblemError(
              problem('VALIDATION_FAILED', 'the body must be a JSON object', [
                { path: '', message: 'must be an object' },
              ]),
            ),
          );
        }
        return next();
      }
      if (Array.isArray(req.body)) {
        return next(
          new ProblemError(
            problem('VALIDATION_FAILED', 'the body must be a JSON object', [
              { path: '', message: 'must be an object' },
            ]),
          ),
        );
      }
      const errors: { path: string; message: string }[] = [];
      req.body = sanitize(req.body, '', errors);
      if (errors.length)
        return next(
          new ProblemError(
            problem('VALIDATION_FAILED', 'invalid characters or keys in the body', errors.slice(0, 50)),
          ),
        );
      next();
    },
    // The query string is input too (docs/reference/api-contract.md §Conventions): NFC, and U+0000 / lone surrogates → 400.
    // Express 5's `req.query` is a getter on the prototype; an own property shadows it.
    (req, _res, next) => {
      const query: unknown = req.query;
      if (query === null || typeof query !== 'object' || Object.keys(query).length === 0) return next();
      const errors: { path: string; message: string }[] = [];
      const clean = sanitize(query, '', errors);
      if (errors.length)
        return next(
          new ProblemError(
            problem('VALIDATION_FAILED', 'invalid characters or keys in the query', errors.slice(0, 50)),
          ),
        );
      Object.defineProperty(req, 'query', {
        value: clean,
        writable: true,
        configurable: true,
        enumerable: true,
      });
      next();
    },
    // Path parameters too: a percent-encoded U+0000 must be a 400, not a database error.
    (req, _res, next) => {
      let decoded: string;
      try {
        decoded = decodeURIComponent(req.path);
      } catch {
        return next(); // malformed escapes: the router answers them
      }
      const errors: { path: string; message: string }[] = [];
      sanitize(decoded, 'path', errors);
      if (errors.length)
        return next(new ProblemError(problem('VALIDATION_FAILED', 'invalid characters in the path', errors)));
      next();
    },
  ];
}

/** Express error handler for errors raised before Nest's routes (body parsing, sanitising). */
export function inputErrorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(err);
  if (err instanceof ProblemError) return sendProblem(res, err.problem);
  const e = err as { type?: string; status?: number; message?: string };
  if (e.type === 'entity.too.large' || e.status === 413)
    return sendProblem(res, problem('PAYLOAD_TOO_LARGE', `the body exceeds ${BODY_LIMIT}`));
  if (e.type === 'entity.parse.failed')
    return sendProblem(
      res,
      problem('VALIDATION_FAILED', 'malformed JSON', [{ path: '', message: 'malformed JSON' }]),
    );
  if (e.type === 'encoding.invalid')
    return sendProblem(
      res,
      problem('VALIDATION_FAILED', 'the body is not valid UTF-8', [{ path: '', message: 'not valid UTF-8' }]),
    );
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported')
    return sendProblem(res, problem('UNSUPPORTED_MEDIA_TYPE', 'unsupported encoding'));
  // Anything else raised while reading the request is about the input, never a server fault.
  sendProblem(res, problem('VALIDATION_FAILED', 'the request could not be read'));
}

function flatten(errors: ValidationError[], parent = ''): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const e of errors) {
    const path = parent
      ? /^\d+$/.test(e.property)
        ? `${parent}[${e.property}]`
        : `${parent}.${e.property}`
      : e.property;
    for (const message of Object.values(e.constraints ?? {}))
      out.push({ path, message: message.replace(/^(\S+)/, (m) => (m === e.property ? path : m)) });
    if (e.children?.length) out.push(...flatten(e.children, path));
  }
  return out;
}

export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const list = flatten(errors);
      return new ProblemError(
        problem(
          'VALIDATION_FAILED',
          list.map((e) => `${e.path}: ${e.message}`).join('; ') || 'invalid input',
          list,
        ),
      );
    },
  });
}
