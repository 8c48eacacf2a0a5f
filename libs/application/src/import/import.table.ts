import ExcelJS from 'exceljs';

/**
 * The rows of an import file (docs/import.md): a header line naming the columns, then one row per
 * act. Rows are numbered as a spreadsheet shows them: the header is row 1, the first act row 2, so an
 * error `row 12/acceptedAt` points at the cell a person sees. Blank lines are skipped (keeping the
 * numbering).
 */
export interface ImportRow {
  row: number;
  cells: Record<string, string>;
}

export interface ImportTable {
  columns: string[];
  rows: ImportRow[];
}

export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 4180 fields: commas, quotes doubled inside quoted fields, CRLF or LF line ends. */
export function parseCsvLines(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines: string[][] = [];
  let line: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      line.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      line.push(field);
      lines.push(line);
      line = [];
      field = '';
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted)
    throw new ImportFileError(
      `row ${lines.length + 1}: a quoted field is not closed`,
      `row ${lines.length + 1}`,
    );
  if (field !== '' || line.length > 0) {
    line.push(field);
    lines.push(line);
  }
  return lines;
}

function tableOf(lines: string[][]): ImportTable {
  const header = lines[0];
  if (!header || header.every((h) => h.trim() === ''))
    throw new ImportFileError('the file has no header row', 'row 1');
  const columns = header.map((h) => h.trim());
  const seen = new Set<string>();
  for (const c of columns) {
    if (c !== '' && seen.has(c)) throw new ImportFileError(`column ${c} appears twice`, `row 1/${c}`);
    seen.add(c);
  }
  const rows: ImportRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const values = lines[i];
    if (values.every((v) => v.trim() === '')) continue;
    const cells: Record<string, string> = {};
    columns.forEach((c, j) => {
      const v = (values[j] ?? '').trim().normalize('NFC');
      if (c !== '' && v !== '') cells[c] = v;
    });
    rows.push({ row: i + 1, cells });
  }
  return { columns, rows };
}

/** A CSV file (UTF-8, with or without a byte-order mark). */
export function readCsv(bytes: Buffer): ImportTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError('the file is not UTF-8 text', 'file');
  }
  if (text.includes('\u0000')) throw new ImportFileError('the file contains U+0000', 'file');
  return tableOf(parseCsvLines(text));
}

/** The first worksheet of an XLSX workbook; dates typed as dates are read as YYYY-MM-DD. */
export async function readXlsx(bytes: Buffer): Promise<ImportTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its argument as its own Buffer alias; Node's Buffer is what it reads.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError('the file is not an XLSX workbook', 'file');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError('the workbook has no worksheet', 'file');
  const lines: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) values.push(cellText(row.getCell(c).value));
    lines[n - 1] = values;
  });
  for (let i = 0; i < lines.length; i++) lines[i] ??= [];
  return tableOf(lines);
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}
