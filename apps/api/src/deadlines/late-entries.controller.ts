import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { CASE_EVENT_TYPES } from '../../../../libs/domain/src/index.js';

/** The acts that can be late entries: every case act, and a reception session's hold (docs/reference/api-contract.md `heldLate`). */
const LATE_ENTRY_TYPES: readonly string[] = [...CASE_EVENT_TYPES, 'ReceptionSessionHeld'];
import type { Principal } from '../../../../libs/security/src/index.js';
import { RUNTIME, type Runtime, fail } from '../../../../libs/application/src/index.js';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.guard.js';
import { BoardQuery } from '../common/query.dto.js';
import { IsBusinessDate } from '../common/validators.js';
import { DeadlineQueries } from './deadline.queries.js';

type DbRow = Record<string, unknown>;

export class LateEntriesQuery extends BoardQuery {
  @ApiPropertyOptional({ description: 'recorded on or after this date (Vietnam)' })
  @IsOptional()
  @IsBusinessDate()
  from?: string;
  @ApiPropertyOptional({ description: 'recorded on or before this date (Vietnam)' })
  @IsOptional()
  @IsBusinessDate()
  to?: string;
  @ApiPropertyOptional({ description: 'the person who recorded the act' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9:._@-]{1,200}$/, { message: 'actorId must be an id' })
  actorId?: string;
  @ApiPropertyOptional({ enum: LATE_ENTRY_TYPES, description: 'the event type of the act' })
  @IsOptional()
  @IsIn(LATE_ENTRY_TYPES as unknown[])
  type?: string;
}

/**
 * GET /late-entries (docs/reference/api-contract.md, docs/reference/deadlines.md §9): the acts recorded after the LATE_ENTRY_GRACE_DAYS-th
 * working day past their business date, by unit and by the person who recorded them. Read from the
 * events themselves (the mark was decided when they were recorded and is never recomputed).
 */
@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('late-entries')
export class LateEntriesController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly deadlines: DeadlineQueries,
  ) {}

  @Get()
  @RequirePermission('late-entries.read')
  @ApiOperation({ summary: 'Acts recorded late (back-dated), by unit and by the person who recorded them' })
  async list(@Query() q: LateEntriesQuery, @CurrentPrincipal() p: Principal) {
    if (q.from && q.to && q.from > q.to)
      fail('VALIDATION_FAILED', 'from must not be after to', [
        { path: 'to', message: 'must not be before from' },
      ]);
    const params: unknown[] = [];
    const add = (v: unknown) => (params.push(v), `$${params.length}`);
    const scope = await this.deadlines.unitFilter(p, q, params, 'c.unit_id');
    const where = [`e.data->>'lateEntry' = 'true'`, scope.where];
    // recording date in Vietnam (UTC+7)
    const recordedOn = `((e.recorded_at AT TIME ZONE 'UTC') + interval '7 hours')::date`;
    if (q.from) where.push(`${recordedOn} >= ${add(q.from)}::date`);
    if (q.to) where.push(`${recordedOn} <= ${add(q.to)}::date`);
    if (q.actorId) where.push(`e.metadata->'actor'->>'id' = ${add(q.actorId)}`);
    if (q.type) where.push(`e.type = ${add(q.type)}`);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 200;
    // A case's acts (by the unit responsible for it) and reception holds (by the session's unit).
    const from = `events e JOIN LATERAL (
        SELECT r.case_id, r.tracking_code, COALESCE(r.competent_unit_id, r.receiving_unit_id) AS unit_id
          FROM rm_cases r WHERE 'case-' || r.case_id = e.stream_id
        UNION ALL
        SELECT NULL, NULL, s.unit_id FROM rm_reception_sessions s
         WHERE s.recorded_to IS NULL AND 'reception-' || s.session_id = e.stream_id) c ON TRUE`;
    const sql = `${scope.cte} SELECT e.global_position, e.stream_id, e.type, e.data, e.metadata, e.recorded_at,
        c.case_id, c.tracking_code, c.unit_id FROM ${from} WHERE ${where.join(' AND ')}
        ORDER BY e.global_position LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
    const [rows, total] = await Promise.all([
      this.runtime.dataSource.query(sql, params) as Promise<DbRow[]>,
      this.runtime.dataSource.query(
        `${scope.cte} SELECT count(*)::int AS n FROM ${from} WHERE ${where.join(' AND ')}`,
        params,
      ) as Promise<DbRow[]>,
    ]);
    const items = rows.map((r) => {
      const data = r.data as Record<string, unknown>;
      const actor = ((r.metadata as Record<string, unknown>).actor ?? {}) as { id?: string; name?: string };
      return {
        streamId: String(r.stream_id),
        caseId: r.case_id === null ? null : String(r.case_id),
        trackingCode: r.tracking_code === null ? null : String(r.tracking_code),
        type: String(r.type),
        businessDate: businessDateOf(String(r.type), data),
        recordedAt: new Date(r.recorded_at as string).toISOString(),
        workingDaysLate: typeof data.workingDaysLate === 'number' ? data.workingDaysLate : null,
        actor: { id: actor.id ?? null, name: actor.name ?? null },
        unitId: String(r.unit_id),
      };
    });
    return { items, total: Number(total[0]?.n ?? 0), page, pageSize };
  }
}

/** The business date field of each act (docs/reference/api-contract.md "Business date of each act"). */
function businessDateOf(type: string, data: Record<string, unknown>): string | null {
  const field =
    type === 'CaseReceived'
      ? 'receivedAt'
      : type === 'CaseClassified'
        ? 'classifiedAt'
        : type === 'CaseAccepted'
          ? 'acceptedAt'
          : type === 'CaseResolved'
            ? 'decidedAt'
            : type === 'DialogueRecorded'
              ? 'heldAt'
              : type === 'ReceptionSessionHeld'
                ? 'heldOn'
                : 'at';
  return typeof data[field] === 'string' ? (data[field] as string) : null;
}
