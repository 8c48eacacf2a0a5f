import { Inject, Injectable } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  daysBetween,
  dutyPeriodFor,
  minDate,
  receptionDuty,
  termsOverlapping,
  termWindow,
  vietnamDateOf,
  type HeadTerm,
  type IsoDate,
  type UnitState,
} from '../../../domain/src/index.js';
import {
  accountableDeadlines,
  dialoguesHeld,
  receptionDaysHeld,
  reportsForUnit,
  unitsAsRecorded,
  type AccountableDeadlineRow,
  type HeldDay,
} from '../../../read-models/src/index.js';
import { requirePermission, type Permission, type Principal } from '../../../security/src/index.js';
import { fail } from '../common/problem.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from '../units/unit-directory.service.js';
import {
  GetAccountability,
  GetReceptionDuty,
  type AccountabilityFilter,
  type AccountabilityItem,
  type ReceptionDutyItem,
} from './accountability.queries.js';
import { headRowsRule } from './head-rows.js';

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

/**
 * A tracked deadline judged on `asOf` (docs/reference/api-contract.md `/accountability`,
 * docs/reference/deadlines.md §8–9): met when the record showed it met by graceUntil (the outcome
 * decided by the completing act) and the completion is dated on or before asOf; missed when graceUntil
 * is before asOf and it is not met; open otherwise. Deadlines out of accountability (an XLD completed
 * by classification, an ending recorded in time) are not counted (null); a deadline recorded before
 * late entries existed is judged on its legal dates; a paused one is never missed.
 */
function judged(r: AccountableDeadlineRow, asOf: IsoDate): AccountableDeadline | null {
  const completedOn = r.state === 'completed' ? r.completedOn : null;
  const cancelledOn = r.state === 'cancelled' ? r.cancelledOn : null;
  const pausedOn = r.state === 'paused' ? r.pausedOn : null;
  const dueOn = r.accountabilityDueOn ?? r.dueOn;
  const graceUntil = r.graceUntil;
  const decided = r.accountability;
  let outcome: AccountableDeadline['outcome'];
  if (graceUntil === null) {
    // recorded before late entries existed: the legal dates
    if (cancelledOn !== null && cancelledOn <= asOf) return null;
    const done = completedOn !== null && completedOn <= asOf ? completedOn : null;
    if (done !== null && done <= dueOn) outcome = 'met';
    else if (pausedOn !== null && pausedOn <= asOf) outcome = 'open';
    else outcome = dueOn < asOf ? 'missed' : 'open';
  } else if (cancelledOn !== null && cancelledOn > asOf) {
    // ended in time, but after asOf: on asOf it was still counted
    outcome = graceUntil < asOf ? 'missed' : 'open';
  } else if (decided === 'met' && completedOn !== null && completedOn <= asOf) outcome = 'met';
  else if (pausedOn !== null && pausedOn <= asOf && decided === null) outcome = 'open';
  else outcome = graceUntil < asOf ? 'missed' : 'open';
  return { unitId: r.unitId, dueOn, outcome, lateEntry: r.lateEntry, imported: r.imported };
}

/**
 * What both reports share (docs/accountability.md): the query resolved (defaults, period checks, scope
 * before permission), the units read, and the reception duty of a head term. Two clocks: `asOf` (a
 * business date: the situation on that day) and `recordedBefore` (an instant: only row versions
 * recorded before it).
 */
