import { Controller, Get, Header, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { fail, LookUpPublicCase, type PublicCaseView } from '../../../../libs/application/src/index.js';
import { Public } from '../auth/auth.guard.js';
import { PublicLookupLimit } from './public-lookup.limit.js';
import { publicLookupFailures } from './public-lookup.metrics.js';

/**
 * The citizen's own lookup: tracking code + PIN, no token. A wrong, malformed or missing PIN and an
 * unknown code give the same 404 after the same work (one scrypt), and count in
 * `donthu_public_lookup_failures_total`. The request logger strips the query, so the PIN is never logged.
 */
@ApiTags('public')
@Controller('public/cases')
export class PublicLookupController {
  constructor(private readonly queries: QueryBus) {}

  @Public()
  @UseGuards(PublicLookupLimit)
  @Get(':trackingCode')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'For the citizen: the status, handling unit, date received and next date owed, by tracking code and PIN (no token)',
  })
  @ApiQuery({
    name: 'pin',
    required: false,
    type: String,
    description:
      'the lookup PIN of the receipt (8 characters); a wrong, malformed or missing PIN gives the same 404 as an unknown code. Never logged',
  })
  async lookup(
    @Param('trackingCode') trackingCode: string,
    @Query('pin') pin: unknown,
  ): Promise<PublicCaseView> {
    const view = await this.queries.execute(new LookUpPublicCase(trackingCode, pin));
    if (!view) {
      publicLookupFailures.inc();
      return fail('NOT_FOUND', 'không tìm thấy hồ sơ với mã hồ sơ và mã PIN đã nhập');
    }
    return view;
  }
}
