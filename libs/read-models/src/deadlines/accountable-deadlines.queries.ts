import type { IsoDate } from '../../../domain/src/index.js';
import { versionFilter, type DbRow, type SqlRunner } from '../read-models/sql.js';

/** A tracked deadline `/accountability` judges, as its row says (dates as business dates, or null). */
export interface AccountableDeadlineRow {
  unitId: string;
  dueOn: IsoDate;
  /** accountabilityDueOn; null for deadlines recorded before late entries existed. */
  accountabilityDueOn: IsoDate | null;
  graceUntil: IsoDate | null;
  /** The outcome decided by the completing act (`met`, `missed`), or null. */
  accountability: string | null;
  state: string;
  completedOn: IsoDate | null;
  cancelledOn: IsoDate | null;
  pausedOn: IsoDate | null;
  lateEntry: boolean;
  imported: boolean;
}

/**
 * The tracked deadlines of the units whose accountability due date (the legal one for rows recorded
 * before late entries existed) lies in [from, to], as recorded before `recordedBefore` (or now):
 * those in accountability, and those ended in time only after `asOf` (on asOf they still counted).
 */
export async function accountableDeadlines(
  db: SqlRunner,
  q: { unitIds: readonly string[]; from: IsoDate; to: IsoDate; asOf: IsoDate; recordedBefore: string | null },
): Promise<AccountableDeadlineRow[]> {
  if (q.unitIds.length === 0) return [];
  const params: unknown[] = [q.unitIds, q.from, q.to, q.asOf];
  const rb = q.recordedBefore ? (params.push(q.recordedBefore), `$${params.length}`) : null;
  const rows: DbRow[] = await db.query(
    `SELECT d.unit_id, d.due_on, d.accountability_due_on, d.grace_until, d.accountability, d.late_entry, d.imported,
              d.state, d.completed_on, d.cancelled_on, d.paused_on FROM rm_deadlines d
        WHERE d.deadline_no > 0 AND ${versionFilter('d', rb)} AND d.unit_id = ANY($1::text[])
          AND (d.accountable OR (d.state = 'cancelled' AND d.cancelled_on > $4::date))
          AND COALESCE(d.accountability_due_on, d.due_on) >= $2::date
          AND COALESCE(d.accountability_due_on, d.due_on) <= $3::date`,
    params,
  );
  const str = (v: unknown): string | null => (v ? String(v) : null);
  return rows.map((r) => ({
    unitId: String(r.unit_id),
    dueOn: String(r.due_on),
    accountabilityDueOn: str(r.accountability_due_on),
    graceUntil: str(r.grace_until),
    accountability: str(r.accountability),
    state: String(r.state),
    completedOn: str(r.completed_on),
    cancelledOn: str(r.cancelled_on),
    pausedOn: str(r.paused_on),
    lateEntry: r.late_entry === true,
    imported: r.imported === true,
  }));
}
