import type { IsoDate } from '../shared/dates.js';
import type { Command } from '../shared/event.js';
import type {
  ArchiveReason,
  CaseChannel,
  CaseField,
  CaseKind,
  CaseStatus,
  DialogueOutcome,
  ProtectedPetitioner,
  ResolutionOutcome,
} from './case.events.js';

export type RegisterCase = Command<
  'RegisterCase',
  {
    caseId: string;
    trackingCode: string;
    receivedAt: IsoDate;
    channel: CaseChannel;
    receivingUnitId: string;
    petitioners: ProtectedPetitioner[];
    /** Defaults to the number of petitioners (at least 1). */
    signerCount?: number;
    subject: string;
    /**
     * The letter's text, sealed by the application under the case's letter key (architecture.md
     * decision 7): the decider never sees it in clear, whatever kind the letter turns out to be.
     */
    sealedContent: string;
    field?: CaseField;
    kindHint?: CaseKind;
    /** The keyed hash of the citizen's lookup PIN (the application draws and hashes it). */
    lookupPinHash?: string;
    /** A letter without a name (petitioners: []); only a reflection or an archive (LTC Art. 25). */
    anonymous?: boolean;
    /** The body that forwarded the letter (deputies, the Fatherland Front, the press…). */
    forwardedBy?: string;
    /** The incoming-registry number (số đến). */
    registryNo?: string;
  }
>;

/** An audited correction of intake data (docs/reference/api-contract.md, Case commands: amend); `petitioners` replaces the whole list. */
export type AmendCase = Command<
  'AmendCase',
  {
    at?: IsoDate;
    reason: string;
    petitioners?: ProtectedPetitioner[];
    signerCount?: number;
    subject?: string;
    /** The corrected letter, sealed as at registration. */
    sealedContent?: string;
    channel?: CaseChannel;
    field?: CaseField;
    forwardedBy?: string;
    registryNo?: string;
  }
>;

/**
 * What the application read of the level-1 case a level-2 complaint names (`previousCaseId`), so that
 * the decider can apply the level-2 guard (docs/reference/api-contract.md, Case commands: classify) without I/O.
 */
export interface PreviousCaseFacts {
  kind: CaseKind | null;
  level: 1 | 2 | null;
  status: CaseStatus;
  /** The date of its decision, when it was decided. */
  decidedAt: IsoDate | null;
  /** Its KN-RES1 or KN-RES-KL due date; null when it has none (not accepted). */
  resolutionDueOn: IsoDate | null;
  /** True while that resolution deadline is paused (suspended). */
  resolutionPaused: boolean;
}
/** A new lookup PIN for the citizen; the old one stops working. Only its hash reaches the domain. */
export type ReissueLookupPin = Command<'ReissueLookupPin', { lookupPinHash: string }>;

export type ClassifyCase = Command<
  'ClassifyCase',
  {
    /** The business date of the classification (default today). It bounds nothing. */
    at?: IsoDate;
    kind: CaseKind;
    /** Complaints only; defaults to 1. */
    level?: 1 | 2;
    previousCaseId?: string;
    /** Loaded by the application when previousCaseId is given. */
    previousCase?: PreviousCaseFacts;
    competentUnitId: string;
    processable: boolean;
    multiLocation?: boolean;
    /** A complaint against a disciplinary decision (LKN ch. III): KN-RES-KL, mandatory dialogue. */
    disciplinary?: boolean;
    reason?: string;
    /** Computed by the application from the org tree: is competentUnitId the receiving unit or below it? */
    competentWithinReceivingSubtree: boolean;
  }
>;

/** A correction of the classification while the case is `classified` (docs/reference/api-contract.md, Case commands: reclassify). */
export type ReclassifyCase = Command<
  'ReclassifyCase',
  Omit<ClassifyCase['data'], 'at'> & { at: IsoDate; correctionReason: string }
>;

export type AcceptCase = Command<
  'AcceptCase',
  {
    acceptedAt: IsoDate;
    complex?: boolean;
    especiallyComplex?: boolean;
    remoteArea?: boolean;
    decisionNo?: string;
  }
>;

export type RejectCase = Command<'RejectCase', { at: IsoDate; reason: string }>;

export type GuideCase = Command<'GuideCase', { at: IsoDate; agency: string; note?: string }>;

export type ArchiveCase = Command<
  'ArchiveCase',
  { at: IsoDate; reason: ArchiveReason; duplicateOf?: string }
>;

export type TransferCase = Command<'TransferCase', { at: IsoDate; toUnitId: string; reason: string }>;

export type MoveCaseForUnitMerger = Command<
  'MoveCaseForUnitMerger',
  { fromUnitId: string; toUnitId: string; effectiveOn: IsoDate; reason?: string }
>;

export type AssignHandler = Command<
  'AssignHandler',
  {
    handlerId: string;
    /** The assigner is a head of the receiving or competent unit (the application checks it). */
    byHead?: boolean;
  }
>;

export type ExtendDeadline = Command<
  'ExtendDeadline',
  { at: IsoDate; reason: string; days?: number; decisionNo?: string }
>;

export type SuspendCase = Command<'SuspendCase', { at: IsoDate; reason: string }>;

export type ResumeCase = Command<'ResumeCase', { at: IsoDate }>;

export type RecordDialogue = Command<
  'RecordDialogue',
  {
    dialogueId: string;
    heldAt: IsoDate;
    noticeOn?: IsoDate;
    participants: string[];
    minutes: string;
    outcome: DialogueOutcome;
  }
>;

export type ResolveCase = Command<
  'ResolveCase',
  {
    decidedAt: IsoDate;
    decisionNo?: string;
    outcome: ResolutionOutcome;
    summary: string;
    /** Required for a level-1 complaint: false needs a dialogue on or before decidedAt (LKN Art. 30). */
    verificationAgreesWithRequest?: boolean;
  }
>;

export type WithdrawCase = Command<'WithdrawCase', { at: IsoDate; reason?: string }>;

export type TerminateCase = Command<'TerminateCase', { at: IsoDate; reason: string }>;

export type CloseCase = Command<'CloseCase', { at: IsoDate }>;

/** A calendar correction of one open deadline (docs/calendar.md); the caller recomputed the dates. */
export type CorrectDeadline = Command<
  'CorrectDeadline',
  { deadlineNo: number; dueOn: IsoDate; baseDueOn: IsoDate; reason: string; calendarYear: number }
>;

/** The one-off migration: XLD for an unclassified letter registered before XLD existed (docs/reference/deadlines.md §10). */
export type StartMissingXld = Command<'StartMissingXld', { reason: string }>;

export type CaseCommand =
  | RegisterCase
  | ClassifyCase
  | ReclassifyCase
  | AmendCase
  | AcceptCase
  | RejectCase
  | GuideCase
  | ArchiveCase
  | TransferCase
  | MoveCaseForUnitMerger
  | AssignHandler
  | ExtendDeadline
  | SuspendCase
  | ResumeCase
  | RecordDialogue
  | ResolveCase
  | WithdrawCase
  | TerminateCase
  | CloseCase
  | CorrectDeadline
  | StartMissingXld
  | ReissueLookupPin;

export type CaseCommandType = CaseCommand['type'];
