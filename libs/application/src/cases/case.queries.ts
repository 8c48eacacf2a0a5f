import type { CaseList, CaseListFilter } from '../../../read-models/src/index.js';
import type { Principal } from '../../../security/src/index.js';
import { ApplicationQuery } from '../bus/messages.js';
import type { CaseViewResult } from './case.results.js';
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
