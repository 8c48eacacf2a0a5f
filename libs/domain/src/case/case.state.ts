import type { RuleId } from '../rules/rule.types.js';
import type { IsoDate } from '../shared/dates.js';
import { maxDate } from '../shared/dates.js';
import { assertNever } from '../shared/event.js';
import type {
  CaseChannel,
  CaseDeadline,
  CaseEvent,
  CaseField,
  CaseKind,
  CaseStatus,
  ComplaintLevel,
  DeadlineOutcomeEntry,
  DialogueOutcome,
  InformationalDate,
  ResolutionOutcome,
} from './case.events.js';

export type DeadlineStatus = 'open' | 'met' | 'missed' | 'cancelled' | 'paused';

export interface TrackedDeadlineState {
  deadline: CaseDeadline;
  /** Always true here: only tracked rules become deadlines; informational ones go to `dates`. */
  tracked: boolean;
  status: DeadlineStatus;
  /** Date of the completing or cancelling act, when there was one. */
  completedOn?: IsoDate;
  /** A DeadlineMissed event has been recorded for it. */
  missRecorded: boolean;
  /** Completed in a way that takes it out of accountability (an XLD completed by classification). */
  leftAccountability?: boolean;
  /** The accountability outcome once decided (docs/reference/deadlines.md §8–9); undefined while undecided. */
  accountability?: 'met' | 'missed' | null;
  /** Set by a pause: whether it was recorded in time to pause accountability too. */
  accountabilityPaused?: boolean;
  /** The act that completed or ended it was a late entry. */
  lateEntry?: boolean;
}

export interface DialogueState {
  dialogueId: string;
  heldAt: IsoDate;
  noticeOn?: IsoDate;
  outcome: DialogueOutcome;
}

export interface CaseFacts {
  complex: boolean;
  especiallyComplex: boolean;
  remoteArea: boolean;
  multiLocation: boolean;
}

export interface NoCase {
  exists: false;
  version: 0;
}

export interface ExistingCase {
  exists: true;
  caseId: string;
  trackingCode: string;
  status: CaseStatus;
  channel: CaseChannel;
  subject: string;
  field: CaseField | null;
  kindHint: CaseKind | null;
  kind: CaseKind | null;
  level: ComplaintLevel | null;
  /** A complaint against a disciplinary decision (KN-RES-KL, mandatory dialogue). */
  disciplinary: boolean;
  previousCaseId: string | null;
  processable: boolean | null;
  competentWithinReceivingSubtree: boolean | null;
  receivingUnitId: string;
  competentUnitId: string | null;
  handlerId: string | null;
  /** The handler was assigned by a head of the receiving or competent unit. */
  handlerByHead: boolean;
  receivedAt: IsoDate;
  /** Start of the intake deadline: receivedAt, or the date of the last ordinary transfer. */
  intakeStartOn: IsoDate;
  classifiedAt: IsoDate | null;
  acceptedAt: IsoDate | null;
  facts: CaseFacts;
  signerCount: number;
  hasRepresentative: boolean;
  /** Petitioners marked as representatives (LTCD Art. 29: 1–2 for 5–10 signers, at most 5). */
  representativeCount: number;
  dialogues: DialogueState[];
  extensionCount: number;
  suspendedOn: IsoDate | null;
  lastResumedOn: IsoDate | null;
  decidedAt: IsoDate | null;
  outcome: ResolutionOutcome | null;
  /** Date of the act that settled the case (resolve, reject, guide, archive). */
  settledOn: IsoDate | null;
  /** Date of withdrawal, termination or closing. */
  endedOn: IsoDate | null;
  deadlines: TrackedDeadlineState[];
  dates: InformationalDate[];
  /** Received before the earliest calendar data or XLD's first version: no deadline is tracked (docs/reference/deadlines.md §10). */
  untracked: boolean;
  /** XLD waits for calendar data (docs/reference/deadlines.md §10). */
  xldPendingCalendar: boolean;
  /** A letter without a name (LTC Art. 25): only a reflection or an archive. */
  anonymous: boolean;
  /** Number of events folded; the case's first event has version 1. */
  version: number;
  /** The latest business date among the acts recorded. */
  lastActionOn: IsoDate;
  /** The hash of the citizen's current lookup PIN; null when none was issued. */
  lookupPinHash: string | null;
}

export type CaseState = NoCase | ExistingCase;

export const initialCaseState = (): CaseState => ({ exists: false, version: 0 });

