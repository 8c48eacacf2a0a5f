import type { Deadline, RuleId } from '../rules/rule.types.js';
import type { IsoDate } from '../shared/dates.js';
import type { Event } from '../shared/event.js';
import type { AccountabilityDates, LateEntryMark } from './late-entry.js';

/** An event of an act with a business date: it says when it was entered late (docs/reference/deadlines.md §9). */
type Act<T extends string, D> = Event<T, D & LateEntryMark>;

export type CaseKind = 'complaint' | 'denunciation' | 'petition' | 'reflection';
export type ComplaintLevel = 1 | 2;

export type CaseStatus =
  | 'received'
  | 'classified'
  | 'accepted'
  | 'rejected'
  | 'guided'
  | 'archived'
  | 'suspended'
  | 'resolved'
  | 'closed'
  | 'withdrawn'
  | 'terminated';

export type CaseChannel = 'in_person' | 'post' | 'online' | 'hotline' | 'forwarded' | 'reception_session';

export type CaseField =
  'land' | 'compensation' | 'site_clearance' | 'housing' | 'policy' | 'justice' | 'corruption' | 'other';

export type ArchiveReason =
  'anonymous' | 'duplicate' | 'not_processable' | 'time_barred' | 'illegible' | 'already_resolved';

export type DialogueOutcome = 'agreed' | 'partially_agreed' | 'disagreed' | 'absent';

export type ComplaintOutcome = 'upheld' | 'partially_upheld' | 'rejected';
export type DenunciationOutcome = 'true' | 'partly_true' | 'untrue';
export type PetitionOutcome = 'answered';
export type ResolutionOutcome = ComplaintOutcome | DenunciationOutcome | PetitionOutcome;

export type TransferKind = 'ordinary' | 'unit_merger';

/** A petitioner as the domain sees it: the identity is sealed (encrypted) by the application. */
export interface ProtectedPetitioner {
  /** Opaque reference to the person (e.g. a keyed hash), never a name. */
  personRef: string;
  /** The encrypted identity. */
  sealed: string;
  representative: boolean;
}

/**
 * A tracked deadline as started on a case. `deadlineNo` numbers the deadlines of one case 1, 2, 3… in
 * the order they were started, so (caseId, deadlineNo) identifies one deadline even when two share a
 * rule and a start date (e.g. a same-day transfer).
 */
export interface CaseDeadline extends Deadline, AccountabilityDates {
  deadlineNo: number;
}

/** What happened to a tracked deadline. `paused`/`resumed` belong to suspension; the rest are final. */
export type DeadlineOutcome = 'met' | 'missed' | 'cancelled' | 'paused' | 'resumed';

/**
 * One deadline touched by an event, spelled out so that projections need no rule knowledge.
 * `on` is the date of the completing/cancelling act; `dueOn` the deadline's due date after the event
 * (for `resumed`, the new one).
 */
export interface DeadlineOutcomeEntry {
  deadlineNo: number;
  ruleId: RuleId;
  startOn: IsoDate;
  dueOn: IsoDate;
  outcome: DeadlineOutcome;
  on: IsoDate;
  /**
   * True when the completion takes the deadline out of accountability (`accountability: null`): an XLD
   * completed by a classification that starts the kind's intake rule, which measures the same period.
   */
  leavesAccountability?: boolean;
  /**
   * The accountability outcome decided by this act over what was recorded by the deadline's graceUntil
   * (docs/reference/deadlines.md §8–9): `met`, `missed`, or null (out of accountability: cancelled in time). Absent on
   * pauses and resumptions and on events recorded before late entries existed.
   */
  accountability?: 'met' | 'missed' | null;
  /** The act that completed, ended, paused or resumed it was a late entry. */
  lateEntry?: true;
  /** A pause recorded by graceUntil also pauses accountability; a later one pauses only the legal deadline. */
  accountabilityPaused?: boolean;
}

/** A date computed for information only (never missed), e.g. KN-SEND1, TC-PUB. */
export interface InformationalDate {
  ruleId: RuleId;
  ruleVersion: IsoDate;
  startOn: IsoDate;
  dueOn: IsoDate;
  provisional: boolean;
}

export interface HeadOfUnit {
  personId: string;
  fullName: string;
}

