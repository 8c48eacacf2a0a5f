import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../shared/domain-error.js';
import { accountability, type AccountabilityInput, type TrackedDeadline } from './accountability.js';

const open = (dueOn: string): TrackedDeadline => ({ dueOn, completedOn: null, cancelled: false });
const done = (dueOn: string, completedOn: string): TrackedDeadline => ({
  dueOn,
  completedOn,
  cancelled: false,
});

describe('accountability', () => {
  const term = { from: '2026-03-01', to: '2026-03-31' };
  const period = { from: '2026-01-01', to: '2026-12-31' };

  it('counts due, met, missed and open inside both the term and the period', () =>
    expect(
      accountability({
        term,
        period,
        asOf: '2026-04-15',
        deadlines: [
          done('2026-03-01', '2026-02-27'), // the term's first day: met
          done('2026-03-31', '2026-03-31'), // the term's last day, completed exactly on dueOn: met
          done('2026-02-28', '2026-02-20'), // before the term
          open('2026-04-01'), // after the term
          done('2026-03-10', '2026-03-12'), // late completion stays missed
          open('2026-03-20'), // never completed: missed
          { dueOn: '2026-03-15', completedOn: null, cancelled: true },
        ],
      }),
    ).toEqual({ due: 4, met: 2, missed: 2, open: 0, onTimeRate: 0.5 }));

  it('does not count a deadline due on asOf as missed', () =>
    expect(
      accountability({
        term,
        period,
        asOf: '2026-03-20',
        deadlines: [open('2026-03-20'), open('2026-03-19')],
      }),
    ).toEqual({
      due: 2,
      met: 0,
      missed: 1,
      open: 1,
      onTimeRate: 0,
    }));

  it('ignores a completion dated after asOf (it had not happened yet)', () => {
    const deadlines = [done('2026-03-25', '2026-03-22')];
    expect(accountability({ term, period, asOf: '2026-03-21', deadlines })).toMatchObject({
      due: 1,
      met: 0,
      missed: 0,
      open: 1,
    });
    expect(accountability({ term, period, asOf: '2026-03-30', deadlines })).toMatchObject({
      due: 1,
      met: 1,
      missed: 0,
      open: 0,
    });
    // Judged after dueOn but before the (late) completion: missed either way.
    expect(
      accountability({ term, period, asOf: '2026-03-28', deadlines: [done('2026-03-25', '2026-03-29')] }),
    ).toMatchObject({ missed: 1 });
  });

  it('clips to the period as well as the term, and runs an open term to the period end', () =>
    expect(
      accountability({
        term: { from: '2026-03-01', to: null },
        period: { from: '2026-03-10', to: '2026-03-20' },
        asOf: '2026-06-01',
        deadlines: [
          open('2026-03-09'),
          open('2026-03-10'),
          done('2026-03-20', '2026-03-01'),
          open('2026-03-21'),
        ],
      }),
    ).toEqual({ due: 2, met: 1, missed: 1, open: 0, onTimeRate: 0.5 }));

  it('has a null on-time rate when nothing is met or missed', () => {
    expect(accountability({ term, period, asOf: '2026-03-01', deadlines: [open('2026-03-05')] })).toEqual({
      due: 1,
      met: 0,
      missed: 0,
      open: 1,
      onTimeRate: null,
    });
    expect(
      accountability({
        term,
        period: { from: '2026-05-01', to: '2026-05-31' },
        asOf: '2026-06-01',
        deadlines: [open('2026-03-05')],
      }),
    ).toEqual({
      due: 0,
      met: 0,
      missed: 0,
      open: 0,
      onTimeRate: null,
    });
  });

  it('keeps met + missed + open = due', () => {
    const deadlines = Array.from({ length: 31 }, (_, i) => {
      const d = `2026-03-${String(i + 1).padStart(2, '0')}`;
      return i % 3 === 0 ? open(d) : i % 3 === 1 ? done(d, d) : done(d, '2026-04-02');
    });
    const r = accountability({ term, period, asOf: '2026-03-16', deadlines });
    expect(r.met + r.missed + r.open).toBe(r.due);
    expect(r.due).toBe(31);
  });

  it.each<[Partial<AccountabilityInput>, string]>([
    [{ asOf: '2026-3-1' }, 'asOf'],
    [{ term: { from: '2026-03-31', to: '2026-03-01' } }, 'term.to'],
    [{ period: { from: '2026-01-01', to: 'soon' } }, 'period.to'],
    [
      { deadlines: [{ dueOn: '2026-03-01', completedOn: '2026-02-30', cancelled: false }] },
      'deadlines[0].completedOn',
    ],
  ])('rejects bad input %j', (over, path) => {
    let caught: unknown;
    try {
      accountability({ term, period, asOf: '2026-04-01', deadlines: [], ...over });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('VALIDATION_FAILED');
    expect((caught as DomainError).path).toBe(path);
  });
});
