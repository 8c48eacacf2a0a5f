import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { requirePermission, type Principal } from '../../../../libs/security/src/index.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import {
  fail,
  ProblemError,
  RUNTIME,
  type Runtime,
  CaseService,
  InspectionService,
  ReceptionService,
  UnitDirectory,
  findBreak,
  rawStreamEvents,
  unitsNamedIn,
  foldCaseEvents,
} from '../../../../libs/application/src/index.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly cases: CaseService,
    private readonly inspections: InspectionService,
    private readonly sessions: ReceptionService,
    private readonly units: UnitDirectory,
  ) {}

  /**
   * Out of the caller's scope → 404, for every stream category (docs/reference/api-contract.md, Auth, roles and scope: existence is not revealed):
   * a case's and its disclosures' by the case, an inspection's and a session's by their units, a
   * unit's by the unit; any other stream (erasures, …) only for an admin.
   */
  private async requireInScope(streamId: string, principal: Principal): Promise<void> {
    const [, category, id] = /^([a-z]+)-(.+)$/.exec(streamId) ?? [];
    const admin = principal.roles.includes('admin');
    const exists = async () => (await this.runtime.store.streamHead(streamId)) !== null;
    const loads = async (load: () => Promise<unknown>) => {
      try {
        await load();
      } catch (err) {
        // A stream too damaged to fold is exactly what verification must still report on: its scope
        // is then that of the units its events name.
        if (err instanceof ProblemError) throw err;
        if (!(await exists())) fail('NOT_FOUND', 'no such stream');
        if (!admin && !(await this.units.inScope(principal, await this.unitsNamedIn(streamId))))
          fail('NOT_FOUND', 'no such stream');
      }
    };
    switch (category) {
      case 'case':
      case 'disclosure':
        return loads(() => this.cases.load(id!, principal));
      case 'inspection':
        return loads(() => this.inspections.load(id!, principal));
      case 'reception':
        return loads(() => this.sessions.load(id!, principal));
      case 'unit':
        if (!(await this.units.inScope(principal, [id!]))) fail('NOT_FOUND', 'no such stream');
        return;
      default:
        if (!admin) fail('NOT_FOUND', 'no such stream');
    }
  }

  /** Read as stored (an unknown type or a broken payload must not hide the units it names). */
  private async unitsNamedIn(streamId: string): Promise<string[]> {
    return unitsNamedIn(await rawStreamEvents(this.runtime, streamId).catch(() => []));
  }

  @Get('streams/:streamId/history')
  @ApiOperation({
    summary:
      "A stream's events exactly as stored, with the first break marked (version, position, reason): readable even when an event is damaged",
  })
  async history(@Param('streamId') streamId: string, @CurrentPrincipal() principal: Principal) {
    if (!/^[A-Za-z0-9._-]{1,140}$/.test(streamId)) fail('NOT_FOUND', 'no such stream');
    await this.requireInScope(streamId, principal);
    if (!(await this.runtime.store.streamHead(streamId))) fail('NOT_FOUND', 'no such stream');
    requirePermission(principal, 'audit.verify');
    const events = await rawStreamEvents(this.runtime, streamId);
    const fold = streamId.startsWith('case-') ? foldCaseEvents : undefined;
    return { events, damaged: await findBreak(this.runtime, streamId, events, fold) };
  }

  @Get('streams/:streamId/verify')
  @ApiOperation({ summary: "Recompute a stream's hash chain; report the first break" })
  async verify(@Param('streamId') streamId: string, @CurrentPrincipal() principal: Principal) {
    if (!/^[A-Za-z0-9._-]{1,140}$/.test(streamId)) fail('NOT_FOUND', 'no such stream');
    await this.requireInScope(streamId, principal);
    if (!(await this.runtime.store.streamHead(streamId))) fail('NOT_FOUND', 'no such stream');
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
