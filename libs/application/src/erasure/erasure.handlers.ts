import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { requirePermission, toActor } from '../../../security/src/index.js';
import { fail } from '../common/problem.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { ErasePerson, type ErasureResult } from './erasure.commands.js';
import { erasePerson } from './erasure.js';

/** An admin erases a person the vault knows (else 404), recorded in `erasure-<personRef>`. */
@CommandHandler(ErasePerson)
export class ErasePersonHandler implements ICommandHandler<ErasePerson, ErasureResult> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  async execute({ personRef, reason, meta }: ErasePerson): Promise<ErasureResult> {
    requirePermission(meta.principal, 'vault.erase');
    if (!/^[0-9a-fA-F-]{36}$/.test(personRef)) fail('NOT_FOUND', 'no such person');
    const known = await this.runtime.pool.query('SELECT 1 FROM vault_keys WHERE person_ref = $1', [
      personRef,
    ]);
    if (known.rowCount === 0) fail('NOT_FOUND', 'no such person');
    const actor = toActor(meta.principal);
    return erasePerson(
      this.runtime,
      personRef,
      { id: actor.id, name: actor.name, roles: actor.roles },
      reason,
      meta.correlationId,
    );
  }
}

export const ERASURE_COMMAND_HANDLERS = [ErasePersonHandler];
