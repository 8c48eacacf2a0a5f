import type { CaseList } from '../../../../libs/read-models/src/index.js';
import {
  CHANNEL_LABELS,
  FIELD_LABELS,
  KIND_LABELS,
  STATUS_LABELS,
} from '../../../../libs/labels/src/index.js';
import { toCsv, type CsvCell } from '../common/csv.js';

/** A code in the words the console shows (libs/labels); empty when there is none. */
const label = (labels: Readonly<Record<string, string>>, code: string | null): CsvCell =>
  code === null ? null : (labels[code] ?? code);

/** Vietnamese column headings of the case-list export (`GET /cases`, `Accept: text/csv`). */
export const CASE_LIST_CSV_HEADERS = [
  'Mã hồ sơ',
  'Ngày tiếp nhận',
  'Loại đơn',
  'Cấp giải quyết',
  'Trạng thái',
  'Hình thức tiếp nhận',
  'Lĩnh vực',
  'Trích yếu',
  'Số người đứng đơn',
  'Đơn vị tiếp nhận',
  'Đơn vị có thẩm quyền',
  'Cán bộ xử lý',
  'Ngày thụ lý',
  'Ngày quyết định',
  'Hạn gần nhất',
  'Loại hạn',
  'ID hồ sơ',
] as const;

/**
 * The rows of the export: what the list item carries and nothing more — the subject, never the
 * letter's content and never an identity (only the number of petitioners).
 */
export function caseListCsv(items: CaseList['items']): string {
  return toCsv(
    CASE_LIST_CSV_HEADERS,
    items.map((i) => [
      i.trackingCode,
      i.receivedAt,
      label(KIND_LABELS, i.kind),
      i.level,
      label(STATUS_LABELS, i.status),
      label(CHANNEL_LABELS, i.channel),
      label(FIELD_LABELS, i.field),
      i.subject,
      i.petitionerCount,
      i.receivingUnitId,
      i.competentUnitId,
      i.handlerId,
      i.acceptedAt,
      i.decidedAt,
      i.nextDueOn,
      i.nextRuleId,
      i.id,
    ]),
  );
}
