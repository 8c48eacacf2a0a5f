import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import type { Principal } from '../../../../libs/security/src/index.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import { GetAuditHistory, VerifyAuditStream } from '../../../../libs/application/src/index.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get('streams/:streamId/history')
  @ApiOperation({
    summary:
      "A stream's events exactly as stored, with the first break marked (version, position, reason): readable even when an event is damaged",
  })
  history(@Param('streamId') streamId: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetAuditHistory(principal, streamId));
  }

  @Get('streams/:streamId/verify')
  @ApiOperation({ summary: "Recompute a stream's hash chain; report the first break" })
  verify(@Param('streamId') streamId: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new VerifyAuditStream(principal, streamId));
  }
}
