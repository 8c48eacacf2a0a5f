import { describe, expect, it } from '@jest/globals';
import { createTestCalendar } from '../calendar/testing/calendar-years.fixture.js';
import { createRuleBook } from '../rules/rule-book.js';
import type { DecideContext } from '../shared/decide-context.js';
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
