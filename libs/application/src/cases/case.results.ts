import type { caseDisclosure, caseHistoryEvent } from './case.history.js';
import type { CaseService } from './case.service.js';

/** What a command on an existing case answers: the case view after it (ETag: its version). */
export type CaseViewResult = Awaited<ReturnType<CaseService['view']>>;

/** The receipt of docs/reference/api-contract.md (`POST /cases`): what the desk hands the citizen. */
export type CaseReceipt = Awaited<ReturnType<CaseService['receiptOf']>>;

/** What `RegisterCase` answers. The PIN is in the receipt only here (null on a replay). */
export interface RegisteredCase {
  id: string;
  trackingCode: string;
  version: number;
  position: number;
  status: string;
  receipt: CaseReceipt;
}

/** What `ReissueLookupPin` answers. */
export interface PinReissued {
  trackingCode: string;
  lookupPin: string | null;
  lookupUrl: string;
  version: number;
  position: number;
}

/** What `GetCaseHistory` answers: every event, or (a damaged event) the raw events with the break marked. */
export type CaseHistory =
  { events: ReturnType<typeof caseHistoryEvent>[] } | Awaited<ReturnType<CaseService['damagedHistory']>>;

/** An entry of `GetCaseDisclosures`. */
export type CaseDisclosure = ReturnType<typeof caseDisclosure>;

/** What the citizen's lookup shows (`GET /public/cases/:trackingCode`). */
export interface PublicCaseView {
  trackingCode: string;
  status: string;
  receivedAt: string | null;
  handlingUnitName: string | null;
  nextDueOn: string | null;
}
