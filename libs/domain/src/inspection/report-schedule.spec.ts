import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../shared/domain-error.js';
import {
  followUp,
  reportDueDates,
  reportsDueBetween,
  type ScheduledRecommendation,
} from './report-schedule.js';

const every = (
  reportEvery: '3m' | '6m' | '12m',
  concludedOn: string,
  over: Partial<ScheduledRecommendation> = {},
): ScheduledRecommendation => ({
  concludedOn,
  dueOn: null,
  reportEvery,
  reportDates: null,
  ...over,
});

function firstDueDates(rec: ScheduledRecommendation, n: number): string[] {
  const out: string[] = [];
  for (const d of reportDueDates(rec)) {
    if (out.length === n) break;
    out.push(d);
  }
  return out;
}

describe('report schedule', () => {
  describe('due dates', () => {
    it('adds k × 6 months to the conclusion date (docs/reference/api-contract.md, Inspections and their conclusions: the example)', () =>
      expect(firstDueDates(every('6m', '2026-01-15'), 3)).toEqual([
        '2026-07-15',
        '2027-01-15',
        '2027-07-15',
      ]));

    it('clamps the day to the month’s end without rolling forward (docs/reference/api-contract.md, Inspections and their conclusions: the example)', () =>
      expect(firstDueDates(every('6m', '2026-08-31'), 3)).toEqual([
        '2027-02-28',
        '2027-08-31',
        '2028-02-29',
      ]));

    it('computes every due date from the conclusion, not from the previous due date', () => {
      expect(firstDueDates(every('3m', '2026-01-31'), 4)).toEqual([
        '2026-04-30',
        '2026-07-31',
        '2026-10-31',
        '2027-01-31',
      ]);
      expect(firstDueDates(every('12m', '2028-02-29'), 2)).toEqual(['2029-02-28', '2030-02-28']);
    });

    it('uses a custom list as given', () =>
      expect([
        ...reportDueDates({
          concludedOn: '2026-03-02',
          reportEvery: null,
          reportDates: ['2026-06-30', '2026-12-31'],
        }),
      ]).toEqual(['2026-06-30', '2026-12-31']));

    it('has none without a cadence or a list', () =>
      expect([
        ...reportDueDates({ concludedOn: '2026-03-02', reportEvery: null, reportDates: null }),
      ]).toEqual([]));
  });

  describe('followUp', () => {
    const rec = every('6m', '2026-01-15');

    it('is due at the first due date before any report', () =>
      expect(followUp(rec, [], '2026-03-01')).toEqual({
        nextReportDue: '2026-07-15',
        overdue: false,
        overdueReports: 0,
        remediationOverdue: false,
      }));

    it('is not overdue on the due date itself', () =>
      expect(followUp(rec, [], '2026-07-15')).toMatchObject({
        nextReportDue: '2026-07-15',
        overdue: false,
        overdueReports: 0,
      }));

    it('is overdue the day after an unsatisfied due date', () =>
      expect(followUp(rec, [], '2026-07-16')).toMatchObject({
        nextReportDue: '2026-07-15',
        overdue: true,
        overdueReports: 1,
      }));

    it('lets a report dated exactly on due_k satisfy due_k', () =>
      expect(followUp(rec, ['2026-07-15'], '2026-07-20')).toMatchObject({
        nextReportDue: '2027-01-15',
        overdue: false,
        overdueReports: 0,
      }));

    it('lets a late report satisfy the next due date only', () =>
      expect(followUp(rec, ['2026-07-16'], '2026-07-20')).toEqual({
        nextReportDue: '2026-07-15',
        overdue: true,
        overdueReports: 1,
        remediationOverdue: false,
      }));

    it('satisfies a future due date with an early report', () =>
      expect(followUp(rec, ['2026-07-01', '2026-08-01'], '2026-08-02')).toMatchObject({
        nextReportDue: '2027-07-15',
        overdue: false,
      }));

    it('counts each missed due date', () =>
      expect(followUp(rec, ['2026-03-01'], '2027-08-01')).toMatchObject({
        nextReportDue: '2027-01-15',
        overdue: true,
        overdueReports: 2,
      }));

    it('ignores reports dated after asOf and reports on or before the conclusion', () => {
      expect(followUp(rec, ['2026-07-10'], '2026-07-01')).toMatchObject({
        nextReportDue: '2026-07-15',
        overdue: false,
      });
      expect(followUp(rec, ['2026-07-10'], '2026-07-20')).toMatchObject({
        nextReportDue: '2027-01-15',
        overdue: false,
      });
      expect(followUp(rec, ['2026-01-15'], '2026-07-20')).toMatchObject({
        nextReportDue: '2026-07-15',
        overdue: true,
      });
    });

    describe('a custom list', () => {
      const custom: ScheduledRecommendation = {
        concludedOn: '2026-03-02',
        dueOn: null,
        reportEvery: null,
        reportDates: ['2026-06-30', '2026-12-31'],
      };

      it('has nothing left once every date is satisfied', () =>
        expect(followUp(custom, ['2026-06-30', '2026-12-20'], '2027-02-01')).toEqual({
          nextReportDue: null,
          overdue: false,
          overdueReports: 0,
          remediationOverdue: false,
        }));

      it('needs one report per interval', () =>
        expect(followUp(custom, ['2026-04-01', '2026-06-01'], '2027-02-01')).toMatchObject({
          nextReportDue: '2026-12-31',
          overdue: true,
          overdueReports: 1,
        }));
    });

    it('has no schedule without a cadence or a list', () =>
      expect(
        followUp(
          { concludedOn: '2026-03-02', dueOn: null, reportEvery: null, reportDates: null },
          [],
          '2030-01-01',
        ),
      ).toEqual({
        nextReportDue: null,
        overdue: false,
        overdueReports: 0,
        remediationOverdue: false,
      }));

    describe('the remediation target', () => {
      const target = every('6m', '2026-01-15', { dueOn: '2026-06-30' });

      it('is overdue after dueOn while not done', () => {
        expect(followUp(target, [], '2026-06-30').remediationOverdue).toBe(false);
        expect(followUp(target, [], '2026-07-01').remediationOverdue).toBe(true);
      });

      it('is not overdue once done or waived by asOf', () => {
        expect(
          followUp({ ...target, doneOn: '2026-06-29' }, ['2026-06-29'], '2026-07-01').remediationOverdue,
        ).toBe(false);
        expect(
          followUp({ ...target, doneOn: '2026-07-05' }, ['2026-07-05'], '2026-07-01').remediationOverdue,
        ).toBe(true);
        expect(followUp({ ...target, waivedOn: '2026-07-01' }, [], '2026-07-02').remediationOverdue).toBe(
          false,
        );
      });
    });

    it('stops the schedule when the recommendation is done', () => {
      const finished = { ...rec, doneOn: '2026-07-10' };
      expect(followUp(finished, ['2026-07-10'], '2028-01-01')).toMatchObject({
        nextReportDue: null,
        overdue: false,
        overdueReports: 0,
      });
      expect(followUp(finished, ['2026-07-10'], '2026-07-05')).toMatchObject({
        nextReportDue: '2026-07-15',
        overdue: false,
      });
    });

    it('keeps due dates missed before a waiver', () =>
      expect(followUp({ ...rec, waivedOn: '2026-09-01' }, [], '2028-01-01')).toMatchObject({
        overdue: true,
        overdueReports: 1,
      }));

    it('rejects a malformed asOf', () => {
      expect(() => followUp(rec, [], '2026/07/01')).toThrow(DomainError);
    });
  });

  describe('reportsDueBetween', () => {
    const rec = every('6m', '2026-01-15');

    it('counts due dates inside [from, to] and those missed before asOf', () => {
      expect(reportsDueBetween(rec, ['2026-07-15'], '2026-01-01', '2027-12-31', '2027-03-01')).toEqual({
        due: 3,
        missed: 1,
      });
      expect(reportsDueBetween(rec, ['2026-07-15'], '2026-08-01', '2027-07-15', '2027-03-01')).toEqual({
        due: 2,
        missed: 1,
      });
      expect(reportsDueBetween(rec, [], '2026-07-15', '2026-07-15', '2026-07-15')).toEqual({
        due: 1,
        missed: 0,
      });
      expect(reportsDueBetween(rec, [], '2026-07-16', '2027-01-14', '2028-01-01')).toEqual({
        due: 0,
        missed: 0,
      });
    });

    it('counts a custom list', () =>
      expect(
        reportsDueBetween(
          {
            concludedOn: '2026-03-02',
            dueOn: null,
            reportEvery: null,
            reportDates: ['2026-06-30', '2026-12-31'],
          },
          ['2026-12-31'],
          '2026-01-01',
          '2026-12-31',
          '2027-01-10',
        ),
      ).toEqual({ due: 2, missed: 1 }));
  });
});
