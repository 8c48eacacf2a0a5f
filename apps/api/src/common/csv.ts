import type { Request, Response } from 'express';

/** One CSV cell: text, a number, a boolean, or empty (null / undefined). */
export type CsvCell = string | number | boolean | null | undefined;

const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * A cell as RFC 4180 text. Text that a spreadsheet would read as a formula (starting with `=`, `+`,
 * `-`, `@`, or a tab / carriage return before one) gets a leading apostrophe; numbers are written as
 * they are (a negative number is data, not a formula). Cells holding a comma, a quote, CR or LF are
 * quoted, with inner quotes doubled.
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else {
    text = value;
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: UTF-8 BOM, a header line, one line per row, CRLF after every line (RFC 4180). */
export function toCsv(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [headers.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  return BOM + lines.map((l) => l + CRLF).join('');
}

/** True when the client asked for CSV (`Accept: text/csv`, alone or among other types). */
export function wantsCsv(req: Pick<Request, 'headers'>): boolean {
  const accept = req.headers.accept;
  if (typeof accept !== 'string') return false;
  return accept
    .split(',')
    .map((part) => part.split(';')[0]!.trim().toLowerCase())
    .some((type) => type === 'text/csv');
}

/** Sets the CSV headers on the response and returns the body (for handlers using `@Res({ passthrough: true })`). */
export function sendCsv(res: Response, filename: string, csv: string): string {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${safe}"`);
  res.setHeader('Cache-Control', 'no-store');
  return csv;
}
