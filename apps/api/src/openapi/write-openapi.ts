import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { generateHsSecret } from '../../../../libs/security/src/index.js';
import type { ProjectionRunner } from '../../../../libs/read-models/src/index.js';
import type { Runtime } from '../../../../libs/runtime/src/index.js';
import { loadConfig } from '../../../../libs/runtime/src/index.js';
import { AppModule } from '../app.module.js';
import { DEMO_OFFICIALS_PREVIEW } from '../auth/demo-sign-in.controller.js';
import { createOpenApiDocument } from './openapi-document.js';
import { UNPREFIXED_PATHS } from '../health/unprefixed.js';

/**
 * Writes the OpenAPI description without a database (`npm run build` calls it before building the
 * console, whose typed client is generated from it). Nest's preview mode resolves the modules and
 * their routes without instantiating a single provider, so the runtime is never touched.
 */
const out = resolve(process.argv[2] ?? 'dist/openapi.json');
// Preview mode reads only the module's metadata: nothing below is called.
const runtime = {
  env: {},
  config: loadConfig({}),
  secrets: { jwtSecret: generateHsSecret() },
} as unknown as Runtime;
const app = await NestFactory.create<NestExpressApplication>(
  AppModule.forRuntime({
    runtime,
    runner: {} as ProjectionRunner,
    demoOfficials: DEMO_OFFICIALS_PREVIEW,
  }),
  { preview: true, logger: false, abortOnError: false },
);
app.setGlobalPrefix('api/v1', { exclude: UNPREFIXED_PATHS });
const document = createOpenApiDocument(app);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(document, null, 2));
console.log(`OpenAPI description written to ${out} (${Object.keys(document.paths).length} paths)`);
await app.close();
