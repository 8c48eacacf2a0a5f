import type { Principal } from '../../../security/src/index.js';
import { ApplicationQuery } from '../bus/messages.js';
import type { StreamHistoryView } from '../common/history-view.js';
import type { ListSessionsInput } from './reception.inputs.js';
import type { SessionView } from './reception.service.js';

/**
 * The reception-session queries as messages on the QueryBus: plain data, one `@QueryHandler` each
 * (`reception.query-handlers.ts`).
 */

/** One page of the schedule. */
export interface SessionList {
  items: SessionView[];
  total: number;
  page: number;
  pageSize: number;
}

/** GET /reception-sessions: the schedule of a unit (default the reader's) and the units below it (read model). */
export class ListSessions extends ApplicationQuery<SessionList> {
  constructor(
    principal: Principal,
    readonly filter: ListSessionsInput,
  ) {
    super(principal);
  }
}

/** GET /reception-sessions/:id: the session folded from its stream. */
export class GetSession extends ApplicationQuery<SessionView> {
  constructor(
    principal: Principal,
    readonly sessionId: string,
  ) {
    super(principal);
  }
}

/** GET /reception-sessions/:id/history: every event of the session, as a case's history. */
export class GetSessionHistory extends ApplicationQuery<StreamHistoryView> {
  constructor(
    principal: Principal,
    readonly sessionId: string,
  ) {
    super(principal);
  }
}
