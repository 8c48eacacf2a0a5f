import { CreateReadModels1760000002000 } from '../migrations/1760000002000-create-read-models.js';
import { caseSummariesProjection } from '../case-summaries/case-summaries.projection.js';
import { deadlinesProjection } from '../deadlines/deadlines.projection.js';
import { unitsProjection } from '../units/units.projection.js';
import { receptionSessionsProjection } from '../reception-sessions/reception-sessions.projection.js';
import { dialoguesProjection } from '../dialogues/dialogues.projection.js';
import { CreateReceptionReadModels1760000003000 } from '../migrations/1760000003000-create-reception-read-models.js';
import { inspectionsProjection } from '../inspections/inspections.projection.js';
import { CreateInspectionReadModels1760000004000 } from '../inspections/1760000004000-create-inspection-read-models.js';
import { CreateProjectionLeases1760000006000 } from '../migrations/1760000006000-create-projection-leases.js';
import { AddOverdueBoardIndexes1760000007100 } from '../deadlines/1760000007100-add-overdue-board-indexes.js';
import { CreateProjectionParked1760000008120 } from '../migrations/1760000008120-create-projection-parked.js';
import { CreateStatisticsReadModel1760000015000 } from '../statistics/1760000015000-create-statistics-read-model.js';
import { statisticsProjection } from '../statistics/statistics.projection.js';
import { AddStatisticsReportIndexes1760000019530 } from '../statistics/1760000019530-add-statistics-report-indexes.js';
import { AddCaseSearchIndex1760000017000 } from '../case-summaries/1760000017000-add-case-search-index.js';
import { FasterSearchFold1760000019400 } from '../case-summaries/1760000019400-faster-search-fold.js';
import { AddDeadlineAccountabilityColumns1760000016000 } from '../deadlines/1760000016000-add-deadline-accountability-columns.js';
import { AddTrackingCodeIndex1760000016100 } from '../case-summaries/1760000016100-add-tracking-code-index.js';
import { DropDenunciationLetters1760000018200 } from '../case-summaries/1760000018200-drop-denunciation-letters.js';
import { AddReceptionSessionRecordColumns1760000019300 } from '../reception-sessions/1760000019300-add-reception-session-record-columns.js';
import { AddUnitFromAndDelegations1760000019310 } from '../units/1760000019310-add-unit-from-and-delegations.js';
import { AddOpenDeadlineCounts1760000019520 } from '../deadlines/1760000019520-add-open-deadline-counts.js';
import { AddClosedBoardIndex1760000019540 } from '../deadlines/1760000019540-add-closed-board-index.js';
import type { ProjectionDefinition } from '../runner/projection.js';

export { caseSummariesProjection, deadlinesProjection, unitsProjection };
export { dialoguesProjection, receptionSessionsProjection };
export { inspectionsProjection };
export { statisticsProjection };

/** Every projection the worker runs, in the order it applies them. */
export const ALL_PROJECTIONS: ProjectionDefinition[] = [
  unitsProjection,
  caseSummariesProjection,
  deadlinesProjection,
  receptionSessionsProjection,
  dialoguesProjection,
  inspectionsProjection,
  statisticsProjection,
];

export const READ_MODEL_MIGRATIONS = [
  CreateReadModels1760000002000,
  CreateReceptionReadModels1760000003000,
  CreateInspectionReadModels1760000004000,
  CreateProjectionLeases1760000006000,
  AddOverdueBoardIndexes1760000007100,
  CreateProjectionParked1760000008120,
  CreateStatisticsReadModel1760000015000,
  AddDeadlineAccountabilityColumns1760000016000,
  AddTrackingCodeIndex1760000016100,
  AddCaseSearchIndex1760000017000,
  DropDenunciationLetters1760000018200,
  AddReceptionSessionRecordColumns1760000019300,
  AddUnitFromAndDelegations1760000019310,
  FasterSearchFold1760000019400,
  AddOpenDeadlineCounts1760000019520,
  AddStatisticsReportIndexes1760000019530,
  AddClosedBoardIndex1760000019540,
];
