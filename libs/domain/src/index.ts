/** The public surface of libs/domain: other libraries and the apps import it from here, never by a deep path. */
export { termWindow } from './accountability/accountability.errors.js';
export { type DutyPeriod, dutyPeriodFor, receptionDuty } from './accountability/reception-duty.js';
export { createBusinessCalendar, validateCalendarYear } from './calendar/business-calendar.js';
export { type BusinessCalendar, type CalendarYear } from './calendar/calendar.types.js';
export {
  type ArchiveReason,
  CASE_BUSINESS_DATE,
  CASE_EVENT_TYPES,
  caseBusinessDate,
  type CaseChannel,
  type CaseDeadline,
  type CaseEvent,
  type CaseField,
  type CaseKind,
  type CaseStatus,
  type DeadlineOutcomeEntry,
  type DialogueOutcome,
  type ResolutionOutcome,
} from './case/case.events.js';
export { type DeadlineStatus, RESOLUTION_RULES } from './case/case.state.js';
export {
  type CaseCommand,
  type CaseState,
  caseStreamId,
  type DeadlineMissed,
  decide,
  decideMissedDeadlines,
  evolve,
  type ExistingCase,
  initialCaseState,
  isPending,
  missedEventId,
  type PreviousCaseFacts,
  type ProtectedPetitioner,
  toCaseView,
  completionsRecordedAt,
  toPublicCaseFacts,
} from './case/index.js';
export {
  decideInspection,
  evolveInspection,
  foldInspection,
  followUp,
  INSPECTION_KINDS,
  type InspectionCommand,
  type InspectionKind,
  type InspectionState,
  inspectionStreamId,
  type RecommendationState,
  REPORT_CADENCES,
  type ReportCadence,
  reportDatesOf,
  reportsDueBetween,
  type ScheduledRecommendation,
} from './inspection/index.js';
export {
  type ConcludedRecommendation,
  INSPECTION_BUSINESS_DATE,
  INSPECTION_EVENT_TYPES,
  type InspectionEvent,
} from './inspection/inspection.events.js';
export { type ReceptionCommand } from './reception/reception.commands.js';
export { decideReception } from './reception/reception.decide.js';
export {
  RECEPTION_EVENT_TYPES,
  RECEPTION_KINDS,
  RECEPTION_MODES,
  type ReceptionEvent,
  type ReceptionKind,
  type ReceptionMode,
  receptionStreamId,
} from './reception/reception.events.js';
export {
  countsAsHeadsOf,
  evolveReception,
  foldReception,
  type ReceptionState,
} from './reception/reception.state.js';
export { createRuleBook } from './rules/rule-book.js';
export { isRuleId, RULE_IDS, ruleCategoryOf, ruleVersionFor, ruleVersionsOf } from './rules/rule-table.js';
export {
  type Deadline,
  type DeadlineFacts,
  type RuleBook,
  type RuleCategory,
  type RuleId,
  type RuleOverride,
} from './rules/rule.types.js';
export { type Actor } from './shared/actor.js';
export {
  addDays,
  businessDateProblem,
  dayOfWeek,
  daysBetween,
  isIsoDate,
  type IsoDate,
  minDate,
  vietnamDateOf,
} from './shared/dates.js';
export { type DecideContext } from './shared/decide-context.js';
export { DomainError } from './shared/domain-error.js';
export { assertNever } from './shared/event.js';
export {
  customPeriod,
  previousPeriod,
  type ReportingPeriod,
  resolvePeriod,
  yearEarlierPeriod,
} from './statistics/reporting-period.js';
export { type MoveRecommendationStep, planUnitMerger } from './unit/unit-merger.plan.js';
export { type UnitCommand } from './unit/unit.commands.js';
export { decideUnit } from './unit/unit.decide.js';
export {
  UNIT_EVENT_TYPES,
  type UnitEvent,
  type UnitLevel,
  type UnitMerged,
  unitStreamId,
} from './unit/unit.events.js';
export { delegatesOn, headOn, isActiveOn, nameOn, termsOverlapping } from './unit/unit.queries.js';
export {
  type Delegation,
  evolveUnit,
  foldUnit,
  type HeadTerm,
  initialUnitState,
  termsOf,
  UNIT_EARLIEST_FROM,
  type UnitName,
  type UnitState,
} from './unit/unit.state.js';
