/** The public surface of libs/read-models: other libraries and the apps import it from here, never by a deep path. */
export { CreateReadModels1760000002000 } from './migrations/1760000002000-create-read-models.js';
export { type CaseList, type CaseListFilter, listCases } from './case-summaries/case-summaries.queries.js';
export {
  type LateEntriesRequest,
  type LateEntry,
  lateEntries,
} from './case-summaries/late-entries.queries.js';
export {
  type UnclassifiedLetterRow,
  unclassifiedLetters,
} from './case-summaries/unclassified-letters.queries.js';
export {
  type AccountableDeadlineRow,
  accountableDeadlines,
} from './deadlines/accountable-deadlines.queries.js';
export { deadlinesProjection } from './deadlines/deadlines.projection.js';
export {
  type BoardPage,
  type DeadlineBoardRequest,
  type HeadRef,
  type OverdueDeadline,
  overdueDeadlines,
  type UnitScope,
  unitHeadsResolver,
  unitScopeSql,
  type UpcomingDeadline,
  upcomingDeadlines,
} from './deadlines/deadlines.queries.js';
export { ALL_PROJECTIONS, READ_MODEL_MIGRATIONS } from './read-models/index.js';
export { dialoguesHeld } from './dialogues/dialogues-held.queries.js';
export { type HeldDay, receptionDaysHeld } from './reception-sessions/held-days.queries.js';
export { statisticsProjection } from './statistics/statistics.projection.js';
export {
  type ActRollup,
  actRollups,
  CHANNELS,
  FIELDS,
  type FigureCase,
  figureCases,
  type FigureCasesRequest,
  type OpenRollup,
  openRollups,
  type PeriodRollups,
  type ReceptionRollup,
  receptionRollups,
  statisticsUnits,
  type UnitNode,
} from './statistics/statistics.queries.js';
export { type DbRow, type SqlRunner, versionFilter } from './read-models/sql.js';
export { subtreeCte } from './units/unit-scope.sql.js';
export { unitsProjection, unitStateOfRow } from './units/units.projection.js';
export { currentUnits } from './units/units.queries.js';
export { unitsAsRecorded } from './units/units-as-recorded.queries.js';
export {
  listReceptionSessions,
  type ReceptionSessionFilter,
  type ReceptionSessionRow,
} from './reception-sessions/reception-sessions.queries.js';
export {
  listInspections,
  openRecommendations,
  reportsForUnit,
  scheduleOfRow,
  type InspectionListFilter,
  type InspectionListRow,
  type OpenRecommendationsFilter,
  type RecommendationRow,
  type ReportsForUnitQuery,
} from './inspections/inspections.queries.js';
export { PoisonEvent } from './runner/parking.js';
export {
  DEFAULT_LEASE_RENEW_MS,
  DEFAULT_LEASE_TTL_MS,
  defaultLeaseOwner,
  type LeaseOptions,
} from './runner/projection-leases.js';
export { ProjectionRunner } from './runner/projection-runner.js';
export { type ProjectionDefinition } from './runner/projection.js';
