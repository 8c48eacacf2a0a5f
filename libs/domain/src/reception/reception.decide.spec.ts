import { describe, expect, it } from '@jest/globals';
import { createTestCalendar } from '../calendar/testing/calendar-years.fixture.js';
import { createRuleBook } from '../rules/rule-book.js';
import type { DecideContext } from '../shared/decide-context.js';
import { DomainError, type DomainErrorCode } from '../shared/domain-error.js';
import { DeciderSpecification } from '../testing/decider-spec.js';
import type {
  HoldReceptionSession,
  ReceptionCommand,
  ScheduleReceptionSession,
} from './reception.commands.js';
import { decideReception } from './reception.decide.js';
import { receptionStreamId, type ReceptionEvent } from './reception.events.js';
import {
  evolveReception,
  foldReception,
  initialReceptionState,
  type ReceptionState,
} from './reception.state.js';

const calendar = createTestCalendar();
const rules = createRuleBook();
const ctx = (today = '2026-06-30'): DecideContext => ({
  now: `${today}T03:00:00.000Z`,
  today,
  calendar,
  rules,
});

/** given events / when command / then events or error: the one DeciderSpecification of libs/domain. */
const specOn = (today = '2026-06-30') =>
  DeciderSpecification.for<ReceptionCommand, ReceptionEvent, ReceptionState>({
    decide: (command, state) => decideReception(command, state, ctx(today)),
    evolve: evolveReception,
    initialState: initialReceptionState,
  });
const spec = specOn();

const scheduledData: ScheduleReceptionSession['data'] = {
  sessionId: 's1',
  unitId: 'xa-a',
  hostPersonId: 'chair',
  date: '2026-06-25',
  kind: 'periodic',
  mode: 'in_person',
};
const scheduled: ReceptionEvent = { type: 'ReceptionSessionScheduled', data: scheduledData };
const hold = (data: Partial<HoldReceptionSession['data']> = {}): ReceptionCommand => ({
  type: 'HoldReceptionSession',
  data: {
    heldOn: '2026-06-25',
    hostPersonId: 'chair',
    citizensReceived: 4,
    caseIds: ['c1', 'c2'],
    headOnDate: { personId: 'chair' },
    ...data,
  },
});
const held: ReceptionEvent = {
  type: 'ReceptionSessionHeld',
  data: {
    heldOn: '2026-06-25',
    hostPersonId: 'chair',
    citizensReceived: 4,
    caseIds: [],
    heldByHead: true,
    headPersonId: 'chair',
  },
};
const cancelled: ReceptionEvent = { type: 'ReceptionSessionCancelled', data: { reason: 'bão' } };

