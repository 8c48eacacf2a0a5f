import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { ProjectionRunner } from '../../../libs/projections/src/runner/projection-runner.js';
import { ALL_PROJECTIONS } from '../../../libs/projections/src/read-models/index.js';
import { authConfigFromEnv } from '../../../libs/security/src/auth/auth.config.js';
import { JwtVerifier } from '../../../libs/security/src/auth/jwt-verifier.js';
import { AuditController } from './audit/audit.controller.js';
import { VaultController } from './admin/vault.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { CaseController } from './cases/case.controller.js';
import { IdentityController } from './cases/identity.controller.js';
import { CaseQueries } from './cases/case.queries.js';
import { CaseService } from '../../../libs/application/src/cases/case.service.js';
import { CASE_COMMAND_HANDLERS } from '../../../libs/application/src/cases/case.commands.js';
import { StreamExecutor } from '../../../libs/application/src/commands/stream-executor.service.js';
import { IdempotencyService } from '../../../libs/application/src/common/idempotency.service.js';
import { ProblemFilter } from './common/problem.filter.js';
import { ProjectionWaiter } from './common/projection-waiter.service.js';
import { DeadlineController } from './deadlines/deadline.controller.js';
import { DeadlineQueries } from './deadlines/deadline.queries.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController } from './health/metrics.controller.js';
import { InspectionController } from './inspections/inspection.controller.js';
import { InspectionQueries } from './inspections/inspection.queries.js';
import { InspectionService } from '../../../libs/application/src/inspections/inspection.service.js';
import { AccountabilityController } from './accountability/accountability.controller.js';
import { AccountabilityQueries } from './accountability/accountability.queries.js';
import { ReceptionController } from './reception/reception.controller.js';
import { ReceptionService } from '../../../libs/application/src/reception/reception.service.js';
import { RUNTIME, type Runtime } from '../../../libs/application/src/runtime.tokens.js';
import { UnitDirectory } from '../../../libs/application/src/units/unit-directory.service.js';
import { UnitController } from './units/unit.controller.js';
import { UnitService } from '../../../libs/application/src/units/unit.service.js';

export interface AppModuleOptions {
  runtime: Runtime;
  /** Shared with the worker when both run in one process. */
  runner?: ProjectionRunner;
  logLevel?: string;
}

/** The HTTP API. The Runtime (database, store, vault, calendar, rules, clock) is built before Nest starts. */
@Module({})
export class AppModule {
  static forRuntime(options: AppModuleOptions): DynamicModule {
    const { runtime } = options;
    const runner =
      options.runner ??
      new ProjectionRunner({
        store: runtime.store,
        dataSource: runtime.dataSource,
        projections: ALL_PROJECTIONS,
      });
    const providers: Provider[] = [
      { provide: RUNTIME, useValue: runtime },
      { provide: ProjectionRunner, useValue: runner },
      {
        provide: JwtVerifier,
        useValue: new JwtVerifier(
          authConfigFromEnv({
            ...runtime.env,
            AUTH_JWT_SECRET: runtime.env.AUTH_JWT_SECRET ?? runtime.secrets.jwtSecret,
          }),
        ),
      },
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_FILTER, useClass: ProblemFilter },
      StreamExecutor,
      HealthController,
      IdempotencyService,
      ProjectionWaiter,
      UnitDirectory,
      UnitService,
      CaseService,
      ...CASE_COMMAND_HANDLERS,
      CaseQueries,
      DeadlineQueries,
      InspectionService,
      InspectionQueries,
      ReceptionService,
      AccountabilityQueries,
    ];
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), TerminusModule],
      controllers: [
        HealthController,
        MetricsController,
        UnitController,
        IdentityController,
        CaseController,
        DeadlineController,
        ReceptionController,
        AccountabilityController,
        InspectionController,
        AuditController,
        VaultController,
      ],
      providers,
    };
  }
}
