import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { requirePermission } from '../../../security/src/index.js';
import { GetOpen311Request, ListApiKeys, ListOpen311Requests, type ApiKeyInfo } from './open311.queries.js';
import { Open311Service, type Open311RequestView } from './open311.service.js';

/** Only what the key filed, in its own jurisdiction (another one → 403). */
@QueryHandler(ListOpen311Requests)
export class ListOpen311RequestsHandler implements IQueryHandler<ListOpen311Requests, Open311RequestView[]> {
  constructor(private readonly open311: Open311Service) {}

  execute({ holder, filter, jurisdictionId }: ListOpen311Requests): Promise<Open311RequestView[]> {
    return this.open311.list(holder, filter, jurisdictionId);
  }
}

/** Any other code (unknown, or another key's) → the same 404. */
@QueryHandler(GetOpen311Request)
export class GetOpen311RequestHandler implements IQueryHandler<GetOpen311Request, Open311RequestView[]> {
  constructor(private readonly open311: Open311Service) {}

  execute({ holder, serviceRequestId, jurisdictionId }: GetOpen311Request): Promise<Open311RequestView[]> {
    return this.open311.get(holder, serviceRequestId, jurisdictionId);
  }
}

/** Admins (`apikeys.manage`). */
@QueryHandler(ListApiKeys)
export class ListApiKeysHandler implements IQueryHandler<ListApiKeys, { items: ApiKeyInfo[] }> {
  constructor(private readonly open311: Open311Service) {}

  async execute({ principal }: ListApiKeys): Promise<{ items: ApiKeyInfo[] }> {
    requirePermission(principal, 'apikeys.manage');
    return { items: await this.open311.keys.list() };
  }
}

export const OPEN311_QUERY_HANDLERS = [
  ListOpen311RequestsHandler,
  GetOpen311RequestHandler,
  ListApiKeysHandler,
];
