import { Inject, Injectable } from '@nestjs/common';
import { foldReceptionEvents } from '../folds.js';
import { receptionStreamId, countsAsHeadsOf, type ReceptionState } from '../../../domain/src/index.js';
import type { StoredEvent } from '../../../event-store/src/index.js';
import type { Principal } from '../../../security/src/index.js';
import { fail } from '../common/problem.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from '../units/unit-directory.service.js';
import type { ReceptionSessionRow } from '../../../read-models/src/index.js';

const SESSION_ID = /^[A-Za-z0-9-]{1,64}$/;

const fold = (events: StoredEvent[]): ReceptionState => foldReceptionEvents(events);

/**
 * The session as the API shows it (docs/reference/api-contract.md `GET /reception-sessions/:id`). Once held, `hostPersonId`,
 * `heldOn`, `citizensReceived` and `caseIds` are the hold's (as corrected); `plannedHostPersonId` is
 * the host it was scheduled with. `recordedBy`: who entered the hold (or its latest correction);
 * `countsAsHeads`: it counts toward the head's reception duty; `lateEntry`: the hold was entered late.
 * `held` and `cancelReason` are kept for earlier clients.
 */
export interface SessionView {
  id: string;
  unitId: string;
  hostPersonId: string;
  plannedHostPersonId: string;
  date: string;
  kind: string;
  mode: string;
  status: string;
  heldOn: string | null;
  citizensReceived: number | null;
  caseIds: string[];
  recordedBy: { id: string; name: string } | null;
  countsAsHeads: boolean;
  lateEntry: boolean;
  workingDaysLate: number | null;
  headPersonId: string | null;
  held: {
    heldOn: string;
    hostPersonId: string;
    citizensReceived: number;
    caseIds: string[];
    heldByHead: boolean;
    headPersonId: string | null;
  } | null;
  cancelReason: string | null;
  version: number;
}

export function sessionView(state: ReceptionState, version: number): SessionView | null {
  if (state.status === 'none') return null;
  const held = state.status === 'held' || state.status === 'voided' ? state.held : null;
  return {
    id: state.sessionId,
    unitId: state.unitId,
    hostPersonId: held?.hostPersonId ?? state.hostPersonId,
    plannedHostPersonId: state.hostPersonId,
    date: state.date,
    kind: state.kind,
    mode: state.mode,
    status: state.status,
    heldOn: held?.heldOn ?? null,
    citizensReceived: held?.citizensReceived ?? null,
    caseIds: held ? [...held.caseIds] : [],
    recordedBy: held?.recordedBy ?? null,
    countsAsHeads: state.status === 'held' && countsAsHeadsOf(state.held),
    lateEntry: held?.lateEntry === true,
    workingDaysLate: held?.workingDaysLate ?? null,
    headPersonId: held?.headPersonId ?? null,
    held: held
      ? {
          heldOn: held.heldOn,
          hostPersonId: held.hostPersonId,
          citizensReceived: held.citizensReceived,
          caseIds: [...held.caseIds],
          heldByHead: held.heldByHead,
          headPersonId: held.headPersonId,
        }
      : null,
    cancelReason: state.status === 'cancelled' || state.status === 'voided' ? state.reason : null,
    version,
  };
}

const dateText = (v: unknown): string | null =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);

/** A current row of `rm_reception_sessions` as the same view. */
export function sessionViewOfRow(r: ReceptionSessionRow): SessionView {
  const status = String(r.status);
  const held = r.held_on !== null && r.held_on !== undefined;
  const recordedBy = (r.recorded_by as { id: string; name: string } | null) ?? null;
  return {
    id: String(r.session_id),
    unitId: String(r.unit_id),
    hostPersonId: String(r.held_host_person_id ?? r.host_person_id),
    plannedHostPersonId: String(r.host_person_id),
    date: dateText(r.date)!,
    kind: String(r.kind),
    mode: String(r.mode),
    status,
    heldOn: dateText(r.held_on),
    citizensReceived: (r.citizens_received as number | null) ?? null,
    caseIds: held ? ((r.case_ids as string[] | null) ?? []) : [],
    recordedBy: recordedBy ? { id: recordedBy.id, name: recordedBy.name } : null,
    countsAsHeads: status === 'held' && ((r.counts_as_heads ?? r.held_by_head) as boolean | null) === true,
    lateEntry: r.late_entry === true,
    workingDaysLate: (r.working_days_late as number | null) ?? null,
    headPersonId: (r.head_person_id as string | null) ?? null,
    held: held
      ? {
          heldOn: dateText(r.held_on)!,
          hostPersonId: String(r.held_host_person_id),
          citizensReceived: Number(r.citizens_received),
          caseIds: (r.case_ids as string[] | null) ?? [],
          heldByHead: r.held_by_head === true,
          headPersonId: (r.head_person_id as string | null) ?? null,
        }
      : null,
    cancelReason: (r.cancel_reason as string | null) ?? null,
    version: Number(r.version ?? 0),
  };
}

/** What a session command answers: the session's view after it, with its version and position. */
export type SessionCommandResult = NonNullable<ReturnType<typeof sessionView>> & { position?: number };

/** Citizen-reception sessions (tiếp công dân): stream `reception-<id>`, decided by the domain's decideReception. */
@Injectable()
export class ReceptionService {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly units: UnitDirectory,
  ) {}

  /** Unknown or out of scope → 404 (existence is not revealed). */
  async load(
    sessionId: string,
    principal: Principal,
  ): Promise<{
    state: Exclude<ReceptionState, { status: 'none' }>;
    events: StoredEvent[];
    version: number;
  }> {
    if (!SESSION_ID.test(sessionId)) return fail('NOT_FOUND', `no reception session ${sessionId}`);
    const events = await this.runtime.store.readStream(receptionStreamId(sessionId));
    const state = fold(events);
    if (state.status === 'none' || !(await this.units.inScope(principal, [state.unitId]))) {
      return fail('NOT_FOUND', `no reception session ${sessionId}`);
    }
    return { state, events, version: events.length ? events[events.length - 1].version : 0 };
  }
}
