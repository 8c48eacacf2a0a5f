import ExcelJS from 'exceljs';
import { figurePaths, type Figures } from './statistics.figures.js';
import { figureLabel } from '../../../labels/src/index.js';
import type { StatisticsReport } from './statistics.report.js';

/** One CSV cell; the same quoting rules as the other CSV exports (formula-like text neutralised). */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const valueAt = (f: Figures, path: string): number =>
  path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], f) as number;

const ddmmyyyy = (d: string): string => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const PERIOD_LABEL_VI = (label: string): string => {
  const m = /^(\d{4})(?:-(Q[1-4]|H1|9M))?$/.exec(label);
  if (!m) return `Khoảng tùy chọn ${label}`;
  if (!m[2]) return `Năm ${m[1]}`;
  if (m[2] === 'H1') return `6 tháng đầu năm ${m[1]}`;
  if (m[2] === '9M') return `9 tháng năm ${m[1]}`;
  return `Quý ${['I', 'II', 'III', 'IV'][Number(m[2].slice(1)) - 1]} năm ${m[1]}`;
};

/**
 * The report as one CSV table (UTF-8 with BOM, CRLF): one line per figure, with its path, its
 * Vietnamese name, the period, the previous period, the same period a year earlier, then one
 * column per unit row (sub-units rolled up, and the unit's own cases).
 */
export function statisticsCsv(r: StatisticsReport): string {
  const header = [
    'Mã chỉ tiêu',
    'Chỉ tiêu',
    `Kỳ báo cáo ${r.period.label}`,
    `Kỳ trước ${r.previous.period.label}`,
    `Cùng kỳ năm trước ${r.yearEarlier.period.label}`,
    ...r.units.map((u) => (u.own ? `${u.unitName} (trực tiếp)` : u.unitName)),
  ];
  const lines = [header.map(csvCell).join(',')];
  for (const path of figurePaths())
    lines.push(
      [
        path,
        figureLabel(path),
        valueAt(r, path),
        valueAt(r.previous, path),
        valueAt(r.yearEarlier, path),
        ...r.units.map((u) => valueAt(u, path)),
      ]
        .map(csvCell)
        .join(','),
    );
  return '\uFEFF' + lines.map((l) => `${l}\r\n`).join('');
}

const asDate = (d: string): Date => new Date(`${d}T00:00:00Z`);

/** The sheets, their titles and the figure columns of each (one sheet per table). */
export const SHEETS: { name: string; title: string; paths: string[] }[] = [
  {
    name: 'Tiếp công dân',
    title: 'KẾT QUẢ TIẾP CÔNG DÂN',
    paths: ['reception.sessionsHeld', 'reception.headSessionsHeld', 'reception.citizensReceived'],
  },
  {
    name: 'Tiếp nhận đơn',
    title: 'KẾT QUẢ TIẾP NHẬN, PHÂN LOẠI ĐƠN',
    paths: figurePaths().filter((p) => p.startsWith('received.')),
  },
  {
    name: 'Xử lý đơn',
    title: 'KẾT QUẢ XỬ LÝ ĐƠN',
    paths: figurePaths().filter((p) => p.startsWith('processed.')),
  },
  {
    name: 'Giải quyết',
    title: 'KẾT QUẢ GIẢI QUYẾT KHIẾU NẠI, TỐ CÁO, KIẾN NGHỊ, PHẢN ÁNH',
    paths: [
      'openAtStart.total',
      ...figurePaths().filter((p) => p.startsWith('resolved.')),
      'dialoguesHeld',
      'openAtEnd.total',
      'openAtEnd.overdue',
    ],
  },
];

/**
 * The report as an XLSX workbook a clerk can file: every sheet opens with a title block (agency,
 * report title, period with its dates, the date the figures are judged on, and for a re-issued report
 * the instant it is as recorded before); then one table. The first sheet, "Tổng hợp", lists every
 * figure for the period, the previous period and the same period a year earlier; the others have one
 * row per unit (sub-units rolled up, then the unit's own cases, then the total) and one column per
 * figure. Numbers are numbers, dates are dates.
 */
