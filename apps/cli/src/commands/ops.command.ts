import type { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApplicationModule,
  createRunner,
  seedDemo,
  shouldSeedDemo,
  runXldMigration,
  ErasePerson,
  ProblemError,
} from '../../../../libs/application/src/index.js';
import { createRuntime, type Runtime } from '../../../../libs/runtime/src/index.js';
import { listAnchors, recordAnchor, verifyAnchor } from '../../../../libs/event-store/src/index.js';
import { PoisonEvent } from '../../../../libs/read-models/src/index.js';
import type { Principal } from '../../../../libs/security/src/index.js';

async function withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await createRuntime({ role: 'cli' });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

/** Who the CLI's commands are recorded as (the operator at the server's console). */
const CLI_ADMIN: Principal = { id: 'cli', name: 'donthu CLI', roles: ['admin'], unitId: null };

const fail = (message: string, code = 1) => {
  console.error(message);
  process.exitCode = code;
};

/** Operations: migrate, seed, projections rebuild, verify. They reach a running embedded server through its socket. */
export function registerOpsCommands(program: Command): void {
  program
    .command('migrate')
    .description('apply the database migrations (the server also does this at start)')
    .action(() =>
      withRuntime(async (rt) =>
        console.log(
          `migrations applied on ${rt.database.embedded ? 'the embedded database' : 'DATABASE_URL'}`,
        ),
      ),
    );

  program
    .command('migrate-xld')
    .description(
      'give unclassified letters registered before XLD existed their XLD deadline (one-off, idempotent; the worker runs it at start too)',
    )
    .action(() =>
      withRuntime(async (rt) => {
        const runner = createRunner(rt);
        await runner.catchUpAll();
        const r = await runXldMigration(rt);
        await runner.catchUpAll();
        console.log(`checked ${r.casesChecked} unclassified case(s), started XLD on ${r.xldStarted}`);
      }),
    );

  program
    .command('seed')
    .description('create demo data (an organisation and a few dozen cases) in an empty store')
    .option('--demo', 'the demo data set')
    .action((opts: { demo?: boolean }) =>
      withRuntime(async (rt) => {
        if (!opts.demo) return fail('say --demo', 2);
        if (!(await shouldSeedDemo(rt, true)))
          return fail('the event store is not empty; demo data goes only into an empty one');
        const runner = createRunner(rt);
        runner.start();
        // The use cases without HTTP: a standalone context of the application module.
        const app = await NestFactory.createApplicationContext(
          ApplicationModule.forRuntime({ runtime: rt, runner }),
          {
            logger: ['warn', 'error'],
          },
        );
        try {
          const r = await seedDemo(app);
          await runner.catchUpAll();
          console.log(`seeded ${r.units} units and ${r.cases} cases`);
        } finally {
          await app.close();
          await runner.stop();
        }
      }),
    );

  const projections = program.command('projections').description('read models');
  projections
    .command('rebuild <name>')
    .description('rebuild a projection into a fresh table and swap it in (boards keep answering meanwhile)')
    .action((name: string) =>
      withRuntime(async (rt) => {
        const runner = createRunner(rt);
        try {
          runner.projection(name);
        } catch (err) {
          return fail(err instanceof Error ? err.message : String(err), 2);
        }
        try {
          const r = await runner.rebuild(name);
          console.log(`rebuilt ${name} from ${r.events} events`);
        } catch (err) {
          if (!(err instanceof PoisonEvent)) throw err;
          return fail(`rebuild failed (its table and checkpoint were removed): ${err.message}`, 3);
        }
      }),
    );
  projections
    .command('status')
    .description('checkpoint and lag of each projection, and where a parked one stopped')
    .action(() =>
      withRuntime(async (rt) => {
        const runner = createRunner(rt);
        const lag = await runner.lag();
        const parked = new Map((await runner.parked()).map((x) => [x.name, x]));
        for (const [name, v] of Object.entries(lag)) {
          const x = parked.get(name);
          console.log(
            `${name}\tposition ${v.position}\tlag ${v.lag}` +
              (x
                ? `\tPARKED at position ${x.position} (stream ${x.streamId}, event ${x.eventId}, ${x.eventType}): ${x.error} since ${x.parkedAt}`
                : ''),
          );
        }
        if (parked.size > 0) process.exitCode = 3;
      }),
    );
  projections
    .command('retry <name>')
    .description('resume a parked projection (after a fix) and catch it up')
    .action((name: string) =>
      withRuntime(async (rt) => {
        const runner = createRunner(rt);
        try {
          runner.projection(name);
        } catch (err) {
          return fail(err instanceof Error ? err.message : String(err), 2);
        }
        const r = await runner.retry(name);
        if (r.parked)
          return fail(
            `${name} is parked again at position ${r.parked.position} (stream ${r.parked.streamId}, event ${r.parked.eventId}, ${r.parked.eventType}): ${r.parked.error}`,
            3,
          );
        const cp = await runner.checkpoint(name);
        console.log(
          `${name} ${r.wasParked ? 'resumed' : 'was not parked'}; caught up to position ${cp.position}`,
        );
      }),
    );

  program
    .command('verify')
    .description("recompute hash chains and report each stream's first break")
    .option('--stream <id>', 'one stream, e.g. case-<id>')
    .option('--all', 'every stream in the store')
    .action((opts: { stream?: string; all?: boolean }) =>
      withRuntime(async (rt) => {
        if (!opts.stream && !opts.all) return fail('say --stream <id> or --all', 2);
        const ids: string[] = [];
        if (opts.stream) ids.push(opts.stream);
        else for await (const id of rt.store.listStreams()) ids.push(id);
        let broken = 0;
        for (const id of ids) {
          const r = await rt.store.verifyStream(id);
          if (r.ok) {
            if (opts.stream) console.log(`${id}\tok\t${r.events} events\thead ${r.headHash}`);
          } else {
            broken++;
            console.log(`${id}\tBROKEN at version ${r.brokenAt.version} (position ${r.brokenAt.position})`);
          }
        }
        console.log(`${ids.length} stream(s) checked, ${broken} broken`);
        if (broken) process.exitCode = 3;
      }),
    );

  const vault = program.command('vault').description('the personal-data vault');
  vault
    .command('erase <personRef>')
    .description("erase a person's identity everywhere (crypto-shredding); hash chains keep verifying")
    .requiredOption('--reason <text>', 'the legal basis, recorded with the erasure')
    .action((personRef: string, opts: { reason: string }) =>
      withRuntime(async (rt) => {
        // The erasure use case itself, on the CommandBus of a standalone application context (the
        // bus's span, metrics and audit actor, as for POST /admin/persons/:personRef/erase).
        const app = await NestFactory.createApplicationContext(
          ApplicationModule.forRuntime({ runtime: rt }),
          {
            logger: ['warn', 'error'],
          },
        );
        try {
          const r = await app
            .get(CommandBus)
            .execute(
              new ErasePerson(personRef, opts.reason, { principal: CLI_ADMIN, correlationId: randomUUID() }),
            );
          console.log(r.alreadyErased ? `${personRef} was already erased` : `${personRef} erased`);
        } catch (err) {
          if (err instanceof ProblemError && err.problem.code === 'NOT_FOUND')
            return fail(`no person ${personRef} in the vault`, 2);
          throw err;
        } finally {
          await app.close();
        }
      }),
    );
  vault
    .command('rewrap')
    .description(
      'rewrap every data key under the active master key (after setting a new VAULT_MASTER_KEY and the old one in VAULT_OLD_KEYS)',
    )
    .action(() =>
      withRuntime(async (rt) => {
        const n = await rt.vault.rewrap();
        console.log(`rewrapped ${n} data key(s) under ${rt.vault.activeKeyId}`);
        console.log(JSON.stringify(await rt.vault.keyUsage()));
      }),
    );

  const anchors = program
    .command('anchors')
    .description('integrity anchors: fingerprints of every stream head');
  anchors
    .command('record')
    .description('record an anchor now (the worker also does it every ANCHOR_INTERVAL_MS)')
    .action(() => withRuntime(async (rt) => console.log(JSON.stringify(await recordAnchor(rt.pool)))));
  anchors
    .command('list')
    .description('the latest anchors')
    .action(() =>
      withRuntime(async (rt) => {
        for (const a of await listAnchors(rt.pool)) console.log(JSON.stringify(a));
      }),
    );
  anchors
    .command('verify')
    .description(
      'recompute anchors from the events now stored (or one anchor given by its fence and hash, e.g. from a copy kept elsewhere)',
    )
    .option('--fence <transactionId>', 'the anchor fence (fenceTransactionId)')
    .option('--hash <anchorHash>', 'the anchor hash kept elsewhere')
    .action((opts: { fence?: string; hash?: string }) =>
      withRuntime(async (rt) => {
        const list =
          opts.fence && opts.hash
            ? [{ anchorId: 'given', fenceTransactionId: opts.fence, anchorHash: opts.hash }]
            : await listAnchors(rt.pool, 1000);
        let bad = 0;
        for (const a of list) {
          const r = await verifyAnchor(rt.pool, a);
          if (!r.ok) bad++;
          console.log(
            `${a.anchorId}\t${r.ok ? 'ok' : 'MISMATCH'}\texpected ${r.expected}\trecomputed ${r.recomputed}`,
          );
          // Name every stream whose head differs from the anchored one.
          const head = (h: { version: number; hash: string } | null) =>
            h ? `version ${h.version} (${h.hash.slice(0, 12)}…)` : 'none';
          for (const d of r.differing ?? [])
            console.log(
              `${a.anchorId}\tstream ${d.streamId}\tanchored ${head(d.anchored)}\tnow ${head(d.now)}`,
            );
          if (!r.ok && r.differing === null)
            console.log(`${a.anchorId}\tthis anchor kept no stream heads: the streams cannot be named`);
          if (r.keptHeadsAltered)
            console.log(`${a.anchorId}\tthe stream heads kept with this anchor were altered too`);
        }
        if (bad) process.exitCode = 3;
      }),
    );
}
