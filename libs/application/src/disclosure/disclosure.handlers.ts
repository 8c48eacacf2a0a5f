import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ProjectionRunner } from '../../../read-models/src/index.js';
import { ForbiddenError, mayReadIdentities, requirePermission } from '../../../security/src/index.js';
import { CaseService, ERASED_MASK, isConfidential, petitionersOf } from '../cases/case.service.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { DiscloseIdentities, type DisclosedIdentities } from './disclosure.commands.js';
import { recordDisclosure } from './disclosure.js';

/**
 * Identities in clear, only for those the law allows: a denunciator only to the assigned handler and
 * a head of the competent unit; other petitioners to handlers and heads in scope. The disclosure is
 * recorded (through the one command loop) before any identity is answered.
 */
@CommandHandler(DiscloseIdentities)
export class DiscloseIdentitiesHandler implements ICommandHandler<DiscloseIdentities, DisclosedIdentities> {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly runner: ProjectionRunner,
    private readonly cases: CaseService,
  ) {}

  async execute({ caseId, reasonCode, reason, meta }: DiscloseIdentities): Promise<DisclosedIdentities> {
    const { principal } = meta;
    const { state, events } = await this.cases.load(caseId, principal);
    requirePermission(principal, 'identities.read');
    const confidential = isConfidential(state);
    if (
      !mayReadIdentities(principal, {
        confidential,
        handlerId: state.handlerId,
        competentUnitId: state.competentUnitId,
      })
    ) {
      throw new ForbiddenError(
        confidential
          ? "a denunciator's identity is disclosed only to the assigned handler and a head of the competent unit"
          : 'not allowed for your role',
      );
    }
    const stored = petitionersOf(events);
    const opened = await this.cases.openIdentities(stored);
    await recordDisclosure(
      this.runtime,
      {
        caseId,
        to: principal,
        reasonCode,
        reason,
        confidential,
        personRefs: stored.map((p) => p.personRef),
      },
      meta.correlationId,
      () => this.runner.poke(),
    );
    return {
      caseId,
      items: stored.map((p, i) => {
        const identity = opened[i];
        return identity
          ? { personRef: p.personRef, ...identity, representative: p.representative }
          : { personRef: p.personRef, fullName: ERASED_MASK, erased: true, representative: p.representative };
      }),
    };
  }
}

export const DISCLOSURE_COMMAND_HANDLERS = [DiscloseIdentitiesHandler];