/** The intake deadlines: XLD (letter processing) and the kind's intake rule. */
export const INTAKE_RULES: readonly RuleId[] = ['XLD', 'KN-ACC', 'TC-PRE', 'TC-XFER', 'TCD-ANS'];
export const RESOLUTION_RULES: readonly RuleId[] = ['KN-RES1', 'KN-RES2', 'KN-RES-KL', 'TC-RES'];

/** Not yet completed or cancelled (open, paused, or missed by the watcher but still awaiting its act). */
export const isPending = (d: TrackedDeadlineState): boolean =>
  d.status === 'open' || d.status === 'paused' || (d.status === 'missed' && d.completedOn === undefined);

export const nextDeadlineNo = (s: ExistingCase): number =>
  s.deadlines.reduce((n, d) => Math.max(n, d.deadline.deadlineNo), 0) + 1;

const track = (deadline: CaseDeadline): TrackedDeadlineState => ({
  deadline,
  tracked: true,
  status: 'open',
  missRecorded: false,
});

function applyOutcomes(
  deadlines: TrackedDeadlineState[],
  entries: DeadlineOutcomeEntry[],
): TrackedDeadlineState[] {
  return deadlines.map((d) => {
    const entry = entries.find((e) => e.deadlineNo === d.deadline.deadlineNo);
    if (!entry) return d;
    switch (entry.outcome) {
      case 'met':
      case 'missed':
      case 'cancelled':
        return {
          ...d,
          status: entry.outcome,
          completedOn: entry.on,
          ...(entry.leavesAccountability ? { leftAccountability: true, accountability: null } : {}),
          ...(entry.accountability !== undefined && d.accountability === undefined
            ? { accountability: entry.accountability }
            : {}),
          ...(entry.lateEntry ? { lateEntry: true } : {}),
        };
      case 'paused':
        return {
          ...d,
          status: 'paused',
          ...(entry.accountabilityPaused !== undefined
            ? { accountabilityPaused: entry.accountabilityPaused }
            : {}),
        };
      case 'resumed':
        return {
          ...d,
          status: 'open',
          accountabilityPaused: undefined,
          ...(entry.accountability !== undefined && d.accountability === undefined
            ? { accountability: entry.accountability }
            : {}),
        };
      default:
        return assertNever(entry.outcome, 'deadline outcome');
    }
  });
}

const replaceDeadline = (deadlines: TrackedDeadlineState[], deadline: CaseDeadline): TrackedDeadlineState[] =>
  deadlines.map((d) => (d.deadline.deadlineNo === deadline.deadlineNo ? { ...d, deadline } : d));

function existing(state: CaseState, type: string): ExistingCase {
  if (!state.exists) throw new Error(`${type} applied to a case stream without CaseReceived`);
  return state;
}

