/** The public surface of libs/application: other libraries and the apps import it from here, never by a deep path. */
export {
  type AccountabilityFilter,
  type AccountabilityItem,
  GetAccountability,
  GetReceptionDuty,
  type ReceptionDutyItem,
} from './accountability/accountability.queries.js';
export { ApplicationModule } from './application.module.js';
export { type CommandMeta } from './bus/messages.js';
export {
  AcceptCase,
  AmendCase,
  ArchiveCase,
  AssignHandler,
  ClassifyCase,
  CloseCase,
  type ExistingCaseCommand,
  ExtendDeadline,
  GuideCase,
  ReclassifyCase,
  RecordDialogue,
  RegisterCase,
  ReissueLookupPin,
  RejectCase,
  ResolveCase,
  ResumeCase,
  SuspendCase,
  TerminateCase,
  TransferCase,
  WithdrawCase,
} from './cases/case.commands.js';
export { lettersOpenedForReadModels, sealLetter } from './cases/case.letter.js';
export {
  ExportCaseRecord,
  ExportCases,
  GetCase,
  GetCaseDialogues,
  GetCaseDisclosures,
  GetCaseHistory,
  GetCasePaper,
  ListCases,
  LookUpPublicCase,
} from './cases/case.queries.js';
export type { PublicCaseView } from './cases/case.results.js';
export { GetAuditHistory, VerifyAuditStream } from './audit/audit.queries.js';
export { CaseService } from './cases/case.service.js';
export { IdempotencyService } from './common/idempotency.service.js';
export { fail, problem, type Problem, type ProblemCode, ProblemError } from './common/problem.js';
export { findBreak, rawStreamEvents, unitsNamedIn } from './common/stream-history.js';
export {
  type BoardFilter,
  ExportOverdueDeadlines,
  ListLateEntries,
  ListOverdueDeadlines,
  ListUnclassifiedLetters,
  ListUpcomingDeadlines,
  type UnclassifiedLetter,
} from './deadlines/deadline.queries.js';
export { DEMO_OFFICIALS } from './demo/demo-officials.js';
export { seedDemo, shouldSeedDemo } from './demo/seed-demo.js';
export { DiscloseIdentities } from './disclosure/disclosure.commands.js';
export { disclosureStreamId } from './disclosure/disclosure.js';
export { ErasePerson } from './erasure/erasure.commands.js';
export { CASE_RECORD_ADAPTERS } from './exchange/case-record.adapters.js';
export { CaseRecordService } from './exchange/case-record.service.js';
export { foldCaseEvents, loadUnitState } from './folds.js';
export { ImportHistoryMessage } from './import/import.commands.js';
export { type ImportResult } from './import/import.service.js';
export { XLSX_MEDIA_TYPE } from './import/import.table.js';
export {
  CloseInspection,
  ConcludeInspection,
  DecideInspection,
  type InspectionCommandMessage,
  IssueDirective,
  ReportProgress,
  SubmitRemediationPlan,
  WaiveRecommendation,
} from './inspections/inspection.commands.js';
export { moveRecommendationForMerger } from './inspections/inspection.merger.js';
export { InspectionService } from './inspections/inspection.service.js';
export {
  GetFollowUp,
  GetInspection,
  GetInspectionHistory,
  ListInspections,
  type InspectionList,
  type InspectionListItem,
} from './inspections/inspection.queries.js';
export {
  FIELD_VALUES,
  OPEN311_ATTRIBUTES,
  OPEN311_SERVICES,
  serviceByCode,
  SUBJECT_MAX,
} from './open311/open311.catalogue.js';
export { Open311Service } from './open311/open311.service.js';
export { GetOpen311Request, ListApiKeys, ListOpen311Requests } from './open311/open311.queries.js';
export { PaperService } from './papers/paper.service.js';
export { isPaperKind, PAPER_KINDS, type PaperKind } from './papers/papers.js';
export {
  calendarDiff,
  type CalendarDiffRow,
  recordCalendarCorrections,
} from './processes/calendar-correction.js';
export { runDeadlineWatch } from './processes/deadline-watcher.js';
export { ProcessHealth, type ProcessStatus } from './processes/process-health.js';
export { UnitMergerProcess } from './processes/unit-merger.process.js';
export { createRunner, startWorker } from './processes/worker.js';
export { runXldMigration } from './processes/xld-migration.js';
export {
  CancelSession,
  CorrectSession,
  HoldSession,
  ScheduleSession,
} from './reception/reception.commands.js';
export { ReceptionService } from './reception/reception.service.js';
export { GetSession, GetSessionHistory, ListSessions } from './reception/reception.queries.js';
export { type Runtime, RUNTIME } from './runtime.tokens.js';
export { statisticsCsv, statisticsXlsx, XLSX_TYPE } from './statistics/statistics.export.js';
export { GetStatistics, GetStatisticsCases, type StatisticsFilter } from './statistics/statistics.queries.js';
export {
  type FigureCase,
  parseFigure,
  type StatisticsReport,
  StatisticsReports,
  type StatisticsRequest,
} from './statistics/statistics.report.js';
export { UnitDirectory } from './units/unit-directory.service.js';
export {
  AppointHead,
  CancelUnitMerger,
  CreateUnit,
  EndDelegation,
  MergeUnit,
  NameDelegate,
  RenameUnit,
  type UnitCommandMessage,
} from './units/unit.commands.js';
export { GetUnit, ListUnits } from './units/unit.queries.js';