describe('reception session stream', () => {
  it('builds stream ids in one place', () => expect(receptionStreamId('s1')).toBe('reception-s1'));

  describe('ScheduleReceptionSession', () => {
    const schedule = (data: Partial<typeof scheduledData> = {}): ReceptionCommand => ({
      type: 'ScheduleReceptionSession',
      data: { ...scheduledData, ...data },
    });

    it('schedules a session in the future', () =>
      spec
        .given([])
        .when(schedule({ date: '2026-12-15', mode: 'online' }))
        .then([
          {
            type: 'ReceptionSessionScheduled',
            data: { ...scheduledData, date: '2026-12-15', mode: 'online' },
          },
        ]));

    it('refuses to schedule the same session twice', () =>
      spec.given([scheduled]).when(schedule()).thenThrows('ILLEGAL_TRANSITION'));

    it.each([
      [{ date: '2026-13-01' }, 'date'],
      [{ kind: 'weekly' as never }, 'kind'],
      [{ mode: 'phone' as never }, 'mode'],
      [{ unitId: '' }, 'unitId'],
      [{ hostPersonId: ' ' }, 'hostPersonId'],
    ])('rejects %j', (data, path) =>
      spec.given([]).when(schedule(data)).thenThrows('VALIDATION_FAILED', path),
    );
  });

  describe('HoldReceptionSession', () => {
    it('records a session held by the head in office on that day', () =>
      spec
        .given([scheduled])
        .when(hold())
        .then([
          {
            type: 'ReceptionSessionHeld',
            data: {
              heldOn: '2026-06-25',
              hostPersonId: 'chair',
              citizensReceived: 4,
              caseIds: ['c1', 'c2'],
              heldByHead: true,
              headPersonId: 'chair',
            },
          },
        ]));

    it('records a session hosted by someone else as not the head’s', () =>
      expect(
        spec
          .given([scheduled])
          .when(hold({ hostPersonId: 'deputy' }))
          .events()[0],
      ).toMatchObject({
        data: { hostPersonId: 'deputy', heldByHead: false, headPersonId: 'chair' },
      }));

    it('records a session of a unit with no head as not the head’s', () =>
      expect(
        spec
          .given([scheduled])
          .when(hold({ headOnDate: null, caseIds: undefined }))
          .events()[0],
      ).toMatchObject({
        data: { heldByHead: false, headPersonId: null, caseIds: [] },
      }));

    it('accepts a session held today with nobody received', () =>
      expect(
        spec
          .given([scheduled])
          .when(hold({ heldOn: '2026-06-30', citizensReceived: 0 }))
          .events()[0],
      ).toMatchObject({
        data: { heldOn: '2026-06-30', citizensReceived: 0 },
      }));

    it.each([
      [{ heldOn: '2026-07-01' }, 'heldOn'],
      [{ heldOn: 'yesterday' }, 'heldOn'],
      [{ citizensReceived: -1 }, 'citizensReceived'],
      [{ citizensReceived: 1.5 }, 'citizensReceived'],
      [{ caseIds: ['c1', ''] }, 'caseIds[1]'],
    ])('rejects %j', (data, path) =>
      spec.given([scheduled]).when(hold(data)).thenThrows('VALIDATION_FAILED', path),
    );

    it('refuses to hold a session that does not exist', () =>
      spec.given([]).when(hold()).thenThrows('NOT_FOUND'));
    it('refuses to hold a held session', () =>
      spec.given([scheduled, held]).when(hold()).thenThrows('ILLEGAL_TRANSITION'));
    it('refuses to hold a cancelled session', () =>
      spec.given([scheduled, cancelled]).when(hold()).thenThrows('ILLEGAL_TRANSITION'));
  });

  describe('CancelReceptionSession', () => {
    const cancel: ReceptionCommand = { type: 'CancelReceptionSession', data: { reason: 'bão số 3' } };

    it('cancels a scheduled session', () =>
      spec
        .given([scheduled])
        .when(cancel)
        .then([{ type: 'ReceptionSessionCancelled', data: { reason: 'bão số 3' } }]));
    it('refuses to cancel a held session', () =>
      spec.given([scheduled, held]).when(cancel).thenThrows('ILLEGAL_TRANSITION'));
    it('refuses to cancel twice', () =>
      spec.given([scheduled, cancelled]).when(cancel).thenThrows('ILLEGAL_TRANSITION'));
    it('requires a reason', () =>
      spec
        .given([scheduled])
        .when({ type: 'CancelReceptionSession', data: { reason: '' } })
        .thenThrows('VALIDATION_FAILED', 'reason'));
  });

  it('folds the session into its state', () => {
    expect(foldReception([scheduled, held])).toEqual({ status: 'held', ...scheduledData, held: held.data });
    expect(foldReception([scheduled, cancelled])).toEqual({
      status: 'cancelled',
      ...scheduledData,
      reason: 'bão',
    });
  });
});

