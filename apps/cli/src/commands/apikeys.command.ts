import type { Command } from 'commander';
import { loadUnitState } from '../../../../libs/application/src/index.js';
import { createRuntime, type Runtime } from '../../../../libs/runtime/src/index.js';
import { ApiKeyStore } from '../../../../libs/security/src/index.js';

async function withKeys<T>(fn: (keys: ApiKeyStore, runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await createRuntime({ role: 'cli' });
  try {
    return await fn(new ApiKeyStore(runtime.pool, runtime.clock), runtime);
  } finally {
    await runtime.close();
  }
}

/**
 * `donthu apikeys create|list|revoke`: the Open311 API keys (docs/open311.md), as an admin does with
 * `/api/v1/admin/api-keys`. The key is printed once, at creation; only its hash is stored.
 */
export function registerApiKeysCommand(program: Command): void {
  const apikeys = program
    .command('apikeys')
    .description('Open311 API keys: issue for one unit, list, revoke');

  apikeys
    .command('create')
    .description('issue a key for one receiving unit (printed once; only its hash is kept)')
    .requiredOption('--unit <unitId>', 'the receiving unit (the jurisdiction_id of its requests)')
    .requiredOption('--label <label>', 'whose system holds the key')
    .option('--by <id>', 'who issues it (recorded)', 'cli')
    .action((opts: { unit: string; label: string; by: string }) =>
      withKeys(async (keys, rt) => {
        if ((await loadUnitState(rt.store, opts.unit)).status === 'none') {
          console.error(`no unit ${opts.unit}`);
          process.exitCode = 2;
          return;
        }
        const k = await keys.issue({ unitId: opts.unit, label: opts.label, by: opts.by });
        console.log(`id:   ${k.id}\nunit: ${k.unitId}\nkey:  ${k.key}\n(the key is shown only now)`);
      }),
    );

  apikeys
    .command('list')
    .description('the keys (never the keys themselves)')
    .action(() =>
      withKeys(async (keys) => {
        for (const k of await keys.list())
          console.log(
            [k.id, k.unitId, k.revokedAt ? `revoked ${k.revokedAt}` : 'active', k.createdAt, k.label].join(
              '\t',
            ),
          );
      }),
    );

  apikeys
    .command('revoke <id>')
    .description('revoke a key (it stops working at once)')
    .option('--by <id>', 'who revokes it (recorded)', 'cli')
    .action((id: string, opts: { by: string }) =>
      withKeys(async (keys) => {
        const k = await keys.revoke(id, opts.by);
        if (!k) {
          console.error(`no API key ${id}`);
          process.exitCode = 2;
          return;
        }
        console.log(`revoked ${k.id} (${k.unitId}) at ${k.revokedAt}`);
      }),
    );
}
