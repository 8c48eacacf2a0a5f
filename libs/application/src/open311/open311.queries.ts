import type { ApiKeyHolder, ApiKeyStore } from '../../../security/src/index.js';
import { ApplicationQuery, PublicQuery } from '../bus/messages.js';
import type { Open311Filter, Open311RequestView } from './open311.service.js';

/** The Open311 reads and the API keys as messages on the QueryBus (`open311.query-handlers.ts`). */

/** GET /open311/v2/requests.(json|xml): the requests this API key filed (at most 200, most recent first). */
export class ListOpen311Requests extends PublicQuery<Open311RequestView[]> {
  constructor(
    readonly holder: ApiKeyHolder,
    readonly filter: Open311Filter,
    readonly jurisdictionId?: string,
  ) {
    super();
  }
}

/** GET /open311/v2/requests/:id.(json|xml): one request this API key filed (a list of one). */
export class GetOpen311Request extends PublicQuery<Open311RequestView[]> {
  constructor(
    readonly holder: ApiKeyHolder,
    readonly serviceRequestId: string,
    readonly jurisdictionId?: string,
  ) {
    super();
  }
}

/** GET /admin/api-keys: the Open311 API keys (never the keys themselves). */
export class ListApiKeys extends ApplicationQuery<{ items: ApiKeyInfo[] }> {}

/** An API key as listed: who holds it, since when, revoked or not (never the key). */
export type ApiKeyInfo = Awaited<ReturnType<ApiKeyStore['list']>>[number];