export type CaseReceived = Act<
  'CaseReceived',
  {
    caseId: string;
    trackingCode: string;
    receivedAt: IsoDate;
    channel: CaseChannel;
    receivingUnitId: string;
    petitioners: ProtectedPetitioner[];
    signerCount: number;
    subject: string;
    /**
     * The letter's text in clear: only in events recorded before letters were sealed. Readers take
     * `sealedContent` when it is there, else this.
     */
    content?: string;
    /** The letter's text sealed under the case's letter key (`letter-<caseId>` in the vault). */
    sealedContent?: string;
    field?: CaseField;
    kindHint?: CaseKind;
    /**
     * XLD (letter processing) from receipt; null when the letter is untracked or XLD waits for
     * calendar data (docs/reference/deadlines.md §10). Absent on cases registered before XLD existed.
     */
    xldDeadline?: CaseDeadline | null;
    /** XLD needs a year without calendar data: computed by the worker once it is loaded. */
    xldPendingCalendar?: boolean;
    /** Received before the earliest calendar year or the first version of XLD: no deadline is tracked. */
    untracked?: boolean;
    /** The hash of the citizen's lookup PIN (never the PIN); absent on cases registered before PINs. */
    lookupPinHash?: string;
    /** A letter without a name (LTC Art. 25). */
    anonymous?: boolean;
    forwardedBy?: string;
    registryNo?: string;
  }
>;

/**
 * An audited correction of intake data. Only the fields corrected are present (`changed` names them);
 * the corrected values apply from registration. Never a late entry.
 */
export type CaseAmended = Event<
  'CaseAmended',
  {
    caseId: string;
    at: IsoDate;
    reason: string;
    changed: string[];
    petitioners?: ProtectedPetitioner[];
    signerCount?: number;
    subject?: string;
    /** Clear text: only in amendments recorded before letters were sealed. */
    content?: string;
    /** The corrected letter, sealed under the case's letter key. */
    sealedContent?: string;
    channel?: CaseChannel;
    field?: CaseField;
    forwardedBy?: string;
    registryNo?: string;
    /** False when petitioners were added to an anonymous letter. */
    anonymous?: boolean;
  }
>;

export type CaseClassified = Act<
  'CaseClassified',
  {
    caseId: string;
    kind: CaseKind;
    /** 1 or 2 for complaints, null otherwise. */
    level: ComplaintLevel | null;
    previousCaseId?: string;
    competentUnitId: string;
    processable: boolean;
    multiLocation: boolean;
    /** A complaint against a disciplinary decision (absent = false). */
    disciplinary?: boolean;
    /** For denunciations: the competent unit lies within the receiving unit's subtree (TC-PRE) or not (TC-XFER). */
    competentWithinReceivingSubtree: boolean;
    reason?: string;
    /** The business date of the classification (today when decided). */
    classifiedAt: IsoDate;
    /** KN-ACC, TC-PRE, TC-XFER or TCD-ANS, started on the intake start date. */
    intakeDeadline: CaseDeadline | null;
    /** The open XLD completed as of classifiedAt (absent on events recorded before XLD existed). */
    deadlineOutcomes?: DeadlineOutcomeEntry[];
    dates: InformationalDate[];
  }
>;

/**
 * A corrected classification (only while `classified`): the old intake deadline is ended as of `at`
 * (cancelled, or missed if already past due) and the new one starts from the same intake start.
 */
export type CaseReclassified = Event<
  'CaseReclassified',
  Omit<CaseClassified['data'], 'classifiedAt'> & {
    at: IsoDate;
    correctionReason: string;
    deadlineOutcomes: DeadlineOutcomeEntry[];
  }
>;

export type CaseAccepted = Act<
  'CaseAccepted',
  {
    caseId: string;
    acceptedAt: IsoDate;
    complex: boolean;
    especiallyComplex: boolean;
    remoteArea: boolean;
    decisionNo?: string;
    /** KN-RES1, KN-RES2 or TC-RES; null for petitions and reflections. */
    resolutionDeadline: CaseDeadline | null;
    /** The intake deadline completed (met or missed). */
    deadlineOutcomes: DeadlineOutcomeEntry[];
    dates: InformationalDate[];
  }
>;

export type CaseRejected = Act<
  'CaseRejected',
  { caseId: string; at: IsoDate; reason: string; deadlineOutcomes: DeadlineOutcomeEntry[] }
>;

export type CaseGuided = Act<
  'CaseGuided',
  { caseId: string; at: IsoDate; agency: string; note?: string; deadlineOutcomes: DeadlineOutcomeEntry[] }
>;

export type CaseArchived = Act<
  'CaseArchived',
  {
    caseId: string;
    at: IsoDate;
    reason: ArchiveReason;
    duplicateOf?: string;
    deadlineOutcomes: DeadlineOutcomeEntry[];
  }
>;

/**
 * `ordinary`: the case moves to `toUnitId` as received (competent unit cleared), the intake deadline
 * is completed and other open deadlines are cancelled (all listed in deadlineOutcomes).
 * `unit_merger`: only the units change; deadlineOutcomes is empty. `receivingUnitId` and
 * `competentUnitId` are the case's units after the move.
 */
