import { Inject, Injectable } from '@nestjs/common';
import {
  termWindow,
  dutyPeriodFor,
  receptionDuty,
  type DutyPeriod,
  daysBetween,
  minDate,
  vietnamDateOf,
  type IsoDate,
  termsOverlapping,
} from '../../../../libs/domain/src/index.js';
import type { UnitLevel, HeadTerm, UnitState } from '../../../../libs/domain/src/index.js';
import { unitStateOfRow, versionFilter } from '../../../../libs/read-models/src/index.js';
import {
  can,
  requirePermission,
  type Permission,
  type Principal,
} from '../../../../libs/security/src/index.js';
import { fail, RUNTIME, type Runtime, UnitDirectory } from '../../../../libs/application/src/index.js';
import type { AccountabilityQuery } from './accountability.dto.js';
import { reportsOfUnit } from './inspection-reports.js';

type DbRow = Record<string, unknown>;

const dateOf = (v: unknown): IsoDate => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
type ExistingUnit = Exclude<UnitState, { status: 'none' }>;

/** The longest period a report may span (days): keeps the day-by-day duty walk bounded. */
export const MAX_PERIOD_DAYS = 3660;

/** A query with its defaults applied and checked. */
export interface ResolvedQuery {
  unitId: string;
  from: IsoDate;
  to: IsoDate;
  asOf: IsoDate;
  recordedBefore: string | null;
  includeSubunits: boolean;
}

export interface ReceptionDutyItem {
  personId: string;
  fullName: string;
  acting: boolean;
  unitId: string;
  level: UnitLevel;
  /** term ∩ [from, to]: the days the figures cover. */
  from: IsoDate;
  to: IsoDate;
  /** The term itself (`termTo` null while it runs). */
  termFrom: IsoDate;
  termTo: IsoDate | null;
  period: DutyPeriod;
  required: number;
  held: number;
  /** Held days (counted in `held`) whose hold was entered late (docs/reference/deadlines.md §9; listed in /late-entries). */
  heldLate: number;
  missing: number;
  missingPeriods: string[];
}

export interface AccountabilityItem {
  /** null: the deadlines that fell due while the unit had no head in office (docs/reference/api-contract.md, Deadlines, accountability, late entries). */
  personId: string | null;
  fullName: string | null;
  unitId: string;
  from: IsoDate;
  to: IsoDate;
  termFrom: IsoDate | null;
  termTo: IsoDate | null;
  acting: boolean;
  due: number;
  met: number;
  missed: number;
  open: number;
  onTimeRate: number | null;
  reportsDue: number;
  reportsMissed: number;
  receptionRequired: number;
  receptionHeld: number;
  dialoguesHeld: number;
  /** The row's deadlines (met or missed) whose completing act was a late entry. */
  lateEntries: number;
  /** The row's deadlines whose completing act was imported. */
  imported: number;
}

/** A tracked deadline of a unit as accountability judges it on asOf (docs/reference/deadlines.md §8–9). */
interface AccountableDeadline {
  unitId: string;
  /** accountabilityDueOn (dueOn for deadlines recorded before late entries existed). */
  dueOn: IsoDate;
  outcome: 'met' | 'missed' | 'open';
  lateEntry: boolean;
  /** Its completing act came in through the import (docs/reference/deadlines.md §9). */
  imported: boolean;
}

/** due / met / missed / open of the deadlines whose accountabilityDueOn lies in the window. */
function countOutcomes(deadlines: AccountableDeadline[], window: { from: IsoDate; to: IsoDate }) {
  const inside = deadlines.filter((d) => d.dueOn >= window.from && d.dueOn <= window.to);
  const met = inside.filter((d) => d.outcome === 'met').length;
  const missed = inside.filter((d) => d.outcome === 'missed').length;
  return {
    due: inside.length,
    met,
    missed,
    open: inside.length - met - missed,
    onTimeRate: met + missed === 0 ? null : met / (met + missed),
    lateEntries: inside.filter((d) => d.outcome !== 'open' && d.lateEntry).length,
    imported: inside.filter((d) => d.outcome !== 'open' && d.imported).length,
  };
}

interface HeldDay {
  unitId: string;
  headPersonId: string;
  heldOn: IsoDate;
  lateEntry: boolean;
}

/**
 * Head accountability over the read models (docs/accountability.md): per head term overlapping the
 * period, the deadline record (domain `accountability`), the reception duty (domain `receptionDuty`)
 * and the dialogues held. Two clocks: `asOf` (a business date: the situation on that day) and
 * `recordedBefore` (an instant: only row versions recorded before it).
 */
