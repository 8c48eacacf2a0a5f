/** Test fixtures for the case decider specs (not exported from index.ts). */
import { createBusinessCalendar } from '../calendar/business-calendar.js';
import { SHIPPED_CALENDAR_YEARS } from '../calendar/testing/calendar-years.fixture.js';
import { createRuleBook } from '../rules/rule-book.js';
import type { DecideContext } from '../shared/decide-context.js';
import { addDays, type IsoDate } from '../shared/dates.js';
import { DeciderSpecification } from './decider-spec.js';
import type {
  AcceptCase,
  AmendCase,
  ArchiveCase,
  CaseCommand,
  ClassifyCase,
  RecordDialogue,
  ReclassifyCase,
  RegisterCase,
  ResolveCase,
} from '../case/case.commands.js';
import { decide } from '../case/case.decide.js';
import type { CaseEvent } from '../case/case.events.js';
import type { CaseState, ExistingCase } from '../case/case.state.js';
import { evolve, foldCase, initialCaseState } from '../case/case.state.js';

/** The shipped holiday data (data/calendar/*.json, mirrored by the calendar fixture) and the real rule book. */
export const calendar = createBusinessCalendar(SHIPPED_CALENDAR_YEARS);
export const rules = createRuleBook();

export const TODAY: IsoDate = '2026-12-31';
export const CASE_ID = '0190f1a2-0000-7000-8000-000000000001';

export const ctxOn = (today: IsoDate = TODAY): DecideContext => ({
  now: `${today}T03:00:00.000Z`,
  today,
  calendar,
  rules,
});

export const specOn = (today: IsoDate = TODAY) =>
  DeciderSpecification.for<CaseCommand, CaseEvent, CaseState>({
    decide: (command, state) => decide(command, state, ctxOn(today)),
    evolve,
    initialState: initialCaseState,
  });

export const spec = specOn();

/** Decides the commands one after another (each against the events so far) and returns all events. */
export function history(commands: CaseCommand[], today: IsoDate = TODAY): CaseEvent[] {
  const events: CaseEvent[] = [];
  for (const command of commands) events.push(...decide(command, foldCase(events), ctxOn(today)));
  return events;
}

/**
 * Each step: the command and the day it is recorded (Vietnam), decided against the events so far with
 * LATE_ENTRY_GRACE_DAYS = 3 (back-dating: late entries, accountability).
 */
export function recorded(steps: [CaseCommand, IsoDate][]): CaseEvent[] {
  const events: CaseEvent[] = [];
  for (const [command, today] of steps)
    events.push(
      ...decide(command, foldCase(events), {
        now: `${today}T03:00:00.000Z`,
        today,
        calendar,
        rules,
        lateEntryGraceDays: 3,
      }),
    );
  return events;
}

export function stateOf(events: CaseEvent[]): ExistingCase {
  const state = foldCase(events);
  if (!state.exists) throw new Error('no case');
  return state;
}

export const register = (data: Partial<RegisterCase['data']> = {}): RegisterCase => ({
  type: 'RegisterCase',
  data: {
    caseId: CASE_ID,
    trackingCode: 'DT-2026-000001',
    receivedAt: '2026-07-01',
    channel: 'in_person',
    receivingUnitId: 'unit-province',
    petitioners: [{ personRef: 'p-1', sealed: 'enc:v1:AAAA', representative: false }],
    subject: 'Land recovery decision',
    sealedContent: 'The complainant disputes the land recovery decision.',
    ...data,
  },
});

export const classify = (data: Partial<ClassifyCase['data']> = {}): ClassifyCase => ({
  type: 'ClassifyCase',
  data: {
    kind: 'complaint',
    competentUnitId: 'unit-province',
    processable: true,
    competentWithinReceivingSubtree: true,
    ...data,
  },
});

export const accept = (data: Partial<AcceptCase['data']> = {}): AcceptCase => ({
  type: 'AcceptCase',
  data: { acceptedAt: '2026-07-08', ...data },
});

export const archive = (data: Partial<ArchiveCase['data']> = {}): ArchiveCase => ({
  type: 'ArchiveCase',
  data: { at: '2026-07-03', reason: 'illegible', ...data },
});

export const amend = (data: Partial<AmendCase['data']>): AmendCase => ({
  type: 'AmendCase',
  data: { reason: 'nhập sai khi tiếp nhận', ...data },
});

export const reclassify = (data: Partial<ReclassifyCase['data']> = {}): ReclassifyCase => ({
  type: 'ReclassifyCase',
  data: {
    at: '2026-07-03',
    correctionReason: 'phân loại nhầm',
    kind: 'petition',
    competentUnitId: 'unit-province',
    processable: true,
    competentWithinReceivingSubtree: true,
    ...data,
  },
});

/**
 * A dialogue; from 2026-07-01 (KN-DLG) its notice defaults to 7 days before it unless the spec gives
 * `noticeOn` (an explicit `noticeOn: undefined` leaves it out).
 */
export const dialogue = (data: Partial<RecordDialogue['data']> = {}): RecordDialogue => {
  const heldAt = data.heldAt ?? '2026-07-20';
  const notice = 'noticeOn' in data || heldAt < '2026-07-01' ? {} : { noticeOn: addDays(heldAt, -7) };
  return {
    type: 'RecordDialogue',
    data: {
      dialogueId: 'dlg-1',
      heldAt,
      participants: ['handler-1', 'p-1'],
      minutes: 'Minutes of the dialogue.',
      outcome: 'disagreed',
      ...notice,
      ...data,
    },
  };
};

export const resolveCase = (data: Partial<ResolveCase['data']> = {}): ResolveCase => ({
  type: 'ResolveCase',
  data: {
    decidedAt: '2026-08-05',
    outcome: 'rejected',
    summary: 'The decision was lawful.',
    verificationAgreesWithRequest: true,
    ...data,
  },
});

/** Shortcuts for common histories. */
export const receivedComplaint = (data: Partial<RegisterCase['data']> = {}) => history([register(data)]);
export const acceptedComplaint = (level: 1 | 2 = 1, acceptData: Partial<AcceptCase['data']> = {}) =>
  history([register(), classify({ level }), accept(acceptData)]);
export const acceptedDenunciation = (acceptData: Partial<AcceptCase['data']> = {}) =>
  history([register(), classify({ kind: 'denunciation' }), accept(acceptData)]);
export const acceptedPetition = () => history([register(), classify({ kind: 'petition' }), accept()]);

/**
 * The case's deadlines in the order they started. XLD (letter processing, from registration) is left
 * out unless `xld` is true: most specs are about the kind's own deadlines.
 */
export const deadlinesOf = (events: CaseEvent[], { xld = false }: { xld?: boolean } = {}) =>
  stateOf(events)
    .deadlines.filter((d) => xld || d.deadline.ruleId !== 'XLD')
    .map((d) => ({
      ruleId: d.deadline.ruleId,
      startOn: d.deadline.startOn,
      dueOn: d.deadline.dueOn,
      status: d.status,
    }));
