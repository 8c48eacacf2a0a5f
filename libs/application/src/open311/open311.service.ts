import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { caseStreamId, toPublicCaseFacts, vietnamDateOf } from '../../../domain/src/index.js';
import { citizenStatusNote } from '../../../labels/src/index.js';
import { ApiKeyStore, type ApiKeyHolder } from '../../../security/src/index.js';
import type { Principal } from '../../../security/src/index.js';
import { RegisterCase } from '../cases/case.commands.js';
import type { RegisterCaseInput } from '../cases/case.inputs.js';
import { CaseService } from '../cases/case.service.js';
import { fail } from '../common/problem.js';
import { foldCaseEvents } from '../folds.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { open311Status, serviceByCode, SUBJECT_MAX, type Open311ServiceEntry } from './open311.catalogue.js';

/** A GeoReport v2 service request, already read from the form (apps/api/src/open311). */
export interface Open311RequestInput {
  service_code: string;
  jurisdiction_id?: string;
  description: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  address_string?: string;
  lat?: number;
  long?: number;
  media_url?: string;
  /** `attribute[subject]`, `attribute[field]`. */
  attributes: { subject?: string; field?: RegisterCaseInput['field'] };
}

export interface Open311Created {
  service_request_id: string;
  /** The citizen's lookup PIN (docs/citizens.md): answered once, here. */
  token: string | null;
  service_notice: string;
  account_id: null;
}

export interface Open311RequestView {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  agency_responsible: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
}

export interface Open311Filter {
  serviceRequestIds?: string[];
  serviceCode?: string;
  startDate?: Date;
  endDate?: Date;
  statuses?: ('open' | 'closed')[];
}

/** At most this many requests in one `GET /requests` answer (most recent first). */
export const OPEN311_MAX_RESULTS = 200;
/** Without start_date/end_date: the last 90 days (GeoReport v2's default window). */
const DEFAULT_WINDOW_MS = 90 * 24 * 3_600_000;

/** An instant as GeoReport wants it: ISO 8601 with the offset, in Vietnam time (+07:00). */
export function vietnamInstant(iso: string | Date): string {
  const ms = (typeof iso === 'string' ? Date.parse(iso) : iso.getTime()) + 7 * 3_600_000;
  return `${new Date(ms).toISOString().slice(0, 19)}+07:00`;
}

/**
 * Open311 GeoReport v2 over the same use cases as the desk (docs/open311.md): a request is a letter
 * registered through the `RegisterCase` command (channel `online`, the key's unit receiving it, the key
 * recorded as the actor), and a key reads back only the requests it filed — their status and dates,
 * never the letter or a person.
 */
