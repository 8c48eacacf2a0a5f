import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { listReceptionSessions } from '../../../read-models/src/index.js';
import { can, requirePermission, type Permission } from '../../../security/src/index.js';
import { streamHistory, type StreamHistoryView } from '../common/history-view.js';
import { UnitDirectory } from '../units/unit-directory.service.js';
import { GetSession, GetSessionHistory, ListSessions, type SessionList } from './reception.queries.js';
import { ReceptionService, sessionView, sessionViewOfRow, type SessionView } from './reception.service.js';

/** Unknown or out of scope → 404 (existence is not revealed), then the role (403). */
@QueryHandler(GetSession)
export class GetSessionHandler implements IQueryHandler<GetSession, SessionView> {
  constructor(private readonly sessions: ReceptionService) {}

  async execute({ principal, sessionId }: GetSession): Promise<SessionView> {
    const { state, version } = await this.sessions.load(sessionId, principal);
    const readers: Permission[] = ['case.read', 'boards.read'];
    if (!readers.some((p) => can(principal, p))) requirePermission(principal, 'boards.read');
    return sessionView(state, version)!;
  }
}

/** docs/reference/api-contract.md `GET /reception-sessions/:id/history`: every event of the session, as a case's history. */
@QueryHandler(GetSessionHistory)
export class GetSessionHistoryHandler implements IQueryHandler<GetSessionHistory, StreamHistoryView> {
  constructor(private readonly sessions: ReceptionService) {}

  async execute({ principal, sessionId }: GetSessionHistory): Promise<StreamHistoryView> {
    const { events } = await this.sessions.load(sessionId, principal);
    const readers: Permission[] = ['case.read.history', 'boards.read', 'reception.schedule'];
    if (!readers.some((p) => can(principal, p))) requirePermission(principal, 'case.read.history');
    return streamHistory(events, (type) =>
      type === 'ReceptionSessionHeld' ? 'heldOn' : type === 'ReceptionSessionCorrected' ? 'at' : null,
    );
  }
}

/**
 * docs/reference/api-contract.md `GET /reception-sessions` (the schedule, from the read model): the unit (default: yours)
 * and, unless `includeSubunits=false`, the units below it; `from`/`to` bound the session's `date`.
 * The role first (403), then an unknown or out-of-scope unit (404).
 */
@QueryHandler(ListSessions)
export class ListSessionsHandler implements IQueryHandler<ListSessions, SessionList> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly units: UnitDirectory,
  ) {}

  async execute({ principal, filter: q }: ListSessions): Promise<SessionList> {
    const readers: Permission[] = ['case.read', 'boards.read'];
    if (!readers.some((p) => can(principal, p))) requirePermission(principal, 'boards.read');
    const { unitId } = await this.units.listScope(principal, q);
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 200;
    const { rows, total } = await listReceptionSessions(this.db, { ...q, unitId, page, pageSize });
    return { items: rows.map(sessionViewOfRow), total, page, pageSize };
  }
}

export const RECEPTION_QUERY_HANDLERS = [GetSessionHandler, GetSessionHistoryHandler, ListSessionsHandler];
