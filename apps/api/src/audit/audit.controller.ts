import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { requirePermission, type Principal } from '../../../../libs/security/src/auth/roles.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import { fail, ProblemError } from '../../../../libs/application/src/common/problem.js';
import { RUNTIME, type Runtime } from '../../../../libs/application/src/runtime.tokens.js';
import { CaseService } from '../../../../libs/application/src/cases/case.service.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly cases: CaseService,
  ) {}

  @Get('streams/:streamId/verify')
  @ApiOperation({ summary: "Recompute a stream's hash chain; report the first break" })
  async verify(@Param('streamId') streamId: string, @CurrentPrincipal() principal: Principal) {
    if (!/^[A-Za-z0-9._-]{1,140}$/.test(streamId)) fail('NOT_FOUND', 'no such stream');
    if (streamId.startsWith('case-')) {
      try {
        await this.cases.load(streamId.slice(5), principal);
      } catch (err) {
        // A stream too damaged to fold is exactly what verification must still report on.
        if (err instanceof ProblemError) throw err;
        if (!(await this.runtime.store.streamHead(streamId))) fail('NOT_FOUND', 'no such stream');
      }
    } else if (!(await this.runtime.store.streamHead(streamId))) fail('NOT_FOUND', 'no such stream');
    requirePermission(principal, 'audit.verify');
    const result = await this.runtime.store.verifyStream(streamId);
    // Positions are numbers on the wire everywhere else (history, command responses).
    return result.ok
      ? result
      : {
          ok: false,
          brokenAt: { version: result.brokenAt.version, position: Number(result.brokenAt.position) },
        };
  }
}