export async function statisticsXlsx(r: StatisticsReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'donthu';
  const titleBlock = (ws: ExcelJS.Worksheet, title: string, width: number): number => {
    ws.getCell('A1').value = `CƠ QUAN, ĐƠN VỊ: ${r.unitName}`;
    ws.getCell('A1').font = { bold: true };
    ws.getCell('A2').value = title;
    ws.getCell('A2').font = { bold: true, size: 14 };
    ws.mergeCells(2, 1, 2, Math.max(width, 2));
    ws.getCell('A3').value =
      `Kỳ báo cáo: ${PERIOD_LABEL_VI(r.period.label)} (${r.period.label}), từ ngày ${ddmmyyyy(r.period.from)} đến ngày ${ddmmyyyy(r.period.to)}`;
    ws.getCell('A4').value = 'Từ ngày';
    ws.getCell('B4').value = asDate(r.period.from);
    ws.getCell('B4').numFmt = 'dd/mm/yyyy';
    ws.getCell('C4').value = 'Đến ngày';
    ws.getCell('D4').value = asDate(r.period.to);
    ws.getCell('D4').numFmt = 'dd/mm/yyyy';
    ws.getCell('A5').value = 'Số liệu tính đến ngày';
    ws.getCell('B5').value = asDate(r.asOf);
    ws.getCell('B5').numFmt = 'dd/mm/yyyy';
    ws.getCell('C5').value = r.includeSubunits ? 'Gồm các đơn vị trực thuộc' : 'Chỉ đơn vị này';
    if (r.recordedBefore) {
      ws.getCell('A6').value = 'Theo dữ liệu ghi nhận trước thời điểm';
      ws.getCell('B6').value = new Date(r.recordedBefore);
      ws.getCell('B6').numFmt = 'dd/mm/yyyy hh:mm:ss';
    }
    return 8;
  };
  const header = (ws: ExcelJS.Worksheet, row: number, cells: string[]): void => {
    const h = ws.getRow(row);
    cells.forEach((c, i) => {
      const cell = h.getCell(i + 1);
      cell.value = c;
      cell.font = { bold: true };
      cell.alignment = { wrapText: true, vertical: 'middle' };
      cell.border = { bottom: { style: 'thin' } };
    });
  };

  const summary = wb.addWorksheet('Tổng hợp');
  let row = titleBlock(
    summary,
    'BÁO CÁO TỔNG HỢP CÔNG TÁC TIẾP CÔNG DÂN, XỬ LÝ ĐƠN, GIẢI QUYẾT KHIẾU NẠI, TỐ CÁO',
    5,
  );
  header(summary, row, [
    'Mã chỉ tiêu',
    'Chỉ tiêu',
    `Kỳ báo cáo (${r.period.label})`,
    `Kỳ trước (${r.previous.period.label})`,
    `Cùng kỳ năm trước (${r.yearEarlier.period.label})`,
  ]);
  for (const path of figurePaths()) {
    row++;
    summary.getRow(row).values = [
      path,
      figureLabel(path),
      valueAt(r, path),
      valueAt(r.previous, path),
      valueAt(r.yearEarlier, path),
    ];
  }
  summary.columns.forEach((c, i) => (c.width = i === 0 ? 34 : i === 1 ? 40 : 18));

  for (const sheet of SHEETS) {
    const ws = wb.addWorksheet(sheet.name);
    let at = titleBlock(ws, sheet.title, sheet.paths.length + 2);
    header(ws, at, ['Mã đơn vị', 'Đơn vị', ...sheet.paths.map(figureLabel)]);
    for (const u of r.units) {
      at++;
      ws.getRow(at).values = [
        u.unitId,
        u.own ? `${u.unitName} (trực tiếp)` : u.unitName,
        ...sheet.paths.map((p) => valueAt(u, p)),
      ];
    }
    at++;
    ws.getRow(at).values = [null, 'Tổng cộng', ...sheet.paths.map((p) => valueAt(r, p))];
    ws.getRow(at).font = { bold: true };
    ws.columns.forEach((c, i) => (c.width = i === 0 ? 16 : i === 1 ? 36 : 14));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