/** Folds one event. Pure: never reads a clock and never recomputes a deadline. */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseReceived') {
    const d = event.data;
    return {
      exists: true,
      caseId: d.caseId,
      trackingCode: d.trackingCode,
      status: 'received',
      channel: d.channel,
      subject: d.subject,
      field: d.field ?? null,
      kindHint: d.kindHint ?? null,
      kind: null,
      level: null,
      disciplinary: false,
      previousCaseId: null,
      processable: null,
      competentWithinReceivingSubtree: null,
      receivingUnitId: d.receivingUnitId,
      competentUnitId: null,
      handlerId: null,
      handlerByHead: false,
      receivedAt: d.receivedAt,
      intakeStartOn: d.receivedAt,
      classifiedAt: null,
      acceptedAt: null,
      facts: { complex: false, especiallyComplex: false, remoteArea: false, multiLocation: false },
      signerCount: d.signerCount,
      hasRepresentative: d.petitioners.some((p) => p.representative),
      representativeCount: d.petitioners.filter((p) => p.representative).length,
      dialogues: [],
      extensionCount: 0,
      suspendedOn: null,
      lastResumedOn: null,
      decidedAt: null,
      outcome: null,
      settledOn: null,
      endedOn: null,
      deadlines: d.xldDeadline ? [track(d.xldDeadline)] : [],
      dates: [],
      untracked: d.untracked ?? false,
      xldPendingCalendar: d.xldPendingCalendar ?? false,
      anonymous: d.anonymous ?? false,
      version: 1,
      lastActionOn: d.receivedAt,
      lookupPinHash: d.lookupPinHash ?? null,
    };
  }
  const s = existing(state, event.type);
  const base = { ...s, version: s.version + 1 };
  const acted = (on: IsoDate) => maxDate(s.lastActionOn, on);
  switch (event.type) {
    case 'CaseAmended': {
      const d = event.data;
      const next: ExistingCase = { ...base };
      if (d.subject !== undefined) next.subject = d.subject;
      if (d.channel !== undefined) next.channel = d.channel;
      if (d.field !== undefined) next.field = d.field;
      if (d.signerCount !== undefined) next.signerCount = d.signerCount;
      if (d.petitioners !== undefined) {
        next.hasRepresentative = d.petitioners.some((p) => p.representative);
        next.representativeCount = d.petitioners.filter((p) => p.representative).length;
      }
      if (d.anonymous !== undefined) next.anonymous = d.anonymous;
      return next;
    }
    case 'CaseReclassified': {
      const d = event.data;
      const settled = applyOutcomes(s.deadlines, d.deadlineOutcomes);
      return {
        ...base,
        kind: d.kind,
        level: d.level,
        disciplinary: d.disciplinary ?? false,
        previousCaseId: d.previousCaseId ?? null,
        competentUnitId: d.competentUnitId,
        processable: d.processable,
        competentWithinReceivingSubtree: d.competentWithinReceivingSubtree,
        facts: { ...s.facts, multiLocation: d.multiLocation },
        deadlines: d.intakeDeadline ? [...settled, track(d.intakeDeadline)] : settled,
        dates: [...s.dates, ...d.dates],
        lastActionOn: acted(d.at),
      };
    }
    case 'CaseClassified': {
      const d = event.data;
      return {
        ...base,
        status: 'classified',
        kind: d.kind,
        level: d.level,
        disciplinary: d.disciplinary ?? false,
        previousCaseId: d.previousCaseId ?? null,
        competentUnitId: d.competentUnitId,
        processable: d.processable,
        competentWithinReceivingSubtree: d.competentWithinReceivingSubtree,
        classifiedAt: d.classifiedAt,
        facts: { ...s.facts, multiLocation: d.multiLocation },
        xldPendingCalendar: false,
        deadlines: ((settled) => (d.intakeDeadline ? [...settled, track(d.intakeDeadline)] : settled))(
          applyOutcomes(s.deadlines, d.deadlineOutcomes ?? []),
        ),
        dates: [...s.dates, ...d.dates],
        lastActionOn: acted(d.classifiedAt),
      };
    }
    case 'CaseAccepted': {
      const d = event.data;
      const deadlines = applyOutcomes(s.deadlines, d.deadlineOutcomes);
      return {
        ...base,
        status: 'accepted',
        acceptedAt: d.acceptedAt,
        facts: {
          ...s.facts,
          complex: d.complex,
          especiallyComplex: d.especiallyComplex,
          remoteArea: d.remoteArea,
        },
        deadlines: d.resolutionDeadline ? [...deadlines, track(d.resolutionDeadline)] : deadlines,
        dates: [...s.dates, ...d.dates],
        lastActionOn: acted(d.acceptedAt),
      };
    }
    case 'CaseRejected':
    case 'CaseGuided':
    case 'CaseArchived': {
      const status =
        event.type === 'CaseRejected' ? 'rejected' : event.type === 'CaseGuided' ? 'guided' : 'archived';
      return {
        ...base,
        status,
        settledOn: event.data.at,
        deadlines: applyOutcomes(s.deadlines, event.data.deadlineOutcomes),
        lastActionOn: acted(event.data.at),
      };
    }
    case 'CaseTransferred': {
      const d = event.data;
      if (d.kind === 'unit_merger') {
        return { ...base, receivingUnitId: d.receivingUnitId, competentUnitId: d.competentUnitId };
      }
      return {
        ...base,
        status: 'received',
        receivingUnitId: d.receivingUnitId,
        competentUnitId: d.competentUnitId,
        kind: null,
        level: null,
        disciplinary: false,
        processable: null,
        competentWithinReceivingSubtree: null,
        classifiedAt: null,
        acceptedAt: null,
        suspendedOn: null,
        lastResumedOn: null,
        extensionCount: 0,
        intakeStartOn: d.at,
        deadlines: ((settled) => (d.xldDeadline ? [...settled, track(d.xldDeadline)] : settled))(
          applyOutcomes(s.deadlines, d.deadlineOutcomes),
        ),
        xldPendingCalendar: d.xldPendingCalendar ?? false,
        lastActionOn: acted(d.at),
      };
    }
    case 'HandlerAssigned':
      return { ...base, handlerId: event.data.handlerId, handlerByHead: event.data.byHead === true };
    case 'HandlerUnassigned':
      return { ...base, handlerId: null, handlerByHead: false };
    case 'DeadlineExtended':
      return {
        ...base,
        extensionCount: event.data.extensionNo,
        deadlines: replaceDeadline(s.deadlines, event.data.deadline),
        lastActionOn: acted(event.data.at),
      };
    case 'CaseSuspended':
      return {
        ...base,
        status: 'suspended',
        suspendedOn: event.data.at,
        deadlines: applyOutcomes(s.deadlines, event.data.deadlineOutcomes),
        dates: [...s.dates, ...(event.data.dates ?? [])],
        lastActionOn: acted(event.data.at),
      };
    case 'CaseResumed': {
      const d = event.data;
      const moved = d.deadline ? replaceDeadline(s.deadlines, d.deadline) : s.deadlines;
      return {
        ...base,
        status: 'accepted',
        suspendedOn: null,
        lastResumedOn: d.at,
        deadlines: applyOutcomes(moved, d.deadlineOutcomes),
        dates: [...s.dates, ...(d.dates ?? [])],
        lastActionOn: acted(d.at),
      };
    }
    case 'DialogueRecorded': {
      const d = event.data;
      const dialogue: DialogueState = { dialogueId: d.dialogueId, heldAt: d.heldAt, outcome: d.outcome };
      if (d.noticeOn !== undefined) dialogue.noticeOn = d.noticeOn;
      return { ...base, dialogues: [...s.dialogues, dialogue], lastActionOn: acted(d.heldAt) };
    }
    case 'CaseResolved': {
      const d = event.data;
      return {
        ...base,
        status: 'resolved',
        decidedAt: d.decidedAt,
        outcome: d.outcome,
        settledOn: d.decidedAt,
        deadlines: applyOutcomes(s.deadlines, d.deadlineOutcomes),
        dates: [...s.dates, ...d.dates],
        lastActionOn: acted(d.decidedAt),
      };
    }
    case 'CaseWithdrawn':
    case 'CaseTerminated':
      return {
        ...base,
        status: event.type === 'CaseWithdrawn' ? 'withdrawn' : 'terminated',
        endedOn: event.data.at,
        deadlines: applyOutcomes(s.deadlines, event.data.deadlineOutcomes),
        dates: [...s.dates, ...(event.type === 'CaseTerminated' ? (event.data.dates ?? []) : [])],
        lastActionOn: acted(event.data.at),
      };
    case 'CaseClosed':
      return { ...base, status: 'closed', endedOn: event.data.at, lastActionOn: acted(event.data.at) };
    case 'LookupPinReissued':
      return { ...base, lookupPinHash: event.data.lookupPinHash };
    case 'DeadlineCorrected': {
      const c = event.data;
      return {
        ...base,
        deadlines: s.deadlines.map((d) =>
          d.deadline.deadlineNo === c.deadlineNo
            ? {
                ...d,
                deadline: {
                  ...d.deadline,
                  dueOn: c.dueOn,
                  baseDueOn: c.baseDueOn,
                  ...(c.graceUntil !== undefined ? { graceUntil: c.graceUntil } : {}),
                  ...(c.accountabilityDueOn !== undefined
                    ? { accountabilityDueOn: c.accountabilityDueOn }
                    : {}),
                },
              }
            : d,
        ),
      };
    }
    case 'DeadlineStarted':
      return {
        ...base,
        deadlines: [
          ...s.deadlines,
          {
            deadline: event.data.deadline,
            tracked: true,
            status: 'open',
            missRecorded: false,
            ...(event.data.accountable ? {} : { leftAccountability: true, accountability: null }),
          },
        ],
      };
    case 'DeadlineMissed':
      return {
        ...base,
        deadlines: s.deadlines.map((d) =>
          d.deadline.deadlineNo === event.data.deadlineNo
            ? {
                ...d,
                missRecorded: true,
                status: d.status === 'open' ? 'missed' : d.status,
                accountability: d.accountability ?? 'missed',
              }
            : d,
        ),
      };
    default:
      return assertNever(event, 'case event');
  }
}

/** Folds a whole stream. */
export const foldCase = (events: readonly CaseEvent[]): CaseState =>
  events.reduce(evolve, initialCaseState());