export type CaseTransferred = Act<
  'CaseTransferred',
  {
    caseId: string;
    at: IsoDate;
    fromUnitId: string;
    toUnitId: string;
    reason: string;
    kind: TransferKind;
    receivingUnitId: string;
    competentUnitId: string | null;
    deadlineOutcomes: DeadlineOutcomeEntry[];
    /** Ordinary transfer: the receiving unit's XLD from the transfer date (null when untracked or pending). */
    xldDeadline?: CaseDeadline | null;
    xldPendingCalendar?: boolean;
  }
>;

export type HandlerAssigned = Event<
  'HandlerAssigned',
  {
    caseId: string;
    handlerId: string;
    /**
     * The assigner was a head of the receiving or competent unit (the application knows; docs/reference/api-contract.md
     * assign). Absent on assignments recorded before it was kept: taken as false.
     */
    byHead?: boolean;
  }
>;

/**
 * The handler leaves the case: classifying or reclassifying it as a denunciation removes a handler
 * who was not assigned by a head of the receiving or competent unit (docs/reference/api-contract.md assign), since only such
 * a head may give a denunciation — and with it the denunciator's identity — to a handler.
 */
export type HandlerUnassigned = Event<
  'HandlerUnassigned',
  { caseId: string; handlerId: string; reason: 'denunciation_needs_head_assignment' }
>;

export type DeadlineExtended = Act<
  'DeadlineExtended',
  {
    caseId: string;
    at: IsoDate;
    reason: string;
    days: number;
    decisionNo?: string;
    ruleId: RuleId;
    /** The extended deadline (same deadlineNo and startOn, new baseDueOn/dueOn). */
    deadline: CaseDeadline;
    previousDueOn: IsoDate;
    /** 1 for the first extension, 2 for the second. */
    extensionNo: number;
  }
>;

export type CaseSuspended = Act<
  'CaseSuspended',
  {
    caseId: string;
    at: IsoDate;
    reason: string;
    deadlineOutcomes: DeadlineOutcomeEntry[];
    /** KN-SUSP or TC-SUSP: send the decision (informational). */
    dates?: InformationalDate[];
  }
>;

export type CaseResumed = Act<
  'CaseResumed',
  {
    caseId: string;
    at: IsoDate;
    /** The resumed resolution deadline with its moved due date; null if none was paused. */
    deadline: CaseDeadline | null;
    deadlineOutcomes: DeadlineOutcomeEntry[];
    /** KN-SUSP: send the continuation decision (informational). */
    dates?: InformationalDate[];
  }
>;

export type DialogueRecorded = Act<
  'DialogueRecorded',
  {
    caseId: string;
    dialogueId: string;
    heldAt: IsoDate;
    noticeOn?: IsoDate;
    participants: string[];
    minutes: string;
    outcome: DialogueOutcome;
  }
>;

export type CaseResolved = Act<
  'CaseResolved',
  {
    caseId: string;
    decidedAt: IsoDate;
    decisionNo?: string;
    outcome: ResolutionOutcome;
    summary: string;
    /** Level-1 complaints: whether the verification result agreed with the request. */
    verificationAgreesWithRequest?: boolean;
    deadlineOutcomes: DeadlineOutcomeEntry[];
    dates: InformationalDate[];
  }
>;

export type CaseWithdrawn = Act<
  'CaseWithdrawn',
  { caseId: string; at: IsoDate; reason?: string; deadlineOutcomes: DeadlineOutcomeEntry[] }
>;

export type CaseTerminated = Act<
  'CaseTerminated',
  {
    caseId: string;
    at: IsoDate;
    reason: string;
    deadlineOutcomes: DeadlineOutcomeEntry[];
    /** KN-TERM30 and KN-SUSP (complaints) or TC-SUSP (denunciations), informational. */
    dates?: InformationalDate[];
  }
>;

export type CaseClosed = Act<'CaseClosed', { caseId: string; at: IsoDate }>;

export type DeadlineMissed = Event<
  'DeadlineMissed',
  {
    caseId: string;
    deadlineNo: number;
    ruleId: RuleId;
    startOn: IsoDate;
    dueOn: IsoDate;
    unitId: string;
    headOfUnit: HeadOfUnit | null;
    detectedOn: IsoDate;
  }
>;

/**
 * A calendar correction (docs/calendar.md): an open deadline's due date recomputed over corrected
 * holiday data, with the rule it was computed by and the reason. Stored deadlines are never rewritten
 * silently; this event is the record of the change.
 */
