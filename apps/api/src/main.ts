import 'reflect-metadata';
import { createRuntime, shutdownTracing } from '../../../libs/runtime/src/index.js';
import { createApp } from './bootstrap.js';

/** The HTTP API alone (the worker runs as its own process: `npm run start:worker`). */
try {
  const runtime = await createRuntime({ role: 'server' });
  const app = await createApp(runtime);
  await app.listen(runtime.config.port, runtime.config.host);
  console.log(
    `donthu API on http://localhost:${runtime.config.port} — OpenAPI at http://localhost:${runtime.config.port}/docs`,
  );
  process.once(
    'SIGTERM',
    () =>
      void app
        .close()
        .then(() => runtime.close())
        .then(() => shutdownTracing())
        .then(() => process.exit(0)),
  );
} catch (err) {
  console.error(`donthu api: cannot start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
