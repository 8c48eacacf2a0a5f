import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { listCases, type CaseList } from '../../../read-models/src/index.js';
import { requirePermission } from '../../../security/src/index.js';
import { GetCase, GetCaseDialogues, ListCases } from './case.queries.js';
import type { CaseViewResult } from './case.results.js';
import type { ExistingCase } from '../../../domain/src/index.js';
import { CaseService } from './case.service.js';

@QueryHandler(ListCases)
export class ListCasesHandler implements IQueryHandler<ListCases, CaseList> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  execute({ principal, filter }: ListCases): Promise<CaseList> {
    requirePermission(principal, 'case.read');
    return listCases(this.dataSource, principal, filter);
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

export const CASE_QUERY_HANDLERS = [ListCasesHandler, GetCaseHandler, GetCaseDialoguesHandler];
