import type { CaseList } from '../../../../libs/read-models/src/index.js';
import { toCsv, type CsvCell } from '../common/csv.js';

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

const KIND: Record<string, string> = {
  complaint: 'Khiếu nại',
  denunciation: 'Tố cáo',
  petition: 'Kiến nghị',
  reflection: 'Phản ánh',
};
const STATUS: Record<string, string> = {
  received: 'Mới tiếp nhận',
  classified: 'Đã phân loại',
  accepted: 'Đã thụ lý',
  rejected: 'Không thụ lý',
  guided: 'Đã hướng dẫn',
  archived: 'Lưu đơn',
  suspended: 'Tạm đình chỉ',
  resolved: 'Đã giải quyết',
  closed: 'Đã kết thúc',
  withdrawn: 'Đã rút đơn',
  terminated: 'Đình chỉ giải quyết',
};
const CHANNEL: Record<string, string> = {
  in_person: 'Trực tiếp',
  post: 'Qua bưu chính',
  online: 'Trực tuyến',
  hotline: 'Đường dây nóng',
  forwarded: 'Cơ quan khác chuyển đến',
  reception_session: 'Tại buổi tiếp công dân',
};
const FIELD: Record<string, string> = {
  land: 'Đất đai',
  compensation: 'Bồi thường, hỗ trợ, tái định cư',
  site_clearance: 'Giải phóng mặt bằng',
  housing: 'Nhà ở, xây dựng',
  policy: 'Chế độ, chính sách',
  justice: 'Tư pháp',
  corruption: 'Tham nhũng, tiêu cực',
  other: 'Lĩnh vực khác',
};

const label = (labels: Record<string, string>, code: string | null): CsvCell =>
  code === null ? null : (labels[code] ?? code);

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
      label(KIND, i.kind),
      i.level,
      label(STATUS, i.status),
      label(CHANNEL, i.channel),
      label(FIELD, i.field),
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
