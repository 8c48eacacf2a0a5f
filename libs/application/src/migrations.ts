import { CreateTrackingCodes1760000017120 } from './cases/1760000017120-create-tracking-codes.js';
import { IdempotencyClaimLease1760000008130 } from './common/1760000008130-idempotency-claim-lease.js';
import { CreateImportedCases1760000018100 } from './import/1760000018100-create-imported-cases.js';
import { CreateUnitMergerSchedule1760000019320 } from './processes/1760000019320-create-unit-merger-schedule.js';

/**
 * The tables the application owns (not read models), each migration beside the code that owns its
 * table: Idempotency-Key claims (common/idempotency.service.ts), tracking codes (issued by
 * cases/case.service.ts), imported cases (import/), the unit-merger schedule (processes/). Listed in
 * libs/runtime's ALL_MIGRATIONS; TypeORM runs every migration in the order of its timestamp,
 * whichever list holds it.
 *
 * `idempotency_keys` and `tracking_counters` themselves were created by the first read-model
 * migration (CreateReadModels1760000002000), which stays whole in libs/read-models: a migration that
 * ran is never split or changed.
 *
 * This file imports nothing but the migrations, and is the one file besides index.ts that another
 * library may import (eslint.fences.js): libs/runtime lists it without loading the use cases, which
 * import libs/runtime themselves.
 */
export const APPLICATION_MIGRATIONS = [
  IdempotencyClaimLease1760000008130,
  CreateTrackingCodes1760000017120,
  CreateImportedCases1760000018100,
  CreateUnitMergerSchedule1760000019320,
];