@Injectable()
export class AccountabilityQueries {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly directory: UnitDirectory,
  ) {}

  today(): IsoDate {
    return vietnamDateOf(this.runtime.clock());
  }

  /** Defaults, period checks, then scope (404) before permission (403). */
  async resolve(
    principal: Principal,
    q: AccountabilityQuery,
    permission: Permission,
  ): Promise<ResolvedQuery> {
    if (q.from > q.to)
      fail('VALIDATION_FAILED', 'from must not be after to', [
        { path: 'to', message: 'must not be before from' },
      ]);
    if (daysBetween(q.from, q.to) > MAX_PERIOD_DAYS) {
      fail('VALIDATION_FAILED', `the period may span at most ${MAX_PERIOD_DAYS} days`, [
        { path: 'to', message: 'period too long' },
      ]);
    }
    const unitId = q.unitId ?? principal.unitId;
    if (!unitId)
      return fail('VALIDATION_FAILED', 'unitId is required', [
        { path: 'unitId', message: 'required (you have no unit)' },
      ]);
    if (!(await this.directory.exists(unitId)) || !(await this.directory.inScope(principal, [unitId]))) {
      fail('NOT_FOUND', `no unit ${unitId}`);
    }
    requirePermission(principal, permission);
    return {
      unitId,
      from: q.from,
      to: q.to,
      asOf: q.asOf ?? this.today(),
      recordedBefore: q.recordedBefore ?? null,
      includeSubunits: q.includeSubunits ?? false,
    };
  }

  /** The unit (and, with includeSubunits, its subtree) as recorded before `recordedBefore`. */
  private async unitsOf(q: ResolvedQuery): Promise<ExistingUnit[]> {
    const params: unknown[] = [];
    const rb = q.recordedBefore ? (params.push(q.recordedBefore), `$${params.length}`) : null;
    const rows: DbRow[] = await this.runtime.dataSource.query(
      `SELECT * FROM rm_units u WHERE ${versionFilter('u', rb)}`,
      params,
    );
    const states = rows.map((r) => unitStateOfRow(r)).filter((s): s is ExistingUnit => s.status !== 'none');
    const root = states.find((s) => s.unitId === q.unitId);
    if (!root) return [];
    if (!q.includeSubunits) return [root];
    const out: ExistingUnit[] = [root];
    for (let i = 0; i < out.length && out.length <= 10_000; i++) {
      const parent = out[i]!.unitId;
      out.push(
        ...states.filter((s) => s.parentId === parent).sort((a, b) => a.unitId.localeCompare(b.unitId)),
      );
    }
    return out;
  }

  private async heldDays(q: ResolvedQuery, unitIds: string[]): Promise<HeldDay[]> {
    if (unitIds.length === 0) return [];
    const params: unknown[] = [unitIds, q.from, minDate(q.to, q.asOf)];
    const rb = q.recordedBefore ? (params.push(q.recordedBefore), `$${params.length}`) : null;
    const rows: DbRow[] = await this.runtime.dataSource.query(
      // docs/reference/api-contract.md: a day counts when the head held a session and it counts as the head's own (the head
      // or a delegate entered it; rows from before countsAsHeads: held_by_head). A day is late only
      // when every hold counted on it was entered late.
      `SELECT s.unit_id, s.head_person_id, s.held_on, bool_and(s.late_entry) AS late_entry
         FROM rm_reception_sessions s
        WHERE ${versionFilter('s', rb)} AND s.unit_id = ANY($1::text[]) AND s.status = 'held'
          AND COALESCE(s.counts_as_heads, s.held_by_head)
          AND s.held_on >= $2::date AND s.held_on <= $3::date
        GROUP BY s.unit_id, s.head_person_id, s.held_on`,
      params,
    );
    return rows.map((r) => ({
      unitId: String(r.unit_id),
      headPersonId: String(r.head_person_id),
      heldOn: dateOf(r.held_on),
      lateEntry: r.late_entry === true,
    }));
  }

  /** The reception duty of one head term (docs/reference/api-contract.md `/reception-duty`), judged on `asOf`. */
  private duty(q: ResolvedQuery, unit: ExistingUnit, term: HeadTerm, held: HeldDay[]) {
    const range = { from: q.from, to: minDate(q.to, q.asOf) };
    const period = dutyPeriodFor(unit.level, this.runtime.config.communeReceptionWeekly);
    // Before the period starts nothing is owed yet.
    if (range.to < range.from)
      return { period, required: 0, held: 0, heldLate: 0, missing: 0, missingPeriods: [] as string[] };
    const own = held.filter((h) => h.unitId === unit.unitId && h.headPersonId === term.personId);
    const heldDays = own.map((h) => h.heldOn);
    const d = receptionDuty({
      term: { from: term.from, to: term.to },
      range,
      level: unit.level,
      communeWeekly: this.runtime.config.communeReceptionWeekly,
      heldDays,
      calendar: this.runtime.calendar,
    });
    // The late days among those counted in `held` (the same window as the domain's count).
    const windowFrom = term.from > range.from ? term.from : range.from;
    const windowTo = term.to !== null && term.to < range.to ? term.to : range.to;
    const heldLate = own.filter((h) => h.lateEntry && h.heldOn >= windowFrom && h.heldOn <= windowTo).length;
    return { period, ...d, heldLate };
  }

  async receptionDuty(
    principal: Principal,
    query: AccountabilityQuery,
  ): Promise<{ items: ReceptionDutyItem[] }> {
    const q = await this.resolve(principal, query, 'boards.read');
    const units = await this.unitsOf(q);
    const held = await this.heldDays(
      q,
      units.map((u) => u.unitId),
    );
    const items: ReceptionDutyItem[] = [];
    for (const unit of units) {
      for (const term of termsOverlapping(unit, q.from, q.to)) {
        const window = termWindow(term, q, 'term', 'period')!;
        const d = this.duty(q, unit, term, held);
        items.push({
          personId: term.personId,
          fullName: term.fullName,
          acting: term.acting,
          unitId: unit.unitId,
          level: unit.level,
          from: window.from,
          to: window.to,
          termFrom: term.from,
          termTo: term.to,
          period: d.period,
          required: d.required,
          held: d.held,
          heldLate: d.heldLate,
          missing: d.missing,
          missingPeriods: d.missingPeriods,
        });
      }
    }
    return { items };
  }

  async accountability(
    principal: Principal,
    query: AccountabilityQuery,
  ): Promise<{ items: AccountabilityItem[] }> {
    // docs/reference/api-contract.md, Deadlines, accountability, late entries: a head may read the rows of their own terms; supervisors and admins read every row.
    const ownRowsOnly = !can(principal, 'accountability.read') && principal.roles.includes('head');
    const q = await this.resolve(principal, query, ownRowsOnly ? 'boards.read' : 'accountability.read');
    const units = await this.unitsOf(q);
    const unitIds = units.map((u) => u.unitId);
    const held = await this.heldDays(q, unitIds);
    const deadlines = await this.deadlines(q, unitIds);
    const dialogues = await this.dialogues(q, unitIds);
    const items: AccountabilityItem[] = [];
    for (const unit of units) {
      const own = deadlines.filter((d) => d.unitId === unit.unitId);
      for (const term of termsOverlapping(unit, q.from, q.to)) {
        const window = termWindow(term, q, 'term', 'period')!;
        const a = countOutcomes(own, window);
        const reception = this.duty(q, unit, term, held);
        const reports = await reportsOfUnit(this.runtime, {
          unitId: unit.unitId,
          from: window.from,
          to: window.to,
          asOf: q.asOf,
          ...(q.recordedBefore ? { recordedBefore: q.recordedBefore } : {}),
        });
        items.push({
          personId: term.personId,
          fullName: term.fullName,
          unitId: unit.unitId,
          from: window.from,
          to: window.to,
          termFrom: term.from,
          termTo: term.to,
          acting: term.acting,
          due: a.due,
          met: a.met,
          missed: a.missed,
          open: a.open,
          onTimeRate: a.onTimeRate,
          lateEntries: a.lateEntries,
          imported: a.imported,
          reportsDue: reports.due,
          reportsMissed: reports.missed,
          receptionRequired: reception.required,
          receptionHeld: reception.held,
          dialoguesHeld: dialogues.filter(
            (d) => d.unitId === unit.unitId && d.heldAt >= window.from && d.heldAt <= window.to,
          ).length,
        });
      }
      // Deadlines falling due while the unit had no head in office form a row of their own.
      const windows = termsOverlapping(unit, q.from, q.to).map((term) =>
        termWindow(term, q, 'term', 'period')!,
      );
      const headless = own.filter(
        (d) =>
          d.dueOn >= q.from && d.dueOn <= q.to && !windows.some((w) => d.dueOn >= w.from && d.dueOn <= w.to),
      );
      if (headless.length > 0) {
        const a = countOutcomes(headless, { from: q.from, to: q.to });
        items.push({
          personId: null,
          fullName: null,
          unitId: unit.unitId,
          from: q.from,
          to: q.to,
          termFrom: null,
          termTo: null,
          acting: false,
          due: a.due,
          met: a.met,
          missed: a.missed,
          open: a.open,
          onTimeRate: a.onTimeRate,
          lateEntries: a.lateEntries,
          imported: a.imported,
          reportsDue: 0,
          reportsMissed: 0,
          receptionRequired: 0,
          receptionHeld: 0,
          dialoguesHeld: 0,
        });
      }
    }
    return { items: ownRowsOnly ? items.filter((i) => i.personId === principal.id) : items };
  }

  /**
   * Tracked deadlines of the units with their accountability due date in [from, to], judged on `asOf`
   * (docs/reference/api-contract.md `/accountability`, docs/reference/deadlines.md §8–9): met when the record showed it met by graceUntil (the
   * outcome decided by the completing act) and the completion is dated on or before asOf; missed when
   * graceUntil is before asOf and it is not met; open otherwise. Deadlines out of accountability (an XLD
   * completed by classification, an ending recorded in time) are not counted; a deadline recorded
   * before late entries existed is judged on its legal dates; a paused one is never missed.
   */
  private async deadlines(q: ResolvedQuery, unitIds: string[]): Promise<AccountableDeadline[]> {
    if (unitIds.length === 0) return [];
    const params: unknown[] = [unitIds, q.from, q.to, q.asOf];
    const rb = q.recordedBefore ? (params.push(q.recordedBefore), `$${params.length}`) : null;
    const rows: DbRow[] = await this.runtime.dataSource.query(
      `SELECT d.unit_id, d.due_on, d.accountability_due_on, d.grace_until, d.accountability, d.late_entry, d.imported,
              d.state, d.completed_on, d.cancelled_on, d.paused_on FROM rm_deadlines d
        WHERE d.deadline_no > 0 AND ${versionFilter('d', rb)} AND d.unit_id = ANY($1::text[])
          AND (d.accountable OR (d.state = 'cancelled' AND d.cancelled_on > $4::date))
          AND COALESCE(d.accountability_due_on, d.due_on) >= $2::date
          AND COALESCE(d.accountability_due_on, d.due_on) <= $3::date`,
      params,
    );
    const out: AccountableDeadline[] = [];
    for (const r of rows) {
      const state = String(r.state);
      const str = (v: unknown): string | null => (v ? String(v) : null);
      const completedOn = state === 'completed' ? str(r.completed_on) : null;
      const cancelledOn = state === 'cancelled' ? str(r.cancelled_on) : null;
      const pausedOn = state === 'paused' ? str(r.paused_on) : null;
      const dueOn = str(r.accountability_due_on) ?? String(r.due_on);
      const graceUntil = str(r.grace_until);
      const decided = str(r.accountability);
      let outcome: AccountableDeadline['outcome'];
      if (graceUntil === null) {
        // recorded before late entries existed: the legal dates
        if (cancelledOn !== null && cancelledOn <= q.asOf) continue;
        const done = completedOn !== null && completedOn <= q.asOf ? completedOn : null;
        if (done !== null && done <= dueOn) outcome = 'met';
        else if (pausedOn !== null && pausedOn <= q.asOf) outcome = 'open';
        else outcome = dueOn < q.asOf ? 'missed' : 'open';
      } else if (cancelledOn !== null && cancelledOn > q.asOf) {
        // ended in time, but after asOf: on asOf it was still counted
        outcome = graceUntil < q.asOf ? 'missed' : 'open';
      } else if (decided === 'met' && completedOn !== null && completedOn <= q.asOf) outcome = 'met';
      else if (pausedOn !== null && pausedOn <= q.asOf && decided === null) outcome = 'open';
      else outcome = graceUntil < q.asOf ? 'missed' : 'open';
      out.push({
        unitId: String(r.unit_id),
        dueOn,
        outcome,
        lateEntry: r.late_entry === true,
        imported: r.imported === true,
      });
    }
    return out;
  }

  /** Dialogues held on or before `asOf` inside the period, credited to the unit responsible when they were recorded. */
  private async dialogues(
    q: ResolvedQuery,
    unitIds: string[],
  ): Promise<{ unitId: string; heldAt: IsoDate }[]> {
    if (unitIds.length === 0) return [];
    const params: unknown[] = [unitIds, q.from, minDate(q.to, q.asOf)];
    const rb = q.recordedBefore ? (params.push(q.recordedBefore), `$${params.length}`) : null;
    const rows: DbRow[] = await this.runtime.dataSource.query(
      `SELECT g.unit_id, g.held_at FROM rm_dialogues g
        WHERE g.dialogue_id <> '' AND ${versionFilter('g', rb)} AND g.unit_id = ANY($1::text[])
          AND g.held_at >= $2::date AND g.held_at <= $3::date`,
      params,
    );
    return rows.map((r) => ({ unitId: String(r.unit_id), heldAt: String(r.held_at) }));
  }
}
