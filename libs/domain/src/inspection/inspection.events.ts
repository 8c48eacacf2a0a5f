import type { Deadline } from '../rules/rule.types.js';
import type { IsoDate } from '../shared/dates.js';
import type { Event } from '../shared/event.js';
import type { LateEntryMark } from '../case/late-entry.js';
import type { ReportCadence } from './report-schedule.js';

export type InspectionKind = 'inspection' | 'check' | 'survey';

export const INSPECTION_KINDS: readonly InspectionKind[] = ['inspection', 'check', 'survey'];

/** A recommendation (kiến nghị) as the conclusion sets it. */
export interface ConcludedRecommendation {
  recommendationId: string;
  text: string;
  ownerUnitId: string;
  /** Remediation target (may lie in the future); null when none was set. */
  dueOn: IsoDate | null;
  /** Reports every 3, 6 or 12 months from the conclusion; exclusive with `reportDates`. */
  reportEvery: ReportCadence | null;
  /** A custom list of report dates, ascending, after the conclusion; exclusive with `reportEvery`. */
  reportDates: IsoDate[] | null;
}

export type InspectionDecided = Event<
  'InspectionDecided',
  {
    inspectionId: string;
    title: string;
    kind: InspectionKind;
    leadUnitId: string;
    inspectedUnitId: string;
    decidedOn: IsoDate;
  } & LateEntryMark
>;

/** Optional: a conclusion straight after the decision implies the fieldwork. */
export type FieldworkStarted = Event<'FieldworkStarted', { startedOn: IsoDate } & LateEntryMark>;

/** `directiveDeadline`: rule TT-DIRECT from `concludedOn`, computed once in decide and kept. */
export type InspectionConcluded = Event<
  'InspectionConcluded',
  {
    concludedOn: IsoDate;
    summary: string;
    recommendations: ConcludedRecommendation[];
    directiveDeadline: Deadline;
  } & LateEntryMark
>;

/** The head's implementation directive; `outcome` compares `issuedOn` with the TT-DIRECT due date. */
export type DirectiveIssued = Event<
  'DirectiveIssued',
  { issuedOn: IsoDate; dueOn: IsoDate; outcome: 'met' | 'missed' } & LateEntryMark
>;

export type RemediationPlanSubmitted = Event<
  'RemediationPlanSubmitted',
  { recommendationId: string; submittedOn: IsoDate; actions: string[] } & LateEntryMark
>;

/** A progress report; `done: true` completes the recommendation on `reportedOn`. */
export type ProgressReported = Event<
  'ProgressReported',
  { recommendationId: string; reportedOn: IsoDate; progress: string; done: boolean } & LateEntryMark
>;

export type RecommendationWaived = Event<
  'RecommendationWaived',
  { recommendationId: string; at: IsoDate; reason: string } & LateEntryMark
>;

/** A unit merger hands the recommendation to the successor; due date, schedule and history stay. */
export type RecommendationMoved = Event<
  'RecommendationMoved',
  { recommendationId: string; fromUnitId: string; toUnitId: string; effectiveOn: IsoDate }
>;

export type InspectionClosed = Event<'InspectionClosed', { closedOn: IsoDate } & LateEntryMark>;

export type InspectionEvent =
  | InspectionDecided
  | FieldworkStarted
  | InspectionConcluded
  | DirectiveIssued
  | RemediationPlanSubmitted
  | ProgressReported
  | RecommendationWaived
  | RecommendationMoved
  | InspectionClosed;

export const INSPECTION_EVENT_TYPES: readonly InspectionEvent['type'][] = [
  'InspectionDecided',
  'FieldworkStarted',
  'InspectionConcluded',
  'DirectiveIssued',
  'RemediationPlanSubmitted',
  'ProgressReported',
  'RecommendationWaived',
  'RecommendationMoved',
  'InspectionClosed',
];

/** The one place inspection stream ids are built. */
export const inspectionStreamId = (inspectionId: string): string => `inspection-${inspectionId}`;

/**
 * The business date of each inspection act: the field of its data that dates it (docs/reference/api-contract.md
 * "Business date of each act"); its late-entry mark is judged from it.
 */
export const INSPECTION_BUSINESS_DATE: Readonly<Record<InspectionEvent['type'], string>> = {
  InspectionDecided: 'decidedOn',
  FieldworkStarted: 'startedOn',
  InspectionConcluded: 'concludedOn',
  DirectiveIssued: 'issuedOn',
  RemediationPlanSubmitted: 'submittedOn',
  ProgressReported: 'reportedOn',
  RecommendationWaived: 'at',
  RecommendationMoved: 'effectiveOn',
  InspectionClosed: 'closedOn',
};
