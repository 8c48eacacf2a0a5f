import 'reflect-metadata';
import pino from 'pino';
import { loadConfig, createRuntime, shutdownTracing } from '../../../libs/runtime/src/index.js';
import { signDevToken } from '../../../libs/security/src/index.js';
import {
  createRunner,
  startWorker,
  runDeadlineWatch,
  seedDemo,
  shouldSeedDemo,
  DEMO_OFFICIALS,
} from '../../../libs/application/src/index.js';
import { createApp } from './bootstrap.js';

/**
 * `npm start`: API and worker in one process. Without DATABASE_URL it runs on the embedded database
 * in DATA_DIR, seeds demo data into an empty one, and prints an admin token for development.
 */
try {
  const config = loadConfig();
  const log = pino({ level: config.logLevel, base: { service: 'donthu' } });
  const runtime = await createRuntime({ role: 'server', config });
  const runner = createRunner(runtime, log);
  const worker = startWorker(runtime, { runner, logger: log });
  // The console's demo sign-in: DEMO_SIGN_IN=1 (npm start sets it), on the embedded database only.
  const demoSignIn = runtime.config.demoSignIn && runtime.database.embedded;
  if (runtime.config.demoSignIn && !demoSignIn)
    log.warn('DEMO_SIGN_IN=1 ignored: the demo sign-in exists only on the embedded database');
  const app = await createApp(runtime, {
    runner,
    processHealth: worker.health,
    ...(demoSignIn ? { demoOfficials: DEMO_OFFICIALS } : {}),
  });
  await app.listen(runtime.config.port, runtime.config.host);
  const base = `http://localhost:${runtime.config.port}`;
  if (await shouldSeedDemo(runtime)) {
    const seeded = await seedDemo(app);
    log.info(seeded, 'demo data seeded');
    await runner.catchUpAll();
    const watch = await runDeadlineWatch(runtime);
    log.info(watch, 'deadline watcher run after seeding');
  }
  console.log(
    `\ndonthu is running on ${base} (${runtime.database.embedded ? `embedded database in ${runtime.config.dataDir}` : 'PostgreSQL server'})`,
  );
  console.log(`Console: ${base}/${demoSignIn ? ' (demo sign-in: choose an official)' : ''}`);
  console.log(`OpenAPI: ${base}/docs    health: ${base}/health`);
  if (!runtime.config.production) {
    const token = await signDevToken(
      { sub: 'admin', name: 'Quản trị viên', roles: ['admin'] },
      runtime.secrets.jwtSecret,
      { expiresIn: '12h' },
    );
    console.log(`Development admin token (12 h):\n${token}\n`);
  }
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'stopping');
    await app.close();
    await worker.stop();
    await runtime.close();
    await shutdownTracing();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
} catch (err) {
  console.error(`donthu: cannot start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
