import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { listCases, type CaseList } from '../../../read-models/src/index.js';
import { requirePermission } from '../../../security/src/index.js';
import { allPages } from '../deadlines/deadline.query-handlers.js';
import {
  ExportCaseRecord,
  ExportCases,
  GetCase,
  GetCaseDialogues,
  GetCaseDisclosures,
  GetCaseHistory,
  GetCasePaper,
  ListCases,
  LookUpPublicCase,
} from './case.queries.js';
import type { CaseDisclosure, CaseHistory, CaseViewResult, PublicCaseView } from './case.results.js';
import {
  caseStreamId,
  toPublicCaseFacts,
  vietnamDateOf,
  type ExistingCase,
} from '../../../domain/src/index.js';
import { Inject } from '@nestjs/common';
import { verifyLookupPin } from '../../../security/src/index.js';
import { ProblemError } from '../common/problem.js';
import { disclosureStreamId } from '../disclosure/disclosure.js';
import { CaseRecordService } from '../exchange/case-record.service.js';
import type { CaseRecord } from '../exchange/case-record.adapters.js';
import { foldCaseEvents } from '../folds.js';
import { PaperService } from '../papers/paper.service.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { caseDisclosure, caseHistoryEvent } from './case.history.js';
import { CaseService } from './case.service.js';

@QueryHandler(ListCases)
export class ListCasesHandler implements IQueryHandler<ListCases, CaseList> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  execute({ principal, filter }: ListCases): Promise<CaseList> {
    requirePermission(principal, 'case.read');
    return listCases(this.dataSource, principal, filter);
  }
}

@QueryHandler(ExportCases)
export class ExportCasesHandler implements IQueryHandler<ExportCases, CaseList['items']> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  execute({ principal, filter }: ExportCases): Promise<CaseList['items']> {
    requirePermission(principal, 'case.read');
    requirePermission(principal, 'exports.read');
    const pageSize = filter.page === undefined ? (filter.pageSize ?? 200) : filter.pageSize;
    return allPages(
      (page) =>
        listCases(this.dataSource, principal, {
          ...filter,
          page,
          ...(pageSize !== undefined ? { pageSize } : {}),
        }),
      filter.page,
    );
  }
}

/** Unknown or out of scope → 404 (existence is not revealed), then the role (403). */
@QueryHandler(GetCase)
export class GetCaseHandler implements IQueryHandler<GetCase, CaseViewResult> {
  constructor(private readonly cases: CaseService) {}

  async execute({ principal, idOrTrackingCode, asOf }: GetCase): Promise<CaseViewResult> {
    const id = await this.cases.resolveForReading(idOrTrackingCode);
    const { state, events } = await this.cases.load(id, principal, asOf);
    requirePermission(principal, asOf ? 'case.read.asOf' : 'case.read');
    return this.cases.view(state, events, null, principal);
  }
}

@QueryHandler(GetCaseDialogues)
export class GetCaseDialoguesHandler implements IQueryHandler<GetCaseDialogues, ExistingCase['dialogues']> {
  constructor(private readonly cases: CaseService) {}

  async execute({ principal, caseId }: GetCaseDialogues): Promise<ExistingCase['dialogues']> {
    const { state } = await this.cases.load(caseId, principal);
    requirePermission(principal, 'case.read');
    return state.dialogues;
  }
}

/** Unknown or out of scope → 404, then the role (403); a damaged event → the raw events with the break marked, not a 500. */
@QueryHandler(GetCaseHistory)
export class GetCaseHistoryHandler implements IQueryHandler<GetCaseHistory, CaseHistory> {
  constructor(private readonly cases: CaseService) {}

  async execute({ principal, caseId }: GetCaseHistory): Promise<CaseHistory> {
    let events;
    try {
      ({ events } = await this.cases.load(caseId, principal));
    } catch (err) {
      if (err instanceof ProblemError) throw err;
      return this.cases.damagedHistory(caseId, principal, err);
    }
    requirePermission(principal, 'case.read.history');
    return { events: events.map(caseHistoryEvent) };
  }
}

/** The disclosure log of the case (`disclosure-<caseId>`): the case in scope (404), then `disclosures.read` (403). */
@QueryHandler(GetCaseDisclosures)
export class GetCaseDisclosuresHandler implements IQueryHandler<GetCaseDisclosures, CaseDisclosure[]> {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly cases: CaseService,
  ) {}

  async execute({ principal, caseId }: GetCaseDisclosures): Promise<CaseDisclosure[]> {
    await this.cases.load(caseId, principal);
    requirePermission(principal, 'disclosures.read');
    const events = await this.runtime.store.readStream(disclosureStreamId(caseId));
    return events.map(caseDisclosure);
  }
}

/** The case's record for transfer; identities in clear are recorded as a disclosure (CaseRecordService). */
@QueryHandler(ExportCaseRecord)
export class ExportCaseRecordHandler implements IQueryHandler<ExportCaseRecord, CaseRecord> {
  constructor(private readonly records: CaseRecordService) {}

  execute({ principal, idOrTrackingCode, request }: ExportCaseRecord): Promise<CaseRecord> {
    return this.records.export(idOrTrackingCode, principal, request);
  }
}

/** An official paper; names printed only as a recorded disclosure (PaperService). */
@QueryHandler(GetCasePaper)
export class GetCasePaperHandler implements IQueryHandler<
  GetCasePaper,
  { pdf: Buffer; trackingCode: string }
> {
  constructor(private readonly papers: PaperService) {}

  execute({ principal, idOrTrackingCode, kind, request }: GetCasePaper) {
    return this.papers.produce(idOrTrackingCode, kind, principal, request);
  }
}

/**
 * The citizen's own lookup: tracking code + PIN. A wrong, malformed or missing PIN and an unknown code
 * both answer null after the same work (one scrypt).
 */
@QueryHandler(LookUpPublicCase)
export class LookUpPublicCaseHandler implements IQueryHandler<LookUpPublicCase, PublicCaseView | null> {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly cases: CaseService,
  ) {}

  async execute({ trackingCode, pin }: LookUpPublicCase): Promise<PublicCaseView | null> {
    const caseId = await this.cases.caseIdByTrackingCode(trackingCode);
    const state = caseId ? foldCaseEvents(await this.runtime.store.readStream(caseStreamId(caseId))) : null;
    const existing = state?.exists ? state : null;
    const ok = await verifyLookupPin(caseId ?? trackingCode, pin, existing?.lookupPinHash ?? null);
    if (!ok || !existing) return null;
    const facts = toPublicCaseFacts(existing);
    const today = vietnamDateOf(this.runtime.clock());
    return {
      trackingCode: facts.trackingCode,
      status: facts.status,
      receivedAt: facts.receivedAt,
      handlingUnitName: facts.handlingUnitId ? await this.cases.unitName(facts.handlingUnitId, today) : null,
      nextDueOn: facts.nextDueOn,
    };
  }
}

export const CASE_QUERY_HANDLERS = [
  ListCasesHandler,
  ExportCasesHandler,
  GetCaseHandler,
  GetCaseDialoguesHandler,
  GetCaseHistoryHandler,
  GetCaseDisclosuresHandler,
  ExportCaseRecordHandler,
  GetCasePaperHandler,
  LookUpPublicCaseHandler,
];
