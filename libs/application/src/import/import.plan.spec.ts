import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { planImport } from './import.plan.js';
import { parseCsvLines, readCsv, readXlsx } from './import.table.js';

const file = (text: string) => readCsv(Buffer.from(text, 'utf8'));

describe('import file: CSV reading', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, with a BOM', () => {
    expect(parseCsvLines('\ufeffa,b\r\n"x, ""y""","line\nbreak"\nlast,')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line\nbreak'],
      ['last', ''],
    ]);
  });

  it('numbers rows as a spreadsheet does (header = row 1) and skips blank lines', () => {
    const t = file('externalId,act\n\nA,register\n');
    expect(t.rows).toEqual([{ row: 3, cells: { externalId: 'A', act: 'register' } }]);
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(() => readCsv(Buffer.from([0x61, 0x2c, 0xff, 0x0a]))).toThrow(/UTF-8/);
  });
});

describe('import file: planning', () => {
  const header =
    'externalId,act,receivedAt,at,acceptedAt,receivingUnitId,channel,subject,content,petitioners,kind,competentUnitId';
  const register = 'A,register,2025-03-03,,,u1,post,Khiếu nại,Nội dung,"Nguyễn Văn An|0372|0912|Thôn 1|x",,';

  it('groups acts by externalId, dates in either form, petitioners split', () => {
    const { cases, errors } = planImport(
      file(`${header}\n${register}\nA,classify,,04/03/2025,,,,,,,complaint,u1\nA,accept,,,2025-03-11,,,,,,,`),
    );
    expect(errors).toEqual([]);
    expect(cases).toHaveLength(1);
    expect(cases[0]!.acts.map((a) => [a.row, a.act, a.date])).toEqual([
      [2, 'register', '2025-03-03'],
      [3, 'classify', '2025-03-04'],
      [4, 'accept', '2025-03-11'],
    ]);
    expect(cases[0]!.petitioners).toEqual([
      { fullName: 'Nguyễn Văn An', idNumber: '0372', phone: '0912', address: 'Thôn 1', representative: true },
    ]);
  });

  it('names the row and column of every problem', () => {
    const { errors } = planImport(
      file(
        `${header}\n${register}\nA,accept,,,2025-02-30,,,,,,,\nB,classify,,2025-03-04,,,,,,,complaint,u1\nA,accept,,2025-03-05,2025-03-06,,,,,,,\nA,fly,,,,,,,,,,`,
      ),
    );
    expect(errors).toEqual([
      { path: 'row 3/acceptedAt', message: expect.stringMatching(/real date/) },
      { path: 'row 4/act', message: 'B must start with a register row' },
      { path: 'row 5/at', message: 'not used by the act accept' },
      { path: 'row 6/act', message: expect.stringMatching(/must be one of/) },
    ]);
  });

  it('refuses unknown columns and a caseId column: an import only creates new cases', () => {
    expect(planImport(file('externalId,act,caseId,colour\nA,register,x,y')).errors).toEqual([
      { path: 'row 1/caseId', message: expect.stringMatching(/only creates new cases/) },
      { path: 'row 1/colour', message: 'unknown column' },
    ]);
  });

  it('refuses a case registered twice, and required cells left empty', () => {
    const { errors } = planImport(
      file(`${header}\n${register}\n${register}\nC,register,2025-03-03,,,,,,,,,`),
    );
    expect(errors.map((e) => e.path)).toEqual([
      'row 3/act',
      'row 4/channel',
      'row 4/receivingUnitId',
      'row 4/subject',
      'row 4/content',
    ]);
  });
});

describe('import file: XLSX reading', () => {
  it('reads the first worksheet: text, numbers and date-typed cells as YYYY-MM-DD', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Hồ sơ');
    sheet.addRow(['externalId', 'act', 'receivedAt', 'signerCount']);
    sheet.addRow(['GV-1', 'register', new Date(Date.UTC(2025, 2, 3)), 2]);
    sheet.addRow([]);
    sheet.addRow(['GV-1', 'classify', '04/03/2025']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const t = await readXlsx(bytes);
    expect(t.columns).toEqual(['externalId', 'act', 'receivedAt', 'signerCount']);
    expect(t.rows).toEqual([
      { row: 2, cells: { externalId: 'GV-1', act: 'register', receivedAt: '2025-03-03', signerCount: '2' } },
      { row: 4, cells: { externalId: 'GV-1', act: 'classify', receivedAt: '04/03/2025' } },
    ]);
  });

  it('refuses bytes that are not a workbook', async () => {
    await expect(readXlsx(Buffer.from('externalId,act\n'))).rejects.toThrow(/XLSX/);
  });
});
