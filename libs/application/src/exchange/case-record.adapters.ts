/**
 * The adapter point for exchanging a case's record with another unit's system (docs/exchange.md).
 * donthu builds one record (`CaseRecord`, its own JSON); an adapter turns it into what the receiving
 * system reads. The national database of complaints, denunciations and petitions (Cơ sở dữ liệu
 * quốc gia về công tác tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo) has an exchange format
 * that is not public here: its adapter is to be written against that specification, registered in
 * `CASE_RECORD_ADAPTERS`, and chosen with `?format=<id>`.
 */
export interface CaseRecordAdapter {
  /** The `format` query value that selects it. */
  readonly id: string;
  readonly mediaType: string;
  /** The file name suggested to the receiver (`Content-Disposition`). */
  fileName(record: CaseRecord): string;
  encode(record: CaseRecord): string | Buffer;
}

export interface CaseRecordActor {
  id: string;
  name: string;
}

export interface CaseRecordDocument {
  kind: string;
  title: string;
  on: string | null;
  number?: string | null;
  /** The paper as donthu renders it (GET, with the caller's rights), when it is one of its papers. */
  path?: string;
}

export interface CaseRecordEvent {
  position: number;
  version: number;
  type: string;
  businessDate: string | null;
  lateEntry: boolean;
  imported: boolean;
  occurredAt: string;
  recordedAt: string;
  actor: CaseRecordActor;
  data: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

/** donthu's own case record, version 1 (docs/exchange.md describes every field). */
export interface CaseRecord {
  format: 'donthu.case-record';
  formatVersion: 1;
  exportedAt: string;
  exportedBy: CaseRecordActor & { unitId: string | null };
  sender: { unitId: string | null; name: string | null };
  receiver: { unitId: string; name: string | null };
  /** `included`: petitioners in clear (a recorded disclosure); `masked`: as in any case view. */
  identities: 'included' | 'masked';
  case: Record<string, unknown>;
  deadlines: object[];
  documents: CaseRecordDocument[];
  history: CaseRecordEvent[];
  integrity: { streamId: string; events: number; headHash: string | null };
}

/** The default: the record as JSON, UTF-8. */
export const DONTHU_JSON_ADAPTER: CaseRecordAdapter = {
  id: 'donthu-json',
  mediaType: 'application/json',
  fileName: (r) => `${String(r.case.trackingCode ?? 'ho-so')}.json`,
  encode: (r) => JSON.stringify(r),
};

export const CASE_RECORD_ADAPTERS: ReadonlyMap<string, CaseRecordAdapter> = new Map([
  [DONTHU_JSON_ADAPTER.id, DONTHU_JSON_ADAPTER],
]);
