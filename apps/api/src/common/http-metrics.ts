import type { NextFunction, Request, Response } from 'express';
import { secondsSince, type Metrics } from '../../../../libs/runtime/src/index.js';

/**
 * Counts every answered request and its latency by method, route template (`/api/v1/cases/:id`,
 * never the concrete path, so ids never become label values) and status. A request answered before
 * routing (rate limit, unreadable body, no such route) is labelled `unmatched`.
 */
export function httpMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const labels = { method: req.method, route: routeOf(req), status: String(res.statusCode) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, secondsSince(started));
    });
    next();
  };
}

function routeOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  // Nest answers unknown paths from a catch-all route (`/api/v1*path`): that is no route either.
  return typeof path === 'string' && !path.includes('*') ? `${req.baseUrl ?? ''}${path}` : 'unmatched';
}
