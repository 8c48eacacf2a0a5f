import type { Response } from 'express';
import { requirePermission, type Principal } from '../../../../libs/security/src/index.js';
import { sendCsv } from '../common/csv.js';
import type { BoardQuery } from '../deadlines/deadline.dto.js';
import type { DeadlineQueries } from '../deadlines/deadline.queries.js';
import { allPages, overdueCsv } from './accountability.csv.js';

/**
 * `GET /deadlines/overdue` with `Accept: text/csv` (needs `exports.read` besides `boards.read`):
 * every page unless `page` is given.
 */
export async function overdueCsvResponse(
  queries: DeadlineQueries,
  principal: Principal,
  q: BoardQuery,
  res: Response,
): Promise<string> {
  const items = await allPages((page) => queries.overdue(principal, { ...q, page }), q.page);
  requirePermission(principal, 'exports.read');
  const asOf = q.asOf ?? queries.today();
  return sendCsv(res, `overdue-${q.unitId ?? principal.unitId ?? 'all'}-${asOf}.csv`, overdueCsv(items));
}
