/** The public surface of libs/read-models: other libraries and the apps import it from here, never by a deep path. */
export { CreateReadModels1760000002000 } from './migrations/1760000002000-create-read-models.js';
export { type CaseList, type CaseListFilter, listCases } from './read-models/case-summaries.queries.js';
export { deadlinesProjection } from './read-models/deadlines.projection.js';
export { ALL_PROJECTIONS, READ_MODEL_MIGRATIONS } from './read-models/index.js';
export { statisticsProjection } from './read-models/statistics.projection.js';
export { subtreeCte } from './read-models/unit-scope.sql.js';
export { unitsProjection, unitStateOfRow } from './read-models/units.projection.js';
export { PoisonEvent } from './runner/parking.js';
export {
  DEFAULT_LEASE_RENEW_MS,
  DEFAULT_LEASE_TTL_MS,
  defaultLeaseOwner,
  type LeaseOptions,
} from './runner/projection-leases.js';
export { ProjectionRunner } from './runner/projection-runner.js';
export { type ProjectionDefinition } from './runner/projection.js';