export type DeadlineCorrected = Event<
  'DeadlineCorrected',
  {
    caseId: string;
    deadlineNo: number;
    ruleId: RuleId;
    ruleVersion: IsoDate;
    previousDueOn: IsoDate;
    dueOn: IsoDate;
    baseDueOn: IsoDate;
    reason: string;
    /** The calendar year whose data changed. */
    calendarYear: number;
    /** Moved with the due date while the deadline's accountability is undecided (docs/reference/deadlines.md §9). */
    graceUntil?: IsoDate;
    accountabilityDueOn?: IsoDate;
  }
>;

/**
 * A tracked deadline started by a migration rather than by an act (docs/reference/deadlines.md §10:
 * XLD for letters registered before XLD existed), with the migration's reason. `accountable` is false
 * when its grace had already passed when it was recorded: it then stays out of accountability.
 */
export type DeadlineStarted = Event<
  'DeadlineStarted',
  { caseId: string; deadline: CaseDeadline; unitId: string; reason: string; accountable: boolean }
>;

/** A new lookup PIN was issued; the history shows the reissue, never the PIN. */
export type LookupPinReissued = Event<'LookupPinReissued', { caseId: string; lookupPinHash: string }>;

export type CaseEvent =
  | CaseReceived
  | CaseClassified
  | CaseReclassified
  | CaseAmended
  | CaseAccepted
  | CaseRejected
  | CaseGuided
  | CaseArchived
  | CaseTransferred
  | HandlerAssigned
  | HandlerUnassigned
  | DeadlineExtended
  | CaseSuspended
  | CaseResumed
  | DialogueRecorded
  | CaseResolved
  | CaseWithdrawn
  | CaseTerminated
  | CaseClosed
  | DeadlineMissed
  | DeadlineCorrected
  | DeadlineStarted
  | LookupPinReissued;

export type CaseEventType = CaseEvent['type'];

/** Every persisted case event type, for projections that subscribe by name. */
export const CASE_EVENT_TYPES: readonly CaseEventType[] = [
  'CaseReceived',
  'CaseClassified',
  'CaseReclassified',
  'CaseAmended',
  'CaseAccepted',
  'CaseRejected',
  'CaseGuided',
  'CaseArchived',
  'CaseTransferred',
  'HandlerAssigned',
  'HandlerUnassigned',
  'DeadlineExtended',
  'CaseSuspended',
  'CaseResumed',
  'DialogueRecorded',
  'CaseResolved',
  'CaseWithdrawn',
  'CaseTerminated',
  'CaseClosed',
  'DeadlineMissed',
  'DeadlineCorrected',
  'DeadlineStarted',
  'LookupPinReissued',
];

export const caseStreamId = (caseId: string): string => `case-${caseId}`;

/**
 * The business date of each case act: the field of its data that dates it (docs/reference/api-contract.md
 * "Business date of each act"; docs/reference/deadlines.md §9), null for what carries none — an
 * assignment, a missed deadline the watcher records, a calendar correction, a migration's deadline, a
 * PIN reissue. The one table the history, the case record and `/late-entries` read; decide judges the
 * late-entry mark from it too, except for the corrections that are never late entries
 * (`NEVER_LATE_ENTRIES` in case.decide.ts). A reclassification and an amendment are dated by their
 * `at`, a move for a unit merger by its `at` (the merger's `effectiveOn`).
 */
export const CASE_BUSINESS_DATE: Readonly<Record<CaseEventType, string | null>> = {
  CaseReceived: 'receivedAt',
  CaseClassified: 'classifiedAt',
  CaseReclassified: 'at',
  CaseAmended: 'at',
  CaseAccepted: 'acceptedAt',
  CaseRejected: 'at',
  CaseGuided: 'at',
  CaseArchived: 'at',
  CaseTransferred: 'at',
  HandlerAssigned: null,
  HandlerUnassigned: null,
  DeadlineExtended: 'at',
  CaseSuspended: 'at',
  CaseResumed: 'at',
  DialogueRecorded: 'heldAt',
  CaseResolved: 'decidedAt',
  CaseWithdrawn: 'at',
  CaseTerminated: 'at',
  CaseClosed: 'at',
  DeadlineMissed: null,
  DeadlineCorrected: null,
  DeadlineStarted: null,
  LookupPinReissued: null,
};

const isCaseEventType = (type: string): type is CaseEventType => Object.hasOwn(CASE_BUSINESS_DATE, type);

/**
 * The business date of a case event as stored (its type and data): the date in its
 * `CASE_BUSINESS_DATE` field; null for a type that carries none, for a type that is not a case
 * event, and when the field is missing.
 */
export function caseBusinessDate(type: string, data: object): IsoDate | null {
  if (!isCaseEventType(type)) return null;
  const field = CASE_BUSINESS_DATE[type];
  if (field === null) return null;
  const value = (data as Readonly<Record<string, unknown>>)[field];
  return typeof value === 'string' ? value : null;
}
