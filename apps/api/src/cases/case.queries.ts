import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../../libs/security/src/auth/roles.js';
import { RUNTIME, type Runtime } from '../../../../libs/application/src/runtime.tokens.js';
import { subtreeCte } from '../units/unit-scope.sql.js';
import type { ListCasesQuery } from './case.dto.js';

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
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `GET /cases`: the case summaries read model, within the principal's scope. Never looks at identities. */
@Injectable()
export class CaseQueries {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  async list(principal: Principal, q: ListCasesQuery) {
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
    if (q.unitId) {
      const u = p(q.unitId);
      where.push(`(c.receiving_unit_id = ${u} OR c.competent_unit_id = ${u})`);
    }
    if (q.status) where.push(`c.status = ${p(q.status)}`);
    if (q.kind) where.push(`c.kind = ${p(q.kind)}`);
    if (q.q && q.q.trim()) {
      const like = p(`%${escapeLike(q.q.trim().normalize('NFC'))}%`);
      where.push(`(c.tracking_code ILIKE ${like} OR c.subject ILIKE ${like} OR c.content ILIKE ${like})`);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await this.runtime.dataSource.query(
      `${cte} SELECT count(*)::int AS n FROM rm_cases c ${filter}`,
      params,
    );
    const rows: Record<string, unknown>[] = await this.runtime.dataSource.query(
      `${cte} SELECT c.* FROM rm_cases c ${filter} ORDER BY c.received_at DESC, c.case_id LIMIT ${p(pageSize)} OFFSET ${p((page - 1) * pageSize)}`,
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
      })),
      total: Number(total[0]?.n ?? 0),
      page,
      pageSize,
    };
  }
}
