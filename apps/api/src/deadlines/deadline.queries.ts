import { Inject, Injectable } from '@nestjs/common';
import { addDays, daysBetween, vietnamDateOf, headOn } from '../../../../libs/domain/src/index.js';
import { unitStateOfRow, subtreeCte, versionFilter } from '../../../../libs/read-models/src/index.js';
import type { Principal } from '../../../../libs/security/src/index.js';
import { fail, RUNTIME, type Runtime, UnitDirectory } from '../../../../libs/application/src/index.js';
import type { BoardQuery, UpcomingQuery } from './deadline.dto.js';

type DbRow = Record<string, unknown>;

export interface HeadRef {
  personId: string;
  fullName: string;
}

export { versionFilter };

/** Overdue and upcoming boards over the deadlines read model (docs/reference/api-contract.md, "Two clocks on boards"). */
@Injectable()
export class DeadlineQueries {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly units: UnitDirectory,
  ) {}

  today(): string {
    return vietnamDateOf(this.runtime.clock());
  }

  /** The unit filter: the requested unit (in scope, else 404) or the principal's, with or without subunits. */
  async unitFilter(
    principal: Principal,
    q: BoardQuery,
    params: unknown[],
    column: string,
  ): Promise<{ cte: string; where: string }> {
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const unitId = q.unitId ?? principal.unitId ?? null;
    if (q.unitId && !(await this.units.exists(q.unitId))) fail('NOT_FOUND', `no unit ${q.unitId}`);
    if (unitId && !(await this.units.inScope(principal, [unitId]))) fail('NOT_FOUND', `no unit ${unitId}`);
    if (!unitId) return { cte: '', where: 'TRUE' }; // an admin without a unit: everything
    if (q.includeSubunits === false) return { cte: '', where: `${column} = ${p(unitId)}` };
    return {
      cte: `WITH RECURSIVE ${subtreeCte(p(unitId))}`,
      where: `${column} IN (SELECT unit_id FROM scope_units)`,
    };
  }

  /** Heads of units on a date; `unitIds` limits the units loaded to those the caller will ask about. */
  async headsResolver(
    recordedBefore?: string,
    unitIds?: readonly string[],
  ): Promise<(unitId: string, date: string) => HeadRef | null> {
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const version = versionFilter('u', recordedBefore ? p(recordedBefore) : null);
    const only = unitIds ? ` AND u.unit_id = ANY(${p([...unitIds])}::text[])` : '';
    const rows: DbRow[] =
      unitIds && unitIds.length === 0
        ? []
        : await this.runtime.dataSource.query(`SELECT * FROM rm_units u WHERE ${version}${only}`, params);
    const states = new Map(rows.map((r) => [String(r.unit_id), unitStateOfRow(r)]));
    return (unitId, date) => {
      const s = states.get(unitId);
      const h = s ? headOn(s, date) : null;
      return h ? { personId: h.personId, fullName: h.fullName } : null;
    };
  }

  async overdue(principal: Principal, q: BoardQuery) {
    const asOf = q.asOf ?? this.today();
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const scope = await this.unitFilter(principal, q, params, 'd.unit_id');
    const a = p(asOf);
    const rb = q.recordedBefore ? p(q.recordedBefore) : null;
    const where = `d.deadline_no > 0 AND ${versionFilter('d', rb)} AND ${scope.where}
      AND d.due_on < ${a}::date
      AND NOT (d.completed_on IS NOT NULL AND d.completed_on <= ${a}::date)
      AND NOT (d.cancelled_on IS NOT NULL AND d.cancelled_on <= ${a}::date)
      AND NOT (d.state = 'paused' AND d.paused_on <= ${a}::date)`;
    // Current rows: the same set as two disjoint parts, so that the deadlines completed or cancelled
    // long ago (most of the table, and growing) are never scanned: those neither completed nor
    // cancelled (indexes rm_deadlines_current_open_due and _open_unit), and those completed or
    // cancelled only after asOf (rm_deadlines_current_closed_on). As recorded before an instant: as is.
    const parts = rb
      ? [where]
      : [
          `${where} AND d.completed_on IS NULL AND d.cancelled_on IS NULL`,
          `${where} AND (d.completed_on IS NOT NULL OR d.cancelled_on IS NOT NULL)
            AND GREATEST(d.completed_on, d.cancelled_on) > ${a}::date`,
        ];
    return this.page(
      scope.cte,
      parts,
      params,
      q,
      'd.due_on ASC, d.case_id, d.deadline_no',
      async (r, heads) => ({
        caseId: String(r.case_id),
        trackingCode: String(r.tracking_code),
        ruleId: String(r.rule_id),
        dueOn: String(r.due_on),
        daysOverdue: daysBetween(String(r.due_on), asOf),
        // the act that started the deadline was a late entry (docs/reference/deadlines.md §9)
        lateEntry: r.started_late === true,
        unitId: String(r.unit_id),
        headOfUnit: heads(String(r.unit_id), String(r.due_on)),
        handlerId: (r.handler_id as string | null) ?? null,
      }),
    );
  }

  async upcoming(principal: Principal, q: UpcomingQuery) {
    const asOf = q.asOf ?? this.today();
    const until = addDays(asOf, q.withinDays ?? 7);
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const scope = await this.unitFilter(principal, q, params, 'd.unit_id');
    const a = p(asOf);
    const u = p(until);
    const rb = q.recordedBefore ? p(q.recordedBefore) : null;
    const where = `d.deadline_no > 0 AND ${versionFilter('d', rb)} AND ${scope.where}
      AND d.due_on >= ${a}::date AND d.due_on <= ${u}::date AND d.start_on <= ${a}::date
      AND NOT (d.completed_on IS NOT NULL AND d.completed_on <= ${a}::date)
      AND NOT (d.cancelled_on IS NOT NULL AND d.cancelled_on <= ${a}::date)
      AND NOT (d.state = 'paused' AND d.paused_on <= ${a}::date)`;
    return this.page(
      scope.cte,
      [where],
      params,
      q,
      'd.due_on ASC, d.case_id, d.deadline_no',
      async (r, heads) => ({
        caseId: String(r.case_id),
        trackingCode: String(r.tracking_code),
        ruleId: String(r.rule_id),
        dueOn: String(r.due_on),
        daysLeft: daysBetween(asOf, String(r.due_on)),
        unitId: String(r.unit_id),
        headOfUnit: heads(String(r.unit_id), String(r.due_on)),
        handlerId: (r.handler_id as string | null) ?? null,
      }),
    );
  }

  /**
   * Letters nobody has classified (docs/reference/api-contract.md `GET /deadlines/unclassified`), oldest first: cases received
   * on or before `asOf` and still `received` (never classified, or transferred in and not yet
   * classified by the new unit), with their open XLD. A letter without XLD (untracked, pending
   * calendar data, or registered before XLD existed) is listed with `xldDueOn: null`.
   */
  async unclassified(principal: Principal, q: BoardQuery) {
    const asOf = q.asOf ?? this.today();
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const scope = await this.unitFilter(principal, q, params, 'c.receiving_unit_id');
    const a = p(asOf);
    const where = `c.status = 'received' AND c.received_at <= ${a}::date AND ${scope.where}`;
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 200;
    const from = `rm_cases c LEFT JOIN LATERAL (
        SELECT d.start_on, d.due_on FROM rm_deadlines d
         WHERE d.case_id = c.case_id AND d.rule_id = 'XLD' AND d.recorded_to IS NULL AND d.state = 'open'
         ORDER BY d.deadline_no DESC LIMIT 1) x ON TRUE`;
    const [total, rows] = await Promise.all([
      this.runtime.dataSource.query(
        `${scope.cte} SELECT count(*)::int AS n FROM ${from} WHERE ${where}`,
        params,
      ),
      this.runtime.dataSource.query(
        `${scope.cte} SELECT c.case_id, c.tracking_code, c.received_at, c.receiving_unit_id, x.start_on, x.due_on
           FROM ${from} WHERE ${where}
          ORDER BY COALESCE(x.start_on, c.received_at), c.received_at, c.case_id
          LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        params,
      ),
    ]);
    const items = (rows as DbRow[]).map((r) => {
      const receivedAt = String(r.received_at);
      const startOn = r.start_on ? String(r.start_on) : receivedAt;
      let ageWorkingDays: number | null;
      try {
        ageWorkingDays = this.runtime.calendar.workingDaysBetween(startOn, asOf);
      } catch {
        ageWorkingDays = null; // a year without calendar data: never a reason to fail the board
      }
      return {
        caseId: String(r.case_id),
        trackingCode: String(r.tracking_code),
        receivedAt,
        ageWorkingDays,
        xldDueOn: r.due_on ? String(r.due_on) : null,
        receivingUnitId: String(r.receiving_unit_id),
      };
    });
    return { items, total: Number((total as DbRow[])[0]?.n ?? 0), page, pageSize };
  }

  /**
   * One page of the deadlines matching `parts`: disjoint conditions whose union is the set, each
   * counted on its own. The first part is paged in `order` (an index walk that stops after the page);
   * the others are expected to be small and are selected whole, each planned on its own (MATERIALIZED,
   * so the planner does not walk the first part's index for their order). `order` must be total.
   */
  private async page<T>(
    cte: string,
    parts: string[],
    params: unknown[],
    q: BoardQuery,
    order: string,
    map: (r: DbRow, heads: (unitId: string, date: string) => HeadRef | null) => Promise<T>,
  ) {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 200;
    const offset = (page - 1) * pageSize;
    const [first, ...others] = parts;
    const count = parts.map((w) => `(SELECT count(*) FROM rm_deadlines d WHERE ${w})`).join(' + ');
    const select =
      others.length === 0
        ? `${cte} SELECT d.* FROM rm_deadlines d WHERE ${first} ORDER BY ${order} LIMIT ${pageSize} OFFSET ${offset}`
        : `${cte ? `${cte},` : 'WITH'} ${others
            .map((w, i) => `part_${i + 1} AS MATERIALIZED (SELECT d.* FROM rm_deadlines d WHERE ${w})`)
            .join(', ')}
          SELECT d.* FROM (
            (SELECT d.* FROM rm_deadlines d WHERE ${first} ORDER BY ${order} LIMIT ${offset + pageSize})
            ${others.map((_, i) => `UNION ALL (SELECT * FROM part_${i + 1})`).join(' ')}
          ) d ORDER BY ${order} LIMIT ${pageSize} OFFSET ${offset}`;
    const [total, { rows, heads }] = await Promise.all([
      this.runtime.dataSource.query(`${cte} SELECT (${count})::int AS n`, params) as Promise<DbRow[]>,
      (async () => {
        const rows: DbRow[] = await this.runtime.dataSource.query(select, params);
        const units = [...new Set(rows.map((r) => String(r.unit_id)))];
        return { rows, heads: await this.headsResolver(q.recordedBefore, units) };
      })(),
    ]);
    const items: T[] = [];
    for (const r of rows) items.push(await map(r, heads));
    return { items, total: Number(total[0]?.n ?? 0), page, pageSize };
  }
}
