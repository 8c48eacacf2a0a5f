import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { Principal } from '../../../../libs/security/src/index.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import { CommandCall, CommandEndpoint } from '../common/command-endpoint.js';
import {
  DiscloseIdentities,
  disclosureStreamId,
  GetCaseDisclosures,
} from '../../../../libs/application/src/index.js';
import { QueryBus } from '@nestjs/cqrs';
import { pageOf, PageQuery } from './case.dto.js';

export { disclosureStreamId };

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
    private readonly endpoint: CommandEndpoint,
    private readonly queries: QueryBus,
  ) {}

  @Get(':id/petitioners')
  @ApiOperation({
    summary:
      'Petitioners in clear (recorded disclosure; denunciators only to the handler and the competent head)',
  })
  petitioners(@Param('id') id: string, @Query() q: DisclosureQuery, @CommandCall() call: CommandCall) {
    // A read that records a disclosure: no If-Match, no Idempotency-Key (each reading is recorded).
    return this.endpoint.run(call, (meta) => new DiscloseIdentities(id, q.reasonCode, q.reason, meta), {
      ifMatch: false,
      idempotencyKey: false,
    });
  }

  @Get(':id/disclosures')
  @ApiOperation({ summary: 'Who saw the identities of this case, when and why (auditors)' })
  async disclosures(
    @Param('id') id: string,
    @Query() q: PageQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    return pageOf(await this.queries.execute(new GetCaseDisclosures(principal, id)), q);
  }
}
