import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import { JwtVerifier } from '../../../libs/security/src/index.js';
import { PinoNestLogger } from './common/pino-nest-logger.js';
import { rateLimits } from './common/rate-limit.js';
import { redactRequestForLog } from './common/log-redaction.js';
import type { ProcessHealth } from '../../../libs/application/src/index.js';
import type { ProjectionRunner } from '../../../libs/read-models/src/index.js';
import type { Runtime } from '../../../libs/runtime/src/index.js';
import { AppModule } from './app.module.js';
import type { DemoOfficial } from './auth/demo-sign-in.controller.js';
import { consoleDir, consoleMiddlewares } from './console/console-static.js';
import { createOpenApiDocument } from './openapi/openapi-document.js';
import { inputErrorHandler, inputMiddlewares, validationPipe } from './common/http-input.js';
import { httpMetrics } from './common/http-metrics.js';
import {
  assignRequestId,
  REQUEST_ID_HEADER,
  requestIdOf,
  requestLogContext,
  traceOf,
  runInRequestContext,
} from './common/request-id.js';
import { UNPREFIXED_PATHS } from './health/unprefixed.js';
import { traceFields } from '../../../libs/runtime/src/index.js';

export interface CreateAppOptions {
  runner?: ProjectionRunner;
  /** The background processes running beside the API (npm start), shown in /health. */
  processHealth?: ProcessHealth;
  /** Quiet logs (tests). */
  logLevel?: string;
  /** Where log lines go (default: stdout, buffered). Tests read them from here. */
  logStream?: pino.DestinationStream;
  /** Turns the console's demo sign-in on (all-in-one with DEMO_SIGN_IN=1 on the embedded database). */
  demoOfficials?: readonly DemoOfficial[];
}

/** Builds the HTTP application on a ready Runtime: middlewares, validation, auth, OpenAPI at /docs. */
export async function createApp(runtime: Runtime, options: CreateAppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRuntime({
      runtime,
      runner: options.runner,
      processHealth: options.processHealth,
      logLevel: options.logLevel,
      demoOfficials: options.demoOfficials,
    }),
    { bodyParser: false, bufferLogs: true, abortOnError: false },
  );
  // Slow clients cannot hold connections open: headers within 10 s, the whole request within 30 s, idle
  // keep-alive connections closed after 5 s (200 slow connections once stayed open for a minute).
  const server = app.getHttpServer() as import('node:http').Server;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  // Asynchronous, buffered stdout: a synchronous write per request log line costs more than the request.
  const sonic = options.logStream ? null : pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const destination = options.logStream ?? sonic!;
  const level = options.logLevel ?? runtime.config.logLevel;
  // Lines written while a request is handled carry its id (from the request's log context).
  const logger = pino(
    {
      level,
      base: { service: 'donthu-api' },
      mixin: () => ({ ...requestLogContext.getStore(), ...traceFields() }),
    },
    destination,
  );
  if (sonic) {
    const flush = setInterval(() => sonic.flush(), 1000);
    flush.unref();
    app.getHttpServer().on('close', () => {
      clearInterval(flush);
      try {
        sonic.flushSync();
      } catch {
        /* not opened yet: nothing buffered */
      }
    });
  }
  app.useLogger(new PinoNestLogger(logger));
  app.use(assignRequestId);
  app.use(httpMetrics(runtime.metrics));
  // Request logs are written at 'info'. Below that level pino-http would still build a child logger
  // with the serialised request for every request (a tenth of a command's CPU) only to drop the line.
  if (logger.isLevelEnabled('info'))
    app.use(
      pinoHttp({
        // Its own logger (no log-context mixin): the request id comes from the request itself.
        logger: pino({ level, base: { service: 'donthu-api' } }, destination),
        genReqId: (req) => requestIdOf(req),
        customProps: (req) => ({ requestId: requestIdOf(req), ...traceOf(req) }),
        redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
        serializers: { req: redactRequestForLog },
        autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
      }),
    );
  app.set('trust proxy', runtime.config.trustProxy ? 1 : false);
  app.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'same-origin' } }));
  // The console (apps/console's build) on the same origin, when it has been built; before the rate
  // limits, which count API requests, not a page's static files.
  const dir = consoleDir(runtime.config.consoleDir);
  if (dir) for (const m of consoleMiddlewares(dir)) app.use(m);
  if (runtime.config.corsOrigins.length)
    app.enableCors({
      origin: runtime.config.corsOrigins,
      exposedHeaders: ['ETag', 'Location', REQUEST_ID_HEADER],
    });
  for (const m of rateLimits(runtime.config.rateLimitPerMin, app.get(JwtVerifier))) app.use(m);
  for (const m of inputMiddlewares({ fileMaxBytes: runtime.config.importMaxBytes })) app.use(m);
  app.use(inputErrorHandler);
  app.use(runInRequestContext);
  app.setGlobalPrefix('api/v1', { exclude: UNPREFIXED_PATHS });
  app.useGlobalPipes(validationPipe());
  const document = createOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  app.enableShutdownHooks();
  return app;
}
