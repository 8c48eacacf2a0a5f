import { toCsv, type CsvCell } from '../common/csv.js';
import type { AccountabilityItem, ReceptionDutyItem } from '../../../../libs/application/src/index.js';

/** Vietnamese column headings of the CSV exports (docs/accountability.md lists them). */
export const ACCOUNTABILITY_CSV_HEADERS = [
  'Mã cán bộ',
  'Họ tên',
  'Đơn vị',
  'Từ ngày',
  'Đến ngày',
  'Quyền (tạm giữ)',
  'Số hạn',
  'Đúng hạn',
  'Trễ hạn',
  'Còn hạn',
  'Tỷ lệ đúng hạn',
  'Báo cáo phải nộp',
  'Báo cáo trễ',
  'Số kỳ phải tiếp dân',
  'Số ngày đã tiếp dân',
  'Số cuộc đối thoại',
] as const;

export const RECEPTION_DUTY_CSV_HEADERS = [
  'Mã cán bộ',
  'Họ tên',
  'Đơn vị',
  'Từ ngày',
  'Đến ngày',
  'Số kỳ phải tiếp',
  'Số ngày đã tiếp',
  'Trong đó ghi muộn',
  'Số kỳ chưa tiếp',
  'Các kỳ chưa tiếp',
] as const;

export const OVERDUE_CSV_HEADERS = [
  'Mã hồ sơ',
  'Quy tắc',
  'Hạn',
  'Số ngày quá hạn',
  'Đơn vị',
  'Thủ trưởng',
  'Cán bộ xử lý',
  'ID hồ sơ',
  'Nhập muộn',
] as const;

const yesNo = (b: boolean): string => (b ? 'Có' : 'Không');

/** A rate as a percentage with one decimal (e.g. 66.7), empty when there is none. */
export const percent = (rate: number | null): CsvCell =>
  rate === null ? null : Math.round(rate * 1000) / 10;

export function accountabilityCsv(items: readonly AccountabilityItem[]): string {
  return toCsv(
    ACCOUNTABILITY_CSV_HEADERS,
    items.map((i) => [
      i.personId,
      i.fullName,
      i.unitId,
      i.from,
      i.to,
      yesNo(i.acting),
      i.due,
      i.met,
      i.missed,
      i.open,
      percent(i.onTimeRate),
      i.reportsDue,
      i.reportsMissed,
      i.receptionRequired,
      i.receptionHeld,
      i.dialoguesHeld,
    ]),
  );
}

export function receptionDutyCsv(items: readonly ReceptionDutyItem[]): string {
  return toCsv(
    RECEPTION_DUTY_CSV_HEADERS,
    items.map((i) => [
      i.personId,
      i.fullName,
      i.unitId,
      i.from,
      i.to,
      i.required,
      i.held,
      i.heldLate,
      i.missing,
      i.missingPeriods.join(' '),
    ]),
  );
}

export interface OverdueCsvItem {
  caseId: string;
  trackingCode: string;
  ruleId: string;
  dueOn: string;
  daysOverdue: number;
  /** The act that started the deadline was a late entry. */
  lateEntry: boolean;
  unitId: string;
  headOfUnit: { personId: string; fullName: string } | null;
  handlerId: string | null;
}

export function overdueCsv(items: readonly OverdueCsvItem[]): string {
  return toCsv(
    OVERDUE_CSV_HEADERS,
    items.map((i) => [
      i.trackingCode,
      i.ruleId,
      i.dueOn,
      i.daysOverdue,
      i.unitId,
      i.headOfUnit?.fullName ?? null,
      i.handlerId,
      i.caseId,
      yesNo(i.lateEntry),
    ]),
  );
}
