import type { CaseList, CaseListFilter } from '../../../read-models/src/index.js';
import type { Principal } from '../../../security/src/index.js';
import { ApplicationQuery, PublicQuery } from '../bus/messages.js';
import type { CaseRecord } from '../exchange/case-record.adapters.js';
import type { CaseRecordRequest } from '../exchange/case-record.service.js';
import type { PaperRequest } from '../papers/paper.service.js';
import type { PaperKind } from '../papers/papers.js';
import type { CaseDisclosure, CaseHistory, CaseViewResult, PublicCaseView } from './case.results.js';
import type { ExistingCase } from '../../../domain/src/index.js';

/**
 * The case queries as messages on the QueryBus: plain data, one `@QueryHandler` each
 * (`case.query-handlers.ts`).
 */

/** GET /cases: the case summaries in the reader's scope (the read model; never identities). */
export class ListCases extends ApplicationQuery<CaseList> {
  constructor(
    principal: Principal,
    readonly filter: CaseListFilter,
  ) {
    super(principal);
  }
}

/**
 * GET /cases with `Accept: text/csv` (needs `exports.read` besides `case.read`): the whole list with
 * the same filters and order, every page of 200 unless `page` is given.
 */
export class ExportCases extends ApplicationQuery<CaseList['items']> {
  constructor(
    principal: Principal,
    readonly filter: CaseListFilter,
  ) {
    super(principal);
  }
}

/** GET /cases/:idOrTrackingCode: the case view folded from its stream (as of an instant, if asked). */
export class GetCase extends ApplicationQuery<CaseViewResult> {
  constructor(
    principal: Principal,
    readonly idOrTrackingCode: string,
    readonly asOf?: string,
  ) {
    super(principal);
  }
}

/** GET /cases/:id/dialogues: the dialogues held on the case. */
export class GetCaseDialogues extends ApplicationQuery<ExistingCase['dialogues']> {
  constructor(
    principal: Principal,
    readonly caseId: string,
  ) {
    super(principal);
  }
}

/** GET /cases/:id/history: every event of the case, or the raw events with the break marked when one is damaged. */
export class GetCaseHistory extends ApplicationQuery<CaseHistory> {
  constructor(
    principal: Principal,
    readonly caseId: string,
  ) {
    super(principal);
  }
}

/** GET /cases/:id/disclosures: who saw the identities of the case, when and why (auditors). */
export class GetCaseDisclosures extends ApplicationQuery<CaseDisclosure[]> {
  constructor(
    principal: Principal,
    readonly caseId: string,
  ) {
    super(principal);
  }
}

/** GET /cases/:id/record: the case's full record for transfer (identities in clear only as a recorded disclosure). */
export class ExportCaseRecord extends ApplicationQuery<CaseRecord> {
  constructor(
    principal: Principal,
    readonly idOrTrackingCode: string,
    readonly request: CaseRecordRequest,
  ) {
    super(principal);
  }
}

/** GET /cases/:id/documents/:file (and the receipt with its PIN): an official paper as PDF. */
export class GetCasePaper extends ApplicationQuery<{ pdf: Buffer; trackingCode: string }> {
  constructor(
    principal: Principal,
    readonly idOrTrackingCode: string,
    readonly kind: PaperKind,
    readonly request: PaperRequest,
  ) {
    super(principal);
  }
}

/** GET /public/cases/:trackingCode: the citizen's own lookup; null for an unknown code or a wrong PIN. */
export class LookUpPublicCase extends PublicQuery<PublicCaseView | null> {
  constructor(
    readonly trackingCode: string,
    /** As sent (unvalidated): a malformed or missing PIN fails like a wrong one, after the same work. */
    readonly pin: unknown,
  ) {
    super();
  }
}
