import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Request } from 'express';
import {
  mayReadIdentities,
  requirePermission,
  type Principal,
} from '../../../../libs/security/src/auth/roles.js';
import { ForbiddenError } from '../../../../libs/security/src/auth/auth-error.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import { correlationIdOf } from '../common/request-context.js';
import { RUNTIME, type Runtime } from '../../../../libs/application/src/runtime.tokens.js';
import { handleCommand } from '../../../../libs/application/src/commands/handle-command.js';
import {
  CaseService,
  ERASED_MASK,
  isConfidential,
  petitionersOf,
} from '../../../../libs/application/src/cases/case.service.js';
import { pageOf, PageQuery } from './case.dto.js';

export const disclosureStreamId = (caseId: string): string => `disclosure-${caseId}`;

/** Why identities may be opened (docs/reference/api-contract.md, `/petitioners`). */
export const DISCLOSURE_REASON_CODES = [
  'verification',
  'decision',
  'notification',
  'court_request',
  'other',
] as const;

export class DisclosureQuery {
  @ApiProperty({
    enum: DISCLOSURE_REASON_CODES,
    description: 'the legal ground, recorded with the disclosure',
  })
  @IsIn(DISCLOSURE_REASON_CODES, {
    message: `reasonCode must be one of ${DISCLOSURE_REASON_CODES.join(', ')}`,
  })
  reasonCode!: (typeof DISCLOSURE_REASON_CODES)[number];
  @ApiProperty({ description: 'why the identities are needed; recorded in the disclosure log' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

/**
 * Identities in clear, only for those the law allows (Luật Tố cáo Art. 8(3), 47, 56): a denunciator
 * only to the assigned handler and a head of the competent unit; other petitioners to handlers and
 * heads in scope. Every disclosure is recorded in `disclosure-<caseId>` (not the case stream, so the
 * case's version does not change).
 */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class IdentityController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly cases: CaseService,
  ) {}

  @Get(':id/petitioners')
  @ApiOperation({
    summary:
      'Petitioners in clear (recorded disclosure; denunciators only to the handler and the competent head)',
  })
  async petitioners(
    @Param('id') id: string,
    @Query() q: DisclosureQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
  ) {
    const { state, events } = await this.cases.load(id, principal);
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
    // Through the one command loop: the disclosure is recorded (with the exact expected version) before
    // any identity is answered; a failure to record it fails the request.
    await handleCommand(
      this.runtime,
      disclosureStreamId(id),
      (_history, ctx) => [
        {
          type: 'IdentityDisclosed',
          data: {
            caseId: id,
            disclosedTo: {
              id: principal.id,
              name: principal.name,
              roles: principal.roles,
              unitId: principal.unitId,
            },
            reasonCode: q.reasonCode,
            reason: q.reason,
            at: ctx.now,
            confidential,
            personRefs: stored.map((p) => p.personRef),
          },
        },
      ],
      {
        actor: { id: principal.id, name: principal.name, roles: principal.roles },
        correlationId: correlationIdOf(req),
      },
    );
    return {
      caseId: id,
      items: stored.map((p, i) => {
        const identity = opened[i];
        return identity
          ? { personRef: p.personRef, ...identity, representative: p.representative }
          : { personRef: p.personRef, fullName: ERASED_MASK, erased: true, representative: p.representative };
      }),
    };
  }

  @Get(':id/disclosures')
  @ApiOperation({ summary: 'Who saw the identities of this case, when and why (auditors)' })
  async disclosures(
    @Param('id') id: string,
    @Query() q: PageQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.cases.load(id, principal);
    requirePermission(principal, 'disclosures.read');
    const events = await this.runtime.store.readStream(disclosureStreamId(id));
    const items = events.map((e) => {
      const d = e.data as {
        disclosedTo: { id: string; name: string; roles: string[] };
        reasonCode?: string;
        reason: string;
        at: string;
        document?: string;
      };
      return {
        position: Number(e.globalPosition),
        at: d.at,
        recordedAt: e.recordedAt,
        disclosedTo: d.disclosedTo,
        reasonCode: d.reasonCode ?? null,
        reason: d.reason,
        // The paper that printed the names (docs/citizens.md); null for a GET /petitioners.
        document: d.document ?? null,
      };
    });
    return pageOf(items, q);
  }
}
