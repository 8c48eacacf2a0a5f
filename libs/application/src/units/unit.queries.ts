import type { Principal } from '../../../security/src/index.js';
import { ApplicationQuery } from '../bus/messages.js';
import type { unitPublicView, unitView } from './unit.views.js';

/** The unit queries as messages on the QueryBus: plain data, one `@QueryHandler` each (`unit.query-handlers.ts`). */

/** A unit as `GET /units/:id` shows it: its view on the day asked, with the stream's version (If-Match). */
export type UnitResult = NonNullable<ReturnType<typeof unitView>> & { version: number };

/** `GET /units`: every unit, in full in the reader's scope, the public view outside it. */
export interface UnitList {
  items: Array<NonNullable<ReturnType<typeof unitView>> | NonNullable<ReturnType<typeof unitPublicView>>>;
  total: number;
  page: number;
  pageSize: number;
}

/** GET /units: the tree on a date (today by default), from the units read model. */
export class ListUnits extends ApplicationQuery<UnitList> {
  constructor(
    principal: Principal,
    readonly asOf?: string,
    /** Which page, ordered by unit id (page from 1; pageSize ≤ 200, default 200). */
    readonly paging: { page?: number; pageSize?: number } = {},
  ) {
    super(principal);
  }
}

/** GET /units/:id: the unit folded from its stream, as of a date (today by default). */
export class GetUnit extends ApplicationQuery<UnitResult> {
  constructor(
    principal: Principal,
    readonly unitId: string,
    readonly asOf?: string,
  ) {
    super(principal);
  }
}
