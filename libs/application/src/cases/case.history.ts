import { caseBusinessDate } from '../../../domain/src/index.js';
import type { StoredEvent } from '../../../event-store/src/index.js';

/** An event of `GET /cases/:id/history`: its actor, business date, marks, data and hashes. */
export function caseHistoryEvent(e: StoredEvent) {
  return {
    position: Number(e.globalPosition),
    version: e.version,
    type: e.type,
    // the act's business date, by its type (CASE_BUSINESS_DATE in libs/domain)
    businessDate: caseBusinessDate(e.type, e.data),
    lateEntry: e.data.lateEntry === true,
    // brought in by POST /admin/import (docs/reference/deadlines.md §9)
    imported: e.data.imported === true,
    occurredAt: e.occurredAt,
    recordedAt: e.recordedAt,
    actor: { id: e.metadata.actor.id, name: e.metadata.actor.name },
    data: e.data,
    hash: e.hash,
    prevHash: e.prevHash,
    // What an auditor needs to recompute the hash independently (docs/audit/verify-history.mjs).
    streamId: e.streamId,
    eventId: e.eventId,
    metadata: e.metadata,
  };
}

/** A disclosure of the case's identities as `GET /cases/:id/disclosures` lists it. */
export function caseDisclosure(e: StoredEvent) {
  const d = e.data as {
    disclosedTo: { id: string; name: string; roles: string[] };
    reasonCode?: string;
    reason: string;
    at: string;
    document?: string;
  };
  return {
    position: Number(e.globalPosition),
    at: d.at,
    recordedAt: e.recordedAt,
    disclosedTo: d.disclosedTo,
    reasonCode: d.reasonCode ?? null,
    reason: d.reason,
    // The paper that printed the names (docs/citizens.md); null for a GET /petitioners.
    document: d.document ?? null,
  };
}
