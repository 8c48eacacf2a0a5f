import { Inject, Injectable } from '@nestjs/common';
import { foldReceptionEvents } from '../folds.js';
import { receptionStreamId } from '../../../domain/src/reception/reception.events.js';
import { type ReceptionState } from '../../../domain/src/reception/reception.state.js';
import type { StoredEvent } from '../../../event-store/src/event-store.port.js';
import { can, requirePermission, type Permission, type Principal } from '../../../security/src/auth/roles.js';
import { fail } from '../common/problem.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from '../units/unit-directory.service.js';

const SESSION_ID = /^[A-Za-z0-9-]{1,64}$/;

const fold = (events: StoredEvent[]): ReceptionState => foldReceptionEvents(events);

/** The session as the API shows it. */
export function sessionView(state: ReceptionState, version: number) {
  if (state.status === 'none') return null;
  return {
    id: state.sessionId,
    unitId: state.unitId,
    hostPersonId: state.hostPersonId,
    date: state.date,
    kind: state.kind,
    mode: state.mode,
    status: state.status,
    held: state.status === 'held' ? { ...state.held, caseIds: [...state.held.caseIds] } : null,
    cancelReason: state.status === 'cancelled' ? state.reason : null,
    version,
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

  async get(sessionId: string, principal: Principal) {
    const { state, version } = await this.load(sessionId, principal);
    const readers: Permission[] = ['case.read', 'boards.read'];
    if (!readers.some((p) => can(principal, p))) requirePermission(principal, 'boards.read');
    return sessionView(state, version)!;
  }
}
