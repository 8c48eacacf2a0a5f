/**
 * The business date of every case act (docs/reference/api-contract.md "Business date of each act",
 * docs/reference/deadlines.md §9): one table, CASE_BUSINESS_DATE, read by the history, the case record
 * and `/late-entries`. Each event type's answer is pinned here.
 */
import { describe, expect, it } from '@jest/globals';
import { CASE_BUSINESS_DATE, CASE_EVENT_TYPES, caseBusinessDate, type CaseEventType } from './case.events.js';
import { amend, archive, classify, reclassify, recorded, register } from '../testing/case-fixtures.js';

/** The acts by the field that dates them (api-contract.md, "Business date of each act"). */
const DATED_BY: Record<string, readonly CaseEventType[]> = {
  receivedAt: ['CaseReceived'],
  classifiedAt: ['CaseClassified'],
  acceptedAt: ['CaseAccepted'],
  heldAt: ['DialogueRecorded'],
  decidedAt: ['CaseResolved'],
  at: [
    'CaseReclassified',
    'CaseAmended',
    'CaseRejected',
    'CaseGuided',
    'CaseArchived',
    'CaseTransferred',
    'DeadlineExtended',
    'CaseSuspended',
    'CaseResumed',
    'CaseWithdrawn',
    'CaseTerminated',
    'CaseClosed',
  ],
};
/** What is recorded, not done on a date: assignments, the deadline watcher, corrections, PIN reissues. */
const UNDATED: readonly CaseEventType[] = [
  'HandlerAssigned',
  'HandlerUnassigned',
  'DeadlineMissed',
  'DeadlineCorrected',
  'DeadlineStarted',
  'LookupPinReissued',
];
const EXPECTED = Object.fromEntries([
  ...Object.entries(DATED_BY).flatMap(([field, types]) => types.map((type) => [type, field])),
  ...UNDATED.map((type) => [type, null]),
]) as Record<CaseEventType, string | null>;

/** Data holding every date field an event might carry, each with its own date. */
const EVERY_DATE_FIELD: Record<string, string> = {
  receivedAt: '2026-03-02',
  classifiedAt: '2026-03-03',
  acceptedAt: '2026-03-04',
  heldAt: '2026-03-05',
  decidedAt: '2026-03-06',
  at: '2026-03-09',
  effectiveOn: '2026-03-10',
  dueOn: '2026-03-11',
  startOn: '2026-03-12',
  detectedOn: '2026-03-13',
  noticeOn: '2026-03-16',
  previousDueOn: '2026-03-17',
};

describe('CASE_BUSINESS_DATE', () => {
  it('names a field, or none, for every case event type', () => {
    expect(Object.keys(CASE_BUSINESS_DATE).sort()).toEqual([...CASE_EVENT_TYPES].sort());
    expect(CASE_BUSINESS_DATE).toEqual(EXPECTED);
  });

  it.each(CASE_EVENT_TYPES.map((type) => [type, EXPECTED[type]] as const))(
    '%s is dated by %s, whatever else its data holds',
    (type, field) =>
      expect(caseBusinessDate(type, EVERY_DATE_FIELD)).toBe(field === null ? null : EVERY_DATE_FIELD[field]),
  );

  it('a dialogue is dated when it was held, not by its notice', () =>
    expect(caseBusinessDate('DialogueRecorded', { heldAt: '2026-07-20', noticeOn: '2026-07-10' })).toBe(
      '2026-07-20',
    ));

  it('a move for a unit merger is dated by its at (the merger effectiveOn)', () =>
    expect(caseBusinessDate('CaseTransferred', { at: '2026-07-01', kind: 'unit_merger' })).toBe(
      '2026-07-01',
    ));

  it('a missed deadline, a correction of the calendar and a migration XLD carry none', () => {
    expect(caseBusinessDate('DeadlineMissed', { dueOn: '2026-04-03', detectedOn: '2026-04-09' })).toBeNull();
    expect(
      caseBusinessDate('DeadlineCorrected', { dueOn: '2026-04-03', previousDueOn: '2026-04-02' }),
    ).toBeNull();
    expect(caseBusinessDate('DeadlineStarted', { deadline: { startOn: '2026-04-01' } })).toBeNull();
  });

  it('null when the field is missing or not a string, and for a type that is not a case event', () => {
    expect(caseBusinessDate('CaseAccepted', { at: '2026-03-09' })).toBeNull();
    expect(caseBusinessDate('CaseClosed', { at: 20260309 })).toBeNull();
    expect(caseBusinessDate('ReceptionSessionHeld', { heldOn: '2026-03-09', at: '2026-03-09' })).toBeNull();
    expect(caseBusinessDate('toString', { at: '2026-03-09' })).toBeNull();
  });
});

describe('decide judges the late-entry mark from the same business date', () => {
  const events = recorded([
    [register({ receivedAt: '2026-07-01' }), '2026-07-01'],
    [classify({ at: '2026-07-01' }), '2026-07-01'],
    [reclassify({ at: '2026-07-03' }), '2026-12-01'],
    [amend({ at: '2026-07-03', subject: 'Đất' }), '2026-12-01'],
    [archive({ at: '2026-07-03' }), '2026-12-01'],
  ]);
  const of = (type: CaseEventType) => events.find((e) => e.type === type)!;

  it('a back-dated reclassification or amendment is dated by its at, and is never a late entry (a correction)', () => {
    for (const type of ['CaseReclassified', 'CaseAmended'] as const) {
      expect(caseBusinessDate(type, of(type).data)).toBe('2026-07-03');
      expect(of(type).data).not.toHaveProperty('lateEntry');
    }
  });

  it('a back-dated archive is dated by its at and is a late entry', () => {
    expect(caseBusinessDate('CaseArchived', of('CaseArchived').data)).toBe('2026-07-03');
    expect(of('CaseArchived').data).toMatchObject({ lateEntry: true });
  });
});
