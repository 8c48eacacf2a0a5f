import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { letterOpener } from './cases/case.letter.js';
import { DiscoveryModule } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { getDataSourceToken, getEntityManagerToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ProjectionRunner, ALL_PROJECTIONS } from '../../read-models/src/index.js';
import type { Runtime } from '../../runtime/src/index.js';
import { ApplicationCommandBus } from './bus/application-command-bus.js';
import { ApplicationQueryBus } from './bus/application-query-bus.js';
import {
  COMMAND_HANDLER_CLASSES,
  HandlerRegistration,
  QUERY_HANDLER_CLASSES,
} from './bus/handler-registration.js';
import { CASE_COMMAND_HANDLERS } from './cases/case.handlers.js';
import { CASE_QUERY_HANDLERS } from './cases/case.query-handlers.js';
import { AUDIT_QUERY_HANDLERS, AuditAccess } from './audit/audit.query-handlers.js';
import { BoardScope, DEADLINE_QUERY_HANDLERS } from './deadlines/deadline.query-handlers.js';
import {
  ACCOUNTABILITY_QUERY_HANDLERS,
  AccountabilityReports,
} from './accountability/accountability.query-handlers.js';
import { STATISTICS_QUERY_HANDLERS, StatisticsAccess } from './statistics/statistics.query-handlers.js';
import { UNIT_COMMAND_HANDLERS } from './units/unit.handlers.js';
import { UNIT_QUERY_HANDLERS } from './units/unit.query-handlers.js';
import { DISCLOSURE_COMMAND_HANDLERS } from './disclosure/disclosure.handlers.js';
import { ERASURE_COMMAND_HANDLERS } from './erasure/erasure.handlers.js';
import { INSPECTION_COMMAND_HANDLERS } from './inspections/inspection.handlers.js';
import { INSPECTION_QUERY_HANDLERS } from './inspections/inspection.query-handlers.js';
import { RECEPTION_COMMAND_HANDLERS } from './reception/reception.handlers.js';
import { RECEPTION_QUERY_HANDLERS } from './reception/reception.query-handlers.js';
import { CaseService } from './cases/case.service.js';
import { IdempotencyService } from './common/idempotency.service.js';
import { InspectionService } from './inspections/inspection.service.js';
import { ReceptionService } from './reception/reception.service.js';
import { RUNTIME } from './runtime.tokens.js';
import { UnitDirectory } from './units/unit-directory.service.js';
import { ProcessHealth } from './processes/process-health.js';
import { PaperService } from './papers/paper.service.js';
import { IMPORT_COMMAND_HANDLERS } from './import/import.commands.js';
import { ImportService } from './import/import.service.js';
import { Open311Service } from './open311/open311.service.js';
import { OPEN311_QUERY_HANDLERS } from './open311/open311.query-handlers.js';
import { CaseRecordService } from './exchange/case-record.service.js';

export interface ApplicationModuleOptions {
  runtime: Runtime;
  /** The process's projection runner (poked after each append); a fresh one over every projection if absent. */
  runner?: ProjectionRunner;
  /** The background processes running in this process (npm start), shown in /health. */
  processHealth?: ProcessHealth;
}

/**
 * The use cases, as one Nest module every app boots: the HTTP API imports it into its AppModule, the
 * CLI and the demo seeder open it as a standalone application context. Global, so the apps'
 * controllers and query classes inject the Runtime, the runner and the services without re-exporting.
 */
@Module({})
export class ApplicationModule {
  static forRuntime(options: ApplicationModuleOptions): DynamicModule {
    const { runtime } = options;
    const runner =
      options.runner ??
      new ProjectionRunner({
        store: runtime.store,
        openLetters: letterOpener(runtime.vault),
        dataSource: runtime.dataSource,
        projections: ALL_PROJECTIONS,
      });
    const services: Provider[] = [
      { provide: RUNTIME, useValue: runtime },
      // The process's one DataSource (one pool), under @nestjs/typeorm's tokens: handlers and services
      // take it with @InjectDataSource() / @InjectEntityManager(). The runtime creates and closes it
      // (migrations run and the event store opens before any module boots); TypeOrmModule.forRoot is
      // not used because it would destroy the pool whenever one of the Nest contexts opened over the
      // runtime closes (docs/architecture.md, "One pool per process").
      { provide: getDataSourceToken(), useFactory: () => runtime.dataSource },
      {
        provide: getEntityManagerToken(),
        useFactory: (dataSource: DataSource) => dataSource.manager,
        inject: [getDataSourceToken()],
      },
      { provide: ProjectionRunner, useValue: runner },
      { provide: ProcessHealth, useValue: options.processHealth ?? new ProcessHealth(runtime.clock) },
      IdempotencyService,
      UnitDirectory,
      CaseService,
      InspectionService,
      ReceptionService,
      PaperService,
      ImportService,
      Open311Service,
      CaseRecordService,
      BoardScope,
      AccountabilityReports,
      StatisticsAccess,
      // @nestjs/cqrs's buses, replaced by the application's own (span, metrics, audit actor around
      // every command and query); no in-memory EventBus.
      { provide: CommandBus, useClass: ApplicationCommandBus },
      { provide: QueryBus, useClass: ApplicationQueryBus },
    ];
    const commandHandlers = [
      ...CASE_COMMAND_HANDLERS,
      ...UNIT_COMMAND_HANDLERS,
      ...RECEPTION_COMMAND_HANDLERS,
      ...INSPECTION_COMMAND_HANDLERS,
      ...DISCLOSURE_COMMAND_HANDLERS,
      ...ERASURE_COMMAND_HANDLERS,
      ...IMPORT_COMMAND_HANDLERS,
    ];
    const queryHandlers: Type[] = [
      ...CASE_QUERY_HANDLERS,
      ...UNIT_QUERY_HANDLERS,
      ...RECEPTION_QUERY_HANDLERS,
      ...INSPECTION_QUERY_HANDLERS,
      ...AUDIT_QUERY_HANDLERS,
      ...DEADLINE_QUERY_HANDLERS,
      ...OPEN311_QUERY_HANDLERS,
      ...ACCOUNTABILITY_QUERY_HANDLERS,
      ...STATISTICS_QUERY_HANDLERS,
    ];
    return {
      module: ApplicationModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        ...services,
        AuditAccess,
        ...commandHandlers,
        ...queryHandlers,
        { provide: COMMAND_HANDLER_CLASSES, useValue: commandHandlers },
        { provide: QUERY_HANDLER_CLASSES, useValue: queryHandlers },
        HandlerRegistration,
      ],
      exports: services,
    };
  }
}
