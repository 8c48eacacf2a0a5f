import type { SqlRunner } from '../read-models/sql.js';
import { subtreeCte } from '../units/unit-scope.sql.js';

/** Whoever reads: an admin sees every case, anyone else the cases of their unit and below it. */
export interface CaseReader {
  id: string;
  roles: readonly string[];
  unitId: string | null;
}

/** The filters of `GET /cases` (validated by whoever received them). */
export interface CaseListFilter {
  page?: number;
  pageSize?: number;
  unitId?: string;
  includeSubunits?: boolean;
  /** `me`: the reader's own cases; or a person id. */
  handlerId?: string;
  receivedFrom?: string;
  receivedTo?: string;
  status?: string;
  kind?: string;
  /** Words to find (without diacritics, any case) in the tracking code, subject and content. */
  q?: string;
  sort?: 'receivedAt' | 'nextDueOn';
}

export interface CaseListItem {
  id: string;
  trackingCode: string;
  kind: string | null;
  level: number | null;
  status: string;
  channel: string | null;
  field: string | null;
  receivingUnitId: string;
  competentUnitId: string | null;
  handlerId: string | null;
  receivedAt: string;
  acceptedAt: string | null;
  decidedAt: string | null;
  subject: string;
  petitionerCount: number;
  version: number;
  /** The earliest due date of the case's open deadlines (null when none is open). */
  nextDueOn: string | null;
  nextRuleId: string | null;
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface CaseList {
  items: CaseListItem[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * `GET /cases`: the case summaries (`rm_cases`, written by case-summaries.projection.ts) with each
 * case's next open deadline (`rm_deadlines`), within the reader's scope. Never looks at identities.
 */
export async function listCases(db: SqlRunner, principal: CaseReader, q: CaseListFilter): Promise<CaseList> {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const params: unknown[] = [];
  const where: string[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  let cte = '';
  if (!principal.roles.includes('admin')) {
    cte = `WITH RECURSIVE ${subtreeCte(p(principal.unitId ?? ''))}`;
    where.push(
      '(c.receiving_unit_id IN (SELECT unit_id FROM scope_units) OR c.competent_unit_id IN (SELECT unit_id FROM scope_units))',
    );
  }
  if (q.unitId && q.includeSubunits === false) {
    const u = p(q.unitId);
    where.push(`(c.receiving_unit_id = ${u} OR c.competent_unit_id = ${u})`);
  } else if (q.unitId) {
    cte = cte
      ? `${cte}, ${subtreeCte(p(q.unitId), 'unit_filter')}`
      : `WITH RECURSIVE ${subtreeCte(p(q.unitId), 'unit_filter')}`;
    where.push(
      '(c.receiving_unit_id IN (SELECT unit_id FROM unit_filter) OR c.competent_unit_id IN (SELECT unit_id FROM unit_filter))',
    );
  }
  if (q.handlerId) where.push(`c.handler_id = ${p(q.handlerId === 'me' ? principal.id : q.handlerId)}`);
  if (q.receivedFrom) where.push(`c.received_at >= ${p(q.receivedFrom)}`);
  if (q.receivedTo) where.push(`c.received_at <= ${p(q.receivedTo)}`);
  if (q.status) where.push(`c.status = ${p(q.status)}`);
  if (q.kind) where.push(`c.kind = ${p(q.kind)}`);
  // As users type: every word, without diacritics, in any case (donthu_fold). Over the tracking
  // code, the subject and the content of cases that are not denunciations; never identities.
  // rm_cases.search_text is folded when written, with a trigram index (rm_cases_search_idx).
  for (const word of (q.q ?? '').normalize('NFC').split(/\s+/).filter(Boolean).slice(0, 8))
    where.push(`c.search_text LIKE donthu_fold(${p(`%${escapeLike(word)}%`)})`);
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = await db.query(`${cte} SELECT count(*)::int AS n FROM rm_cases c ${filter}`, params);
  const order =
    q.sort === 'nextDueOn'
      ? 'ORDER BY n.due_on ASC NULLS LAST, c.received_at DESC, c.case_id'
      : 'ORDER BY c.received_at DESC, c.case_id';
  const rows: Record<string, unknown>[] = await db.query(
    `${cte} SELECT c.*, to_char(n.due_on, 'YYYY-MM-DD') AS next_due_on, n.rule_id AS next_rule_id
       FROM rm_cases c
       LEFT JOIN LATERAL (SELECT d.due_on, d.rule_id FROM rm_deadlines d
         WHERE d.case_id = c.case_id AND d.recorded_to IS NULL AND d.state = 'open'
         ORDER BY d.due_on LIMIT 1) n ON true
       ${filter} ${order} LIMIT ${p(pageSize)} OFFSET ${p((page - 1) * pageSize)}`,
    params,
  );
  return {
    items: rows.map((r): CaseListItem => ({
      id: String(r.case_id),
      trackingCode: String(r.tracking_code),
      kind: (r.kind as string | null) ?? null,
      level: (r.level as number | null) ?? null,
      status: String(r.status),
      channel: (r.channel as string | null) ?? null,
      field: (r.field as string | null) ?? null,
      receivingUnitId: String(r.receiving_unit_id),
      competentUnitId: (r.competent_unit_id as string | null) ?? null,
      handlerId: (r.handler_id as string | null) ?? null,
      receivedAt: String(r.received_at),
      acceptedAt: (r.accepted_at as string | null) ?? null,
      decidedAt: (r.decided_at as string | null) ?? null,
      subject: String(r.subject),
      petitionerCount: Number(r.petitioner_count),
      version: Number(r.version),
      nextDueOn: (r.next_due_on as string | null) ?? null,
      nextRuleId: (r.next_rule_id as string | null) ?? null,
    })),
    total: Number(total[0]?.n ?? 0),
    page,
    pageSize,
  };
}
