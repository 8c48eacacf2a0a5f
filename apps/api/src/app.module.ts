import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { JwtVerifier } from '../../../libs/security/src/index.js';
import { AuditController } from './audit/audit.controller.js';
import { VaultController } from './admin/vault.controller.js';
import { ImportController } from './admin/import.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { DEMO_OFFICIALS, DemoSignInController, type DemoOfficial } from './auth/demo-sign-in.controller.js';
import { OidcSignIn } from './auth/oidc-sign-in.js';
import {
  DEMO_SIGN_IN_ON,
  OIDC_SIGN_IN,
  OidcController,
  SessionController,
  SessionStarter,
} from './auth/session.controller.js';
import { SessionStore } from './auth/sessions.js';
import { CaseController } from './cases/case.controller.js';
import { IdentityController } from './cases/identity.controller.js';
import { ProblemFilter } from './common/problem.filter.js';
import { ProjectionWaiter } from './common/projection-waiter.service.js';
import { CommandEndpoint } from './common/command-endpoint.js';
import { DeadlineController } from './deadlines/deadline.controller.js';
import { LateEntriesController } from './deadlines/late-entries.controller.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController } from './health/metrics.controller.js';
import { InspectionController } from './inspections/inspection.controller.js';
import { AccountabilityController } from './accountability/accountability.controller.js';
import { ApplicationModule } from '../../../libs/application/src/index.js';
import { StatisticsController } from './statistics/statistics.controller.js';
import { ReceptionController } from './reception/reception.controller.js';
import type { Runtime, ProcessHealth } from '../../../libs/application/src/index.js';
import type { ProjectionRunner } from '../../../libs/read-models/src/index.js';
import { UnitController } from './units/unit.controller.js';
import { PublicLookupController } from './citizens/public-lookup.controller.js';
import { PublicLookupLimit } from './citizens/public-lookup.limit.js';
import { DocumentsController } from './citizens/documents.controller.js';
import { Open311Controller } from './open311/open311.controller.js';
import { Open311KeyGuard } from './open311/open311.guard.js';
import { ApiKeysController } from './admin/api-keys.controller.js';
import { CaseRecordController } from './cases/record.controller.js';

export interface AppModuleOptions {
  runtime: Runtime;
  /** Shared with the worker when both run in one process. */
  runner?: ProjectionRunner;
  processHealth?: ProcessHealth;
  logLevel?: string;
  /** The demo sign-in (DEMO_SIGN_IN=1 on the embedded database): the officials one may sign in as. */
  demoOfficials?: readonly DemoOfficial[];
}

/** The HTTP API. The Runtime (database, store, vault, calendar, rules, clock) is built before Nest starts. */
@Module({})
export class AppModule {
  static forRuntime(options: AppModuleOptions): DynamicModule {
    const { runtime } = options;
    const providers: Provider[] = [
      {
        provide: JwtVerifier,
        useValue: new JwtVerifier({
          ...runtime.config.auth,
          ...(runtime.secrets.jwtSecret ? { hsSecret: runtime.secrets.jwtSecret } : {}),
        }),
      },
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_FILTER, useClass: ProblemFilter },
      HealthController,
      ProjectionWaiter,
      CommandEndpoint,
      ...(options.demoOfficials ? [{ provide: DEMO_OFFICIALS, useValue: options.demoOfficials }] : []),
      // The console's sessions (docs/security.md): the demo sign-in and OpenID Connect start them.
      { provide: SessionStore, useValue: new SessionStore() },
      SessionStarter,
      { provide: OIDC_SIGN_IN, useValue: runtime.config.oidc ? new OidcSignIn(runtime.config.oidc) : null },
      { provide: DEMO_SIGN_IN_ON, useValue: Boolean(options.demoOfficials) },
      PublicLookupLimit,
      Open311KeyGuard,
    ];
    return {
      module: AppModule,
      imports: [
        ApplicationModule.forRuntime({
          runtime,
          runner: options.runner,
          processHealth: options.processHealth,
        }),
        TerminusModule,
      ],
      controllers: [
        HealthController,
        MetricsController,
        UnitController,
        IdentityController,
        CaseController,
        DeadlineController,
        LateEntriesController,
        ReceptionController,
        AccountabilityController,
        StatisticsController,
        InspectionController,
        AuditController,
        VaultController,
        ImportController,
        ...(options.demoOfficials ? [DemoSignInController] : []),
        SessionController,
        OidcController,
        PublicLookupController,
        DocumentsController,
        Open311Controller,
        ApiKeysController,
        CaseRecordController,
      ],
      providers,
    };
  }
}