@Injectable()
export class AccountabilityReports {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly directory: UnitDirectory,
  ) {}

  /** Defaults, period checks, then scope (404) before permission (403). */
  async resolve(
    principal: Principal,
    q: AccountabilityFilter,
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
      asOf: q.asOf ?? vietnamDateOf(this.runtime.clock()),
      recordedBefore: q.recordedBefore ?? null,
      includeSubunits: q.includeSubunits ?? false,
    };
  }

  /** The unit (and, with includeSubunits, its subtree) as recorded before `recordedBefore`. */
  async unitsOf(q: ResolvedQuery): Promise<ExistingUnit[]> {
    const states = (await unitsAsRecorded(this.db, q.recordedBefore)).filter(
      (s): s is ExistingUnit => s.status !== 'none',
    );
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

  /** The days the heads of the units held reception in [from, min(to, asOf)]. */
  heldDays(q: ResolvedQuery, unitIds: string[]): Promise<HeldDay[]> {
    return receptionDaysHeld(this.db, {
      unitIds,
      from: q.from,
      to: minDate(q.to, q.asOf),
      recordedBefore: q.recordedBefore,
    });
  }

  /** The reception duty of one head term (docs/reference/api-contract.md `/reception-duty`), judged on `asOf`. */
  duty(q: ResolvedQuery, unit: ExistingUnit, term: HeadTerm, held: HeldDay[]) {
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

  /** The tracked deadlines of the units due in [from, to], judged on asOf. */
  async deadlines(q: ResolvedQuery, unitIds: string[]): Promise<AccountableDeadline[]> {
    const rows = await accountableDeadlines(this.db, { unitIds, ...q });
    return rows.map((r) => judged(r, q.asOf)).filter((d): d is AccountableDeadline => d !== null);
  }

  /** Dialogues held on or before `asOf` inside the period, credited to the unit responsible when they were recorded. */
  dialogues(q: ResolvedQuery, unitIds: string[]): Promise<{ unitId: string; heldAt: IsoDate }[]> {
    return dialoguesHeld(this.db, {
      unitIds,
      from: q.from,
      to: minDate(q.to, q.asOf),
      recordedBefore: q.recordedBefore,
    });
  }

  /**
   * Inspection reports of the unit's recommendations due in the window (`reportsDue`) and those due
   * before `asOf` with no satisfying report dated ≤ `asOf` (`reportsMissed`), over `rm_recommendations`:
   * called with a head term ∩ the period, so a report counts against the head in office on its due date.
   */
  reports(q: ResolvedQuery, unitId: string, window: { from: IsoDate; to: IsoDate }) {
    return reportsForUnit(this.db, {
      unitId,
      from: window.from,
      to: window.to,
      asOf: q.asOf,
      ...(q.recordedBefore ? { recordedBefore: q.recordedBefore } : {}),
    });
  }
}

@QueryHandler(GetReceptionDuty)
export class GetReceptionDutyHandler implements IQueryHandler<
  GetReceptionDuty,
  { items: ReceptionDutyItem[] }
> {
  constructor(private readonly reports: AccountabilityReports) {}

  async execute({ principal, filter, forExport }: GetReceptionDuty): Promise<{ items: ReceptionDutyItem[] }> {
    const headRows = headRowsRule(principal);
    const q = await this.reports.resolve(principal, filter, 'boards.read');
    const units = await this.reports.unitsOf(q);
    const held = await this.reports.heldDays(
      q,
      units.map((u) => u.unitId),
    );
    const items: ReceptionDutyItem[] = [];
    for (const unit of units) {
      for (const term of termsOverlapping(unit, q.from, q.to)) {
        const window = termWindow(term, q, 'term', 'period')!;
        const d = this.reports.duty(q, unit, term, held);
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
    if (forExport) requirePermission(principal, 'exports.read');
    return { items: headRows.visible(items) };
  }
}

@QueryHandler(GetAccountability)
export class GetAccountabilityHandler implements IQueryHandler<
  GetAccountability,
  { items: AccountabilityItem[] }
> {
  constructor(private readonly reports: AccountabilityReports) {}

  async execute({
    principal,
    filter,
    forExport,
  }: GetAccountability): Promise<{ items: AccountabilityItem[] }> {
    // A head reads the rows of their own terms with the boards' permission; every row needs accountability.read.
    const headRows = headRowsRule(principal);
    const q = await this.reports.resolve(
      principal,
      filter,
      headRows.ownRowsOnly ? 'boards.read' : 'accountability.read',
    );
    const units = await this.reports.unitsOf(q);
    const unitIds = units.map((u) => u.unitId);
    const held = await this.reports.heldDays(q, unitIds);
    const deadlines = await this.reports.deadlines(q, unitIds);
    const dialogues = await this.reports.dialogues(q, unitIds);
    const items: AccountabilityItem[] = [];
    for (const unit of units) {
      const own = deadlines.filter((d) => d.unitId === unit.unitId);
      for (const term of termsOverlapping(unit, q.from, q.to)) {
        const window = termWindow(term, q, 'term', 'period')!;
        const a = countOutcomes(own, window);
        const reception = this.reports.duty(q, unit, term, held);
        const reports = await this.reports.reports(q, unit.unitId, window);
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
    if (forExport) requirePermission(principal, 'exports.read');
    return { items: headRows.visible(items) };
  }
}

export const ACCOUNTABILITY_QUERY_HANDLERS = [GetReceptionDutyHandler, GetAccountabilityHandler];