@Injectable()
export class Open311Service {
  readonly keys: ApiKeyStore;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly commands: CommandBus,
    private readonly cases: CaseService,
  ) {
    this.keys = new ApiKeyStore(runtime.pool, runtime.clock);
  }

  /** The actor a key registers as: reception at its unit, named after the key. */
  principalOf(holder: ApiKeyHolder): Principal {
    return {
      id: `open311:${holder.id}`,
      name: `Open311: ${holder.label}`,
      roles: ['reception'],
      unitId: holder.unitId,
    };
  }

  async post(
    holder: ApiKeyHolder,
    input: Open311RequestInput,
    correlationId: string,
  ): Promise<Open311Created> {
    const service = serviceByCode(input.service_code);
    if (!service)
      fail('NOT_FOUND', `service_code: no service ${input.service_code}`, [
        { path: 'service_code', message: 'no such service' },
      ]);
    this.checkJurisdiction(holder, input.jurisdiction_id);
    const now = this.runtime.clock();
    const fullName = [input.last_name, input.first_name]
      .map((s) => s?.trim())
      .filter(Boolean)
      .join(' ');
    const dto: RegisterCaseInput = {
      receivedAt: vietnamDateOf(now),
      channel: 'online',
      receivingUnitId: holder.unitId,
      petitioners: fullName ? [{ fullName, ...(input.phone ? { phone: input.phone } : {}) }] : [],
      ...(fullName ? {} : { anonymous: true }),
      subject: input.attributes.subject ?? subjectOf(input.description),
      content: contentOf(input),
      kindHint: (service as Open311ServiceEntry).kindHint,
      ...(input.attributes.field ? { field: input.attributes.field } : {}),
    };
    // The desk's intake, as a message on the application's command bus (span, metrics, audit actor).
    const registered = await this.commands.execute(
      new RegisterCase(dto, { principal: this.principalOf(holder), correlationId }),
    );
    await this.runtime.pool.query(
      `INSERT INTO open311_requests (case_id, api_key_id, tracking_code, service_code, requested_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id) DO NOTHING`,
      [registered.id, holder.id, registered.trackingCode, input.service_code, now],
    );
    const answerBy = registered.receipt.answerBy;
    return {
      service_request_id: registered.trackingCode,
      token: registered.receipt.lookupPin,
      service_notice:
        `Đã tiếp nhận. Tra cứu tại ${registered.receipt.lookupUrl} bằng mã hồ sơ và mã PIN (token).` +
        (answerBy ? ` Cơ quan trả lời việc xử lý đơn trước ngày ${vnDate(answerBy)}.` : ''),
      account_id: null,
    };
  }

  async list(holder: ApiKeyHolder, filter: Open311Filter, jurisdictionId?: string) {
    this.checkJurisdiction(holder, jurisdictionId);
    const where = ['api_key_id = $1'];
    const params: unknown[] = [holder.id];
    if (filter.serviceRequestIds?.length) {
      params.push(filter.serviceRequestIds.map((s) => s.toUpperCase()));
      where.push(`tracking_code = ANY($${params.length})`);
    } else {
      // GeoReport v2: without service_request_id, the last 90 days unless start/end say otherwise.
      const end = filter.endDate ?? this.runtime.clock();
      const start = filter.startDate ?? new Date(end.getTime() - DEFAULT_WINDOW_MS);
      params.push(start, end);
      where.push(`requested_at >= $${params.length - 1} AND requested_at <= $${params.length}`);
    }
    if (filter.serviceCode) {
      params.push(filter.serviceCode);
      where.push(`service_code = $${params.length}`);
    }
    const rows = await this.runtime.pool.query<{ case_id: string; service_code: string; requested_at: Date }>(
      `SELECT case_id, service_code, requested_at FROM open311_requests WHERE ${where.join(' AND ')}
       ORDER BY requested_at DESC, case_id LIMIT ${OPEN311_MAX_RESULTS * 4}`,
      params,
    );
    const out: Open311RequestView[] = [];
    for (const r of rows.rows) {
      const view = await this.viewOf(r.case_id, r.service_code);
      if (!view) continue;
      if (filter.statuses?.length && !filter.statuses.includes(view.status)) continue;
      out.push(view);
      if (out.length >= OPEN311_MAX_RESULTS) break;
    }
    return out;
  }

  /** One request the key filed; any other code (unknown, or another key's) → the same 404. */
  async get(holder: ApiKeyHolder, serviceRequestId: string, jurisdictionId?: string) {
    this.checkJurisdiction(holder, jurisdictionId);
    const r = await this.runtime.pool.query<{ case_id: string; service_code: string }>(
      'SELECT case_id, service_code FROM open311_requests WHERE api_key_id = $1 AND tracking_code = $2',
      [holder.id, serviceRequestId.toUpperCase()],
    );
    const row = r.rows[0];
    const view = row ? await this.viewOf(row.case_id, row.service_code) : null;
    if (!view)
      return fail('NOT_FOUND', `service_request_id: no request ${serviceRequestId} filed with this api_key`);
    return [view];
  }

  /** Units are not a secret, but a key answers for its own unit only. */
  private checkJurisdiction(holder: ApiKeyHolder, jurisdictionId: string | undefined): void {
    if (jurisdictionId !== undefined && jurisdictionId !== holder.unitId)
      fail('FORBIDDEN', `jurisdiction_id: this api_key was issued for jurisdiction ${holder.unitId}`, [
        { path: 'jurisdiction_id', message: 'not the api_key’s jurisdiction' },
      ]);
  }

  private async viewOf(caseId: string, serviceCode: string): Promise<Open311RequestView | null> {
    const events = await this.runtime.store.readStream(caseStreamId(caseId));
    const state = foldCaseEvents(events);
    if (!state.exists || events.length === 0) return null;
    const facts = toPublicCaseFacts(state);
    const today = vietnamDateOf(this.runtime.clock());
    const service = serviceByCode(serviceCode);
    return {
      service_request_id: state.trackingCode,
      status: open311Status(state.status),
      status_notes: citizenStatusNote(state.status),
      service_name: service?.service_name ?? serviceCode,
      service_code: serviceCode,
      // A letter that became a denunciation says nothing but its status (as the public lookup).
      agency_responsible: facts.handlingUnitId
        ? await this.cases.unitName(facts.handlingUnitId, today)
        : null,
      requested_datetime: vietnamInstant(events[0].recordedAt),
      updated_datetime: vietnamInstant(events[events.length - 1].recordedAt),
      expected_datetime: facts.nextDueOn ? `${facts.nextDueOn}T23:59:59+07:00` : null,
    };
  }
}

const vnDate = (d: string) => d.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1');

/** The subject when none is given: the description's first sentence, cut at a word. */
export function subjectOf(description: string): string {
  const line = description.trim().split(/\r?\n/)[0].trim();
  const sentence = /^(.+?[.!?])(\s|$)/.exec(line)?.[1] ?? line;
  if (sentence.length <= SUBJECT_MAX) return sentence;
  const cut = sentence.slice(0, SUBJECT_MAX - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), SUBJECT_MAX / 2)).trimEnd()}…`;
}

/** The letter: the description, then where it is about and the media link, as the sender gave them. */
export function contentOf(input: Open311RequestInput): string {
  const lines = [input.description.trim()];
  if (input.address_string) lines.push(`Địa điểm: ${input.address_string}`);
  if (input.lat !== undefined && input.long !== undefined) lines.push(`Tọa độ: ${input.lat}, ${input.long}`);
  if (input.media_url) lines.push(`Hình ảnh: ${input.media_url}`);
  return lines.join('\n');
}
