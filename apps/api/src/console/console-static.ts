import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';

/** Paths the console never answers: the API, health, metrics, the OpenAPI page and the public lookups. */
const NOT_CONSOLE = /^\/(api|health|metrics|docs|docs-json|open311)(\/|$|-)/;

/**
 * Where the console's production build is: CONSOLE_DIR, else `dist/console` beside the compiled
 * server (npm run build puts it there), else `dist/console` under the working directory.
 */
export function consoleDir(configured?: string): string | null {
  const candidates = [
    configured,
    fileURLToPath(new URL('../../../../console', import.meta.url)),
    resolve('dist/console'),
  ].filter((d): d is string => Boolean(d));
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? null;
}

/**
 * Serves the console from one origin with the API: its hashed assets with a long cache, and
 * index.html for every other GET that asks for a page (the console's client-side routes). The
 * API, /health, /metrics and /docs are never shadowed.
 */
export function consoleMiddlewares(
  dir: string,
): Array<(req: Request, res: Response, next: NextFunction) => void> {
  const assets = express.static(dir, {
    index: false,
    setHeaders: (res, path) => {
      if (path.includes(`${join(dir, 'assets')}`))
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  const index = join(dir, 'index.html');
  return [
    (req, res, next) => (NOT_CONSOLE.test(req.path) ? next() : assets(req, res, next)),
    (req, res, next) => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_CONSOLE.test(req.path)) return next();
      if (!req.accepts('html') || /\.[a-z0-9]+$/i.test(req.path)) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    },
  ];
}
