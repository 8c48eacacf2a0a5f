import { Inject, Injectable } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requirePermission, type Principal } from '../../../security/src/index.js';
import { CaseService } from '../cases/case.service.js';
import { fail, ProblemError } from '../common/problem.js';
import { findBreak, rawStreamEvents, unitsNamedIn } from '../common/stream-history.js';
import { foldCaseEvents } from '../folds.js';
import { InspectionService } from '../inspections/inspection.service.js';
import { ReceptionService } from '../reception/reception.service.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from '../units/unit-directory.service.js';
import {
  GetAuditHistory,
  VerifyAuditStream,
  type AuditHistory,
  type AuditVerification,
} from './audit.queries.js';

const STREAM_ID = /^[A-Za-z0-9._-]{1,140}$/;

/**
 * Who may audit a stream: a malformed or unknown stream id, or one out of the caller's scope → 404
 * (existence is not revealed), then the role `audit.verify` (403).
 */
@Injectable()
export class AuditAccess {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly cases: CaseService,
    private readonly inspections: InspectionService,
    private readonly sessions: ReceptionService,
    private readonly units: UnitDirectory,
  ) {}

  async require(streamId: string, principal: Principal): Promise<void> {
    if (!STREAM_ID.test(streamId)) fail('NOT_FOUND', 'no such stream');
    await this.requireInScope(streamId, principal);
    if (!(await this.runtime.store.streamHead(streamId))) fail('NOT_FOUND', 'no such stream');
    requirePermission(principal, 'audit.verify');
  }

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
}

/** A stream's events exactly as stored, with the first break marked (version, position, reason). */
@QueryHandler(GetAuditHistory)
export class GetAuditHistoryHandler implements IQueryHandler<GetAuditHistory, AuditHistory> {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly access: AuditAccess,
  ) {}

  async execute({ principal, streamId }: GetAuditHistory): Promise<AuditHistory> {
    await this.access.require(streamId, principal);
    const events = await rawStreamEvents(this.runtime, streamId);
    const fold = streamId.startsWith('case-') ? foldCaseEvents : undefined;
    return { events, damaged: await findBreak(this.runtime, streamId, events, fold) };
  }
}

/** Recompute a stream's hash chain; report the first break. */
@QueryHandler(VerifyAuditStream)
export class VerifyAuditStreamHandler implements IQueryHandler<VerifyAuditStream, AuditVerification> {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly access: AuditAccess,
  ) {}

  async execute({ principal, streamId }: VerifyAuditStream): Promise<AuditVerification> {
    await this.access.require(streamId, principal);
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

export const AUDIT_QUERY_HANDLERS = [GetAuditHistoryHandler, VerifyAuditStreamHandler];
