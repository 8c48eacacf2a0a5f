import { Controller, Get, Header, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  foldCaseEvents,
  fail,
  RUNTIME,
  type Runtime,
  CaseService,
} from '../../../../libs/application/src/index.js';
import { caseStreamId, toPublicCaseFacts, vietnamDateOf } from '../../../../libs/domain/src/index.js';
import { verifyLookupPin } from '../../../../libs/security/src/index.js';
import { Public } from '../auth/auth.guard.js';
import { PublicLookupLimit } from './public-lookup.limit.js';
import { publicLookupFailures } from './public-lookup.metrics.js';

export interface PublicCaseView {
  trackingCode: string;
  status: string;
  receivedAt: string | null;
  handlingUnitName: string | null;
  nextDueOn: string | null;
}

/**
 * The citizen's own lookup: tracking code + PIN, no token. A wrong, malformed or missing PIN and an
 * unknown code give the same 404 after the same work (one scrypt), and count in
 * `donthu_public_lookup_failures_total`. The request logger strips the query, so the PIN is never logged.
 */
@ApiTags('public')
@Controller('public/cases')
export class PublicLookupController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly cases: CaseService,
  ) {}

  @Public()
  @UseGuards(PublicLookupLimit)
  @Get(':trackingCode')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'For the citizen: the status, handling unit, date received and next date owed, by tracking code and PIN (no token)',
  })
  async lookup(
    @Param('trackingCode') trackingCode: string,
    @Query('pin') pin: unknown,
  ): Promise<PublicCaseView> {
    const view = await this.find(trackingCode, pin);
    if (!view) {
      publicLookupFailures.inc();
      return fail('NOT_FOUND', 'không tìm thấy hồ sơ với mã hồ sơ và mã PIN đã nhập');
    }
    return view;
  }

  private async find(trackingCode: string, pin: unknown): Promise<PublicCaseView | null> {
    const caseId = await this.cases.caseIdByTrackingCode(trackingCode);
    const state = caseId ? foldCaseEvents(await this.runtime.store.readStream(caseStreamId(caseId))) : null;
    const existing = state?.exists ? state : null;
    const ok = await verifyLookupPin(caseId ?? trackingCode, pin, existing?.lookupPinHash ?? null);
    if (!ok || !existing) return null;
    const facts = toPublicCaseFacts(existing);
    const today = vietnamDateOf(this.runtime.clock());
    return {
      trackingCode: facts.trackingCode,
      status: facts.status,
      receivedAt: facts.receivedAt,
      handlingUnitName: facts.handlingUnitId ? await this.cases.unitName(facts.handlingUnitId, today) : null,
      nextDueOn: facts.nextDueOn,
    };
  }
}
