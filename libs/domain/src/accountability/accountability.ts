import type { IsoDate } from '../shared/dates.js';
import {
  accountabilityInvalid,
  requireAccountabilityDate,
  termWindow,
  type DateRange,
} from './accountability.errors.js';

/** A tracked deadline of the unit, as a read model holds it. */
export interface TrackedDeadline {
  dueOn: IsoDate;
  /** Date of the completing event; null while none. */
  completedOn: IsoDate | null;
  cancelled: boolean;
}

export interface AccountabilityInput {
  term: DateRange;
  period: { from: IsoDate; to: IsoDate };
  /** The business date the situation is judged on. */
  asOf: IsoDate;
  deadlines: readonly TrackedDeadline[];
}

export interface DeadlineAccountability {
  due: number;
  met: number;
  missed: number;
  open: number;
  /** met ÷ (met + missed), unrounded in [0, 1]; null when both are 0. */
  onTimeRate: number | null;
}

/**
 * A head's deadline record (docs/reference/api-contract.md `/accountability`). `due`: not cancelled, `dueOn` inside both
 * the term and the period. `met`: completed on or before `dueOn`. `missed`: not completed by `dueOn`
 * and `dueOn < asOf` — a late completion stays missed. `open`: the rest, so met + missed + open = due.
 * A completion dated after `asOf` has not happened yet on `asOf` and is ignored.
 */
export function accountability(input: AccountabilityInput): DeadlineAccountability {
  const { asOf, deadlines } = input;
  requireAccountabilityDate(asOf, 'asOf');
  if (!Array.isArray(deadlines)) throw accountabilityInvalid('deadlines', 'deadlines must be a list');
  deadlines.forEach((d, i) => {
    requireAccountabilityDate(d.dueOn, `deadlines[${i}].dueOn`);
    if (d.completedOn !== null) requireAccountabilityDate(d.completedOn, `deadlines[${i}].completedOn`);
  });
  const window = termWindow(input.term, input.period, 'term', 'period');
  let due = 0;
  let met = 0;
  let missed = 0;
  if (window !== null) {
    for (const d of deadlines) {
      if (d.cancelled || d.dueOn < window.from || d.dueOn > window.to) continue;
      due += 1;
      const completedOn = d.completedOn !== null && d.completedOn <= asOf ? d.completedOn : null;
      if (completedOn !== null && completedOn <= d.dueOn) met += 1;
      else if (d.dueOn < asOf) missed += 1;
    }
  }
  return {
    due,
    met,
    missed,
    open: due - met - missed,
    onTimeRate: met + missed === 0 ? null : met / (met + missed),
  };
}
