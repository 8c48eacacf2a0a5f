import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { traceFields } from '../../../../libs/runtime/src/index.js';

/**
 * Request ids: every request carries one, taken from `X-Request-Id` when the caller (or a proxy)
 * sent a usable one, generated otherwise. It is echoed in the response's `X-Request-Id`, written in
 * every log line of the request, in a problem document's `instance`, and in the metadata of the
 * events the request appends (`correlationId`).
 */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Printable characters that are safe in a URN and a log line; at most 128 of them. */
const ACCEPTABLE = /^[A-Za-z0-9][A-Za-z0-9._~:@+=/-]{0,127}$/;

const ids = new WeakMap<IncomingMessage, string>();
const traces = new WeakMap<IncomingMessage, { traceId?: string; spanId?: string }>();

/** What the log lines written while a request is handled carry. */
export interface RequestLogContext {
  requestId: string;
}

export const requestLogContext = new AsyncLocalStorage<RequestLogContext>();

/** The id a request was given by `assignRequestId` (or a fresh one, given now, outside that path). */
export function requestIdOf(req: IncomingMessage): string {
  let id = ids.get(req);
  if (id === undefined) {
    const sent = req.headers['x-request-id'];
    id = typeof sent === 'string' && ACCEPTABLE.test(sent) ? sent : randomUUID();
    ids.set(req, id);
  }
  return id;
}

/** The problem document's `instance`: a URN naming this occurrence, the request id in it. */
export function problemInstance(req: IncomingMessage): string {
  return `urn:donthu:request:${requestIdOf(req)}`;
}

/** The trace of the request's server span (when tracing is on), for its access log line. */
export function traceOf(req: IncomingMessage): { traceId?: string; spanId?: string } {
  return traces.get(req) ?? {};
}

/** First middleware: gives the request its id and echoes it before anything can answer. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  res.setHeader(REQUEST_ID_HEADER, requestIdOf(req));
  traces.set(req, traceFields());
  next();
}

/**
 * Runs the rest of the request in a log context holding its id. Mounted after the body parser:
 * a stream's callbacks run outside the context of the middleware that started reading it.
 */
export function runInRequestContext(req: Request, _res: Response, next: NextFunction): void {
  requestLogContext.run({ requestId: requestIdOf(req) }, next);
}