describe('who entered a hold, late holds and corrections (docs/reference/api-contract.md)', () => {
  // The decided events for a context (late entries need the grace in the context).
  const given = (events: ReceptionEvent[]) => ({
    when: (cmd: ReceptionCommand, c: DecideContext = ctx()) => decideReception(cmd, foldReception(events), c),
  });
  function expectError(run: () => unknown, code: DomainErrorCode, path?: string): void {
    let caught: unknown;
    try {
      run();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe(code);
    if (path !== undefined) expect((caught as DomainError).path).toBe(path);
  }
  const lateCtx = (today: string): DecideContext => ({ ...ctx(today), lateEntryGraceDays: 3 });
  const by = (id: string) => ({ recordedBy: { id, name: `Người ${id}` } });

  it('counts a hold as the head’s own only when the head or a delegate entered it', () => {
    const own = given([scheduled]).when(hold(by('chair')))[0]!;
    expect(own.data).toMatchObject({ heldByHead: true, countsAsHeads: true, recordedBy: { id: 'chair' } });
    const other = given([scheduled]).when(hold(by('another-head')))[0]!;
    expect(other.data).toMatchObject({ heldByHead: true, countsAsHeads: false });
    const delegate = given([scheduled]).when(hold({ ...by('thu-ky'), delegatesOfHead: ['thu-ky'] }))[0]!;
    expect(delegate.data).toMatchObject({ countsAsHeads: true, recordedBy: { id: 'thu-ky' } });
    const deputy = given([scheduled]).when(
      hold({ ...by('deputy'), hostPersonId: 'deputy', delegatesOfHead: ['deputy'] }),
    )[0]!;
    expect(deputy.data).toMatchObject({ heldByHead: false, countsAsHeads: false });
  });

  it('marks a hold entered after the grace as a late entry (it still counts)', () => {
    // held Mon 2026-10-05, entered Mon 2026-12-07: far past 3 working days
    const s: ReceptionEvent = {
      type: 'ReceptionSessionScheduled',
      data: { ...scheduledData, date: '2026-10-05' },
    };
    const late = given([s]).when(hold({ ...by('chair'), heldOn: '2026-10-05' }), lateCtx('2026-12-07'))[0]!;
    expect(late.data).toMatchObject({ countsAsHeads: true, lateEntry: true });
    expect((late.data as { workingDaysLate: number }).workingDaysLate).toBeGreaterThan(3);
    const inTime = given([s]).when(hold({ ...by('chair'), heldOn: '2026-10-05' }), lateCtx('2026-10-08'))[0]!;
    expect(inTime.data).not.toHaveProperty('lateEntry');
  });

  describe('CorrectReceptionHold', () => {
    const heldByChair: ReceptionEvent = {
      type: 'ReceptionSessionHeld',
      data: { ...held.data, countsAsHeads: true, recordedBy: { id: 'chair', name: 'Chủ tịch' } },
    };
    const correct = (
      data: Partial<Extract<ReceptionCommand, { type: 'CorrectReceptionHold' }>['data']> = {},
    ) =>
      ({
        type: 'CorrectReceptionHold',
        data: {
          at: '2026-06-30',
          reason: 'ghi nhầm ngày',
          headOnDate: { personId: 'chair' },
          recordedBy: { id: 'chair', name: 'Chủ tịch' },
          delegatesOfHead: [],
          ...data,
        },
      }) as ReceptionCommand;

    it('corrects the day by an audited event, decided again for the person who records it', () => {
      const [e] = given([scheduled, heldByChair]).when(
        correct({ heldOn: '2026-06-24' }),
        lateCtx('2026-06-30'),
      );
      expect(e).toEqual({
        type: 'ReceptionSessionCorrected',
        data: {
          at: '2026-06-30',
          reason: 'ghi nhầm ngày',
          void: false,
          heldOn: '2026-06-24',
          hostPersonId: 'chair',
          citizensReceived: 4,
          heldByHead: true,
          headPersonId: 'chair',
          countsAsHeads: true,
          recordedBy: { id: 'chair', name: 'Chủ tịch' },
        },
      });
      const s = foldReception([scheduled, heldByChair, e!]);
      expect(s).toMatchObject({ status: 'held', held: { heldOn: '2026-06-24', countsAsHeads: true } });
      const byOther = given([scheduled, heldByChair]).when(
        correct({ citizensReceived: 6, recordedBy: { id: 'x', name: 'X' } }),
      )[0]!;
      expect(byOther.data).toMatchObject({ countsAsHeads: false, citizensReceived: 6 });
    });

    it('voids a hold that did not take place', () => {
      const [e] = given([scheduled, heldByChair]).when(correct({ void: true }));
      expect(e!.data).toMatchObject({ void: true, countsAsHeads: false, heldByHead: false });
      expect(foldReception([scheduled, heldByChair, e!])).toMatchObject({
        status: 'voided',
        reason: 'ghi nhầm ngày',
      });
    });

    it.each([
      [{ reason: '' }, 'reason'],
      [{ at: '2026-07-01' }, 'at'],
      [{ heldOn: '2026-07-01' }, 'heldOn'],
      [{ citizensReceived: -1 }, 'citizensReceived'],
      [{}, 'heldOn'],
    ])('rejects %j', (data, path) =>
      expectError(() => given([scheduled, heldByChair]).when(correct(data)), 'VALIDATION_FAILED', path),
    );

    it('corrects only a held session', () => {
      expectError(() => given([scheduled]).when(correct({ heldOn: '2026-06-24' })), 'ILLEGAL_TRANSITION');
      expectError(() => given([]).when(correct({ heldOn: '2026-06-24' })), 'NOT_FOUND');
    });
  });
});
