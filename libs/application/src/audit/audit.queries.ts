import type { Principal } from '../../../security/src/index.js';
import { ApplicationQuery } from '../bus/messages.js';
import type { HistoryBreak, RawHistoryEvent } from '../common/stream-history.js';

/** The audit queries as messages on the QueryBus: plain data, one `@QueryHandler` each (`audit.query-handlers.ts`). */

/** A stream's events exactly as stored, with the first break marked (null when none). */
export interface AuditHistory {
  events: RawHistoryEvent[];
  damaged: HistoryBreak | null;
}

/** A stream's hash chain recomputed: intact, or where it first breaks (positions as numbers). */
export type AuditVerification =
  | { ok: true; events: number; headHash: string }
  | { ok: false; brokenAt: { version: number; position: number } };

/** GET /audit/streams/:streamId/history: readable even when an event is damaged. */
export class GetAuditHistory extends ApplicationQuery<AuditHistory> {
  constructor(
    principal: Principal,
    readonly streamId: string,
  ) {
    super(principal);
  }
}

/** GET /audit/streams/:streamId/verify: recompute the stream's hash chain. */
export class VerifyAuditStream extends ApplicationQuery<AuditVerification> {
  constructor(
    principal: Principal,
    readonly streamId: string,
  ) {
    super(principal);
  }
}
