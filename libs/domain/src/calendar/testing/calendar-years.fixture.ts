import { createBusinessCalendar } from '../business-calendar.js';
import type { BusinessCalendar, CalendarYear } from '../calendar.types.js';

/**
 * The shipped calendar data (data/calendar/2024–2027.json) as literals, for pure domain tests that
 * cannot read files. libs/runtime/src/calendar-files.spec.ts fails if the two drift apart.
 */
export const SHIPPED_CALENDAR_YEARS: readonly CalendarYear[] = [
  {
    year: 2024,
    status: 'official',
    daysOff: [
      {
        date: '2024-01-01',
        name: "Tết Dương lịch (New Year's Day)",
      },
      {
        date: '2024-02-08',
        name: 'Tết Nguyên đán (Lunar New Year, 29 tháng Chạp)',
      },
      {
        date: '2024-02-09',
        name: 'Tết Nguyên đán (Lunar New Year, 30 tháng Chạp)',
      },
      {
        date: '2024-02-12',
        name: 'Tết Nguyên đán (Lunar New Year, mùng 3; for Saturday 10/2)',
      },
      {
        date: '2024-02-13',
        name: 'Tết Nguyên đán (Lunar New Year, mùng 4; for Sunday 11/2)',
      },
      {
        date: '2024-02-14',
        name: 'Tết Nguyên đán (Lunar New Year, mùng 5)',
      },
      {
        date: '2024-04-18',
        name: "Giỗ Tổ Hùng Vương (Hùng Kings' Commemoration, 10/3 âm lịch)",
      },
      {
        date: '2024-04-29',
        name: 'Nghỉ hoán đổi (swapped with Saturday 4/5)',
      },
      {
        date: '2024-04-30',
        name: 'Ngày Giải phóng miền Nam (Reunification Day, 30/4)',
      },
      {
        date: '2024-05-01',
        name: 'Quốc tế Lao động (Labour Day, 1/5)',
      },
      {
        date: '2024-09-02',
        name: 'Quốc khánh (National Day, 2/9)',
      },
      {
        date: '2024-09-03',
        name: 'Quốc khánh (National Day, adjacent day)',
      },
    ],
    workingSaturdays: [
      {
        date: '2024-05-04',
        name: 'Làm bù (make-up working day for Monday 29/4)',
      },
    ],
    sources: [
      'Labour Code 45/2019/QH14 Art. 111-112',
      'Thông báo 5015/TB-LĐTBXH (22/11/2023): Tết 8/2–14/2/2024 (5 days of Tết and 2 weekly days off carried over), Quốc khánh 31/8–3/9/2024',
      'Văn bản 2450/VPCP-KGVX (12/4/2024): 29/4/2024 swapped with Saturday 4/5/2024 (days off 27/4–1/5)',
      'Giỗ Tổ Hùng Vương: 10/3 âm lịch = Thursday 18/4/2024 (Labour Code Art. 112(1)(đ))',
    ],
  },
  {
    year: 2025,
    status: 'official',
    daysOff: [
      {
        date: '2025-01-01',
        name: "Tết Dương lịch (New Year's Day)",
      },
      {
        date: '2025-01-27',
        name: 'Tết Nguyên đán (Lunar New Year)',
      },
      {
        date: '2025-01-28',
        name: 'Tết Nguyên đán (Lunar New Year)',
      },
      {
        date: '2025-01-29',
        name: 'Tết Nguyên đán (Lunar New Year)',
      },
      {
        date: '2025-01-30',
        name: 'Tết Nguyên đán (Lunar New Year)',
      },
      {
        date: '2025-01-31',
        name: 'Tết Nguyên đán (Lunar New Year)',
      },
      {
        date: '2025-04-07',
        name: "Giỗ Tổ Hùng Vương (Hùng Kings' Commemoration)",
      },
      {
        date: '2025-04-30',
        name: 'Ngày Giải phóng miền Nam (Reunification Day, 30/4)',
      },
      {
        date: '2025-05-01',
        name: 'Quốc tế Lao động (Labour Day, 1/5)',
      },
      {
        date: '2025-05-02',
        name: 'Nghỉ hoán đổi (swapped with Saturday 26/4)',
      },
      {
        date: '2025-09-01',
        name: 'Quốc khánh (National Day, adjacent day)',
      },
      {
        date: '2025-09-02',
        name: 'Quốc khánh (National Day, 2/9)',
      },
    ],
    workingSaturdays: [
      {
        date: '2025-04-26',
        name: 'Làm bù (make-up working day for Friday 2/5)',
      },
    ],
    sources: [
      'Labour Code 45/2019/QH14 Art. 111-112',
      'Government notices on the 2025 holidays (docs/reference/legal.md §10)',
    ],
  },
  {
    year: 2026,
    status: 'official',
    daysOff: [
      {
        date: '2026-01-01',
        name: "Tết Dương lịch (New Year's Day)",
      },
      {
        date: '2026-01-02',
        name: 'Nghỉ hoán đổi (swapped with Saturday 10/1)',
      },
      {
        date: '2026-02-16',
        name: 'Tết Nguyên đán (Lunar New Year)',
      },
      {
        date: '2026-02-17',
        name: 'Tết Nguyên đán (Lunar New Year)',
      },
      {
        date: '2026-02-18',
        name: 'Tết Nguyên đán (Lunar New Year)',
      },
      {
        date: '2026-02-19',
        name: 'Tết Nguyên đán (Lunar New Year)',
      },
      {
        date: '2026-02-20',
        name: 'Tết Nguyên đán (Lunar New Year)',
      },
      {
        date: '2026-04-27',
        name: "Giỗ Tổ Hùng Vương (Hùng Kings' Commemoration, for Sunday 26/4)",
      },
      {
        date: '2026-04-30',
        name: 'Ngày Giải phóng miền Nam (Reunification Day, 30/4)',
      },
      {
        date: '2026-05-01',
        name: 'Quốc tế Lao động (Labour Day, 1/5)',
      },
      {
        date: '2026-08-31',
        name: 'Nghỉ hoán đổi (swapped with Saturday 22/8)',
      },
      {
        date: '2026-09-01',
        name: 'Quốc khánh (National Day, adjacent day)',
      },
      {
        date: '2026-09-02',
        name: 'Quốc khánh (National Day, 2/9)',
      },
    ],
    workingSaturdays: [
      {
        date: '2026-01-10',
        name: 'Làm bù (make-up working day for Friday 2/1)',
      },
      {
        date: '2026-08-22',
        name: 'Làm bù (make-up working day for Monday 31/8)',
      },
    ],
    sources: [
      'Labour Code 45/2019/QH14 Art. 111-112',
      'VPCP 12729/VPCP-KGVX (25/12/2025): New Year swap',
      'Government notices on the 2026 holidays (docs/reference/legal.md §10)',
    ],
  },
  {
    year: 2027,
    status: 'provisional',
    daysOff: [
      {
        date: '2027-01-01',
        name: "Tết Dương lịch (New Year's Day)",
      },
      {
        date: '2027-02-05',
        name: 'Tết Nguyên đán (Lunar New Year)',
      },
      {
        date: '2027-02-08',
        name: 'Tết Nguyên đán (Lunar New Year)',
      },
      {
        date: '2027-02-09',
        name: 'Tết Nguyên đán (Lunar New Year)',
      },
      {
        date: '2027-02-10',
        name: 'Tết Nguyên đán (Lunar New Year)',
      },
      {
        date: '2027-02-11',
        name: 'Tết Nguyên đán (Lunar New Year)',
      },
      {
        date: '2027-04-16',
        name: "Giỗ Tổ Hùng Vương (Hùng Kings' Commemoration)",
      },
      {
        date: '2027-04-30',
        name: 'Ngày Giải phóng miền Nam (Reunification Day, 30/4)',
      },
      {
        date: '2027-05-03',
        name: 'Nghỉ bù (for Labour Day, Saturday 1/5)',
      },
      {
        date: '2027-09-02',
        name: 'Quốc khánh (National Day, 2/9)',
      },
      {
        date: '2027-09-03',
        name: 'Quốc khánh (National Day, adjacent day)',
      },
    ],
    workingSaturdays: [],
    sources: [
      "Computed from Labour Code 45/2019/QH14 Art. 111-112; provisional until the Government's notice (docs/reference/legal.md §10)",
    ],
  },
];

/** A business calendar over the shipped 2024–2027 data (2027 provisional). */
export function createTestCalendar(
  years: readonly CalendarYear[] = SHIPPED_CALENDAR_YEARS,
): BusinessCalendar {
  return createBusinessCalendar(years);
}
