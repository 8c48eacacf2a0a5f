import type { IsoDate } from '../shared/dates.js';
import type { Command } from '../shared/event.js';
import type {
  ArchiveReason,
  CaseChannel,
  CaseField,
  CaseKind,
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
    content: string;
    field?: CaseField;
    kindHint?: CaseKind;
  }
>;

export type ClassifyCase = Command<
  'ClassifyCase',
  {
    kind: CaseKind;
    /** Complaints only; defaults to 1. */
    level?: 1 | 2;
    previousCaseId?: string;
    competentUnitId: string;
    processable: boolean;
    multiLocation?: boolean;
    reason?: string;
    /** Computed by the application from the org tree: is competentUnitId the receiving unit or below it? */
    competentWithinReceivingSubtree: boolean;
  }
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

export type AssignHandler = Command<'AssignHandler', { handlerId: string }>;

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
  { decidedAt: IsoDate; decisionNo?: string; outcome: ResolutionOutcome; summary: string }
>;

export type WithdrawCase = Command<'WithdrawCase', { at: IsoDate; reason?: string }>;

export type TerminateCase = Command<'TerminateCase', { at: IsoDate; reason: string }>;

export type CloseCase = Command<'CloseCase', { at: IsoDate }>;

export type CaseCommand =
  | RegisterCase
  | ClassifyCase
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
  | CloseCase;

export type CaseCommandType = CaseCommand['type'];
