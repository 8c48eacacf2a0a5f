/**
 * The import file's columns and acts (docs/import.md): rows → cases, each a list of acts with the
 * business date they are decided on. Parsing only: the law's guards are applied by the domain's
 * `decide`, act by act, when the import is validated (import.service.ts).
 */
import type { CaseCommand, ExistingCase } from '../../../domain/src/index.js';
import { isIsoDate, type IsoDate } from '../../../domain/src/index.js';
import type { ImportRow, ImportTable } from './import.table.js';

export const ACTS = [
  'register',
  'classify',
  'accept',
  'reject',
  'guide',
  'archive',
  'transfer',
  'assign',
  'extend',
  'suspend',
  'resume',
  'dialogue',
  'resolve',
  'withdraw',
  'terminate',
  'close',
] as const;
export type ImportActName = (typeof ACTS)[number];

/** The column holding each act's business date: the field of the HTTP request body (docs/reference/api-contract.md). */
export const DATE_COLUMN: Record<ImportActName, string | null> = {
  register: 'receivedAt',
  classify: 'at',
  accept: 'acceptedAt',
  reject: 'at',
  guide: 'at',
  archive: 'at',
  transfer: 'at',
  assign: null,
  extend: 'at',
  suspend: 'at',
  resume: 'at',
  dialogue: 'heldAt',
  resolve: 'decidedAt',
  withdraw: 'at',
  terminate: 'at',
  close: 'at',
};

/** The other columns each act reads (the fields of its HTTP request body). */
export const ACT_COLUMNS: Record<ImportActName, readonly string[]> = {
  register: [
    'receivingUnitId',
    'channel',
    'subject',
    'content',
    'field',
    'kindHint',
    'petitioners',
    'signerCount',
    'anonymous',
    'forwardedBy',
    'registryNo',
  ],
  classify: ['kind', 'level', 'competentUnitId', 'processable', 'multiLocation', 'disciplinary', 'reason'],
  accept: ['complex', 'especiallyComplex', 'remoteArea', 'decisionNo'],
  reject: ['reason'],
  guide: ['agency', 'note'],
  archive: ['reason'],
  transfer: ['toUnitId', 'reason'],
  assign: ['handlerId'],
  extend: ['reason', 'days', 'decisionNo'],
  suspend: ['reason'],
  resume: [],
  dialogue: ['noticeOn', 'participants', 'minutes', 'outcome'],
  resolve: ['decisionNo', 'outcome', 'summary', 'verificationAgreesWithRequest'],
  withdraw: ['reason'],
  terminate: ['reason'],
  close: [],
};

export const KNOWN_COLUMNS: readonly string[] = [
  'externalId',
  'act',
  ...new Set([
    ...Object.values(DATE_COLUMN).filter((c): c is string => c !== null),
    ...Object.values(ACT_COLUMNS).flat(),
  ]),
];

const CHANNELS = ['in_person', 'post', 'online', 'hotline', 'forwarded', 'reception_session'];
const FIELDS = [
  'land',
  'compensation',
  'site_clearance',
  'housing',
  'policy',
  'justice',
  'corruption',
  'other',
];
const KINDS = ['complaint', 'denunciation', 'petition', 'reflection'];
const EXTERNAL_ID = /^[\p{L}\p{N}._/:-]{1,64}$/u;

export interface ImportError {
  path: string;
  message: string;
}

export interface PetitionerCell {
  fullName: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  representative?: boolean;
}

export interface ImportAct {
  row: number;
  act: ImportActName;
  /** The business date the act is decided on (an `assign` row takes the previous act's). */
  date: IsoDate;
  cells: Record<string, string>;
}

export interface ImportCasePlan {
  externalId: string;
  /** The first row of the case (its `register` row). */
  row: number;
  acts: ImportAct[];
  petitioners: PetitionerCell[];
}

/** A cell read as a typed value; problems go to `errors` as `row N/<column>`. */
class RowReader {
  constructor(
    private readonly r: ImportRow,
    private readonly errors: ImportError[],
  ) {}

  private fail(column: string, message: string): undefined {
    this.errors.push({ path: `row ${this.r.row}/${column}`, message });
    return undefined;
  }

  text(column: string, max = 4000): string | undefined {
    const v = this.r.cells[column];
    if (v === undefined) return undefined;
    if (v.length > max) return this.fail(column, `at most ${max} characters`);
    return v;
  }

  required(column: string, max = 4000): string | undefined {
    const v = this.text(column, max);
    return v === undefined ? this.fail(column, 'required') : v;
  }

  oneOf(column: string, values: readonly string[]): string | undefined {
    const v = this.r.cells[column];
    if (v === undefined) return undefined;
    return values.includes(v) ? v : this.fail(column, `must be one of ${values.join(', ')}`);
  }

  bool(column: string): boolean | undefined {
    const v = this.r.cells[column]?.toLowerCase();
    if (v === undefined) return undefined;
    if (['true', '1', 'x', 'có', 'co'].includes(v)) return true;
    if (['false', '0', 'không', 'khong'].includes(v)) return false;
    return this.fail(column, 'must be true or false (1/0, có/không)');
  }

  int(column: string, min: number, max: number): number | undefined {
    const v = this.r.cells[column];
    if (v === undefined) return undefined;
    if (!/^\d{1,6}$/.test(v) || Number(v) < min || Number(v) > max)
      return this.fail(column, `must be a whole number from ${min} to ${max}`);
    return Number(v);
  }

  date(column: string): IsoDate | undefined {
    const v = this.r.cells[column];
    if (v === undefined) return undefined;
    const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
    const iso = vn ? `${vn[3]}-${vn[2].padStart(2, '0')}-${vn[1].padStart(2, '0')}` : v;
    return isIsoDate(iso) ? iso : this.fail(column, 'must be a real date (YYYY-MM-DD or DD/MM/YYYY)');
  }
}

/** `Name|idNumber|phone|address|representative`, persons separated by `;`. */
function petitionersOf(cell: string | undefined, rd: RowReader, errors: ImportError[], row: number) {
  if (cell === undefined) return [];
  const out: PetitionerCell[] = [];
  for (const person of cell.split(';')) {
    if (person.trim() === '') continue;
    const [fullName, idNumber, phone, address, representative] = person.split('|').map((s) => s.trim());
    if (!fullName) {
      errors.push({ path: `row ${row}/petitioners`, message: 'every petitioner needs a name' });
      continue;
    }
    if (fullName.length > 200 || [idNumber, phone, address].some((s) => s !== undefined && s.length > 500)) {
      errors.push({ path: `row ${row}/petitioners`, message: 'a petitioner field is too long' });
      continue;
    }
    const p: PetitionerCell = { fullName };
    if (idNumber) p.idNumber = idNumber;
    if (phone) p.phone = phone;
    if (address) p.address = address;
    if (representative && ['x', 'true', '1', 'có'].includes(representative.toLowerCase()))
      p.representative = true;
    out.push(p);
  }
  void rd;
  return out;
}

/** Groups the rows by externalId, checking columns, acts, dates and cell types (no I/O). */
export function planImport(table: ImportTable): { cases: ImportCasePlan[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  for (const c of table.columns) {
    if (c === '') continue;
    if (c === 'caseId')
      errors.push({
        path: 'row 1/caseId',
        message: 'an import only creates new cases: no row may name a case',
      });
    else if (!KNOWN_COLUMNS.includes(c)) errors.push({ path: `row 1/${c}`, message: 'unknown column' });
  }
  for (const required of ['externalId', 'act'])
    if (!table.columns.includes(required))
      errors.push({ path: `row 1/${required}`, message: 'column missing' });
  if (errors.length) return { cases: [], errors };
  if (table.rows.length === 0)
    return { cases: [], errors: [{ path: 'row 2', message: 'the file has no rows' }] };
  const byId = new Map<string, ImportCasePlan>();
  for (const r of table.rows) {
    const rd = new RowReader(r, errors);
    const externalId = rd.required('externalId', 64);
    const act = rd.required('act') as ImportActName | undefined;
    if (externalId === undefined || act === undefined) continue;
    if (!EXTERNAL_ID.test(externalId)) {
      errors.push({ path: `row ${r.row}/externalId`, message: 'letters, digits and . _ / : - only' });
      continue;
    }
    if (!ACTS.includes(act)) {
      errors.push({ path: `row ${r.row}/act`, message: `must be one of ${ACTS.join(', ')}` });
      continue;
    }
    const allowed = new Set(['externalId', 'act', ...ACT_COLUMNS[act]]);
    const dateColumn = DATE_COLUMN[act];
    if (dateColumn) allowed.add(dateColumn);
    for (const c of Object.keys(r.cells))
      if (!allowed.has(c)) errors.push({ path: `row ${r.row}/${c}`, message: `not used by the act ${act}` });
    let plan = byId.get(externalId);
    if (act === 'register') {
      if (plan) {
        errors.push({
          path: `row ${r.row}/act`,
          message: `${externalId} is registered twice (row ${plan.row})`,
        });
        continue;
      }
    } else if (!plan) {
      errors.push({ path: `row ${r.row}/act`, message: `${externalId} must start with a register row` });
      continue;
    }
    let date: IsoDate | undefined;
    if (dateColumn) date = rd.date(dateColumn) ?? (r.cells[dateColumn] ? undefined : rd.required(dateColumn));
    else date = plan?.acts.at(-1)?.date;
    if (date === undefined) continue;
    // typed cells, checked here so that every problem of the row is reported at once
    if (act === 'register') {
      if (rd.oneOf('channel', CHANNELS) === undefined && r.cells.channel === undefined)
        rd.required('channel');
      rd.required('receivingUnitId', 64);
      rd.required('subject', 500);
      rd.required('content', 20_000);
      rd.oneOf('field', FIELDS);
      rd.oneOf('kindHint', KINDS);
      rd.int('signerCount', 1, 100_000);
      rd.bool('anonymous');
      rd.text('forwardedBy', 500);
      rd.text('registryNo', 100);
    }
    if (act === 'classify') {
      if (rd.oneOf('kind', KINDS) === undefined && r.cells.kind === undefined) rd.required('kind');
      rd.required('competentUnitId', 64);
      rd.oneOf('level', ['1', '2']);
      rd.bool('processable');
      rd.bool('multiLocation');
      rd.bool('disciplinary');
    }
    if (act === 'accept') for (const c of ['complex', 'especiallyComplex', 'remoteArea']) rd.bool(c);
    if (act === 'transfer') rd.required('toUnitId', 64);
    if (act === 'assign') rd.required('handlerId', 200);
    if (act === 'extend') rd.int('days', 1, 30);
    if (act === 'dialogue') {
      rd.date('noticeOn');
      rd.required('minutes', 20_000);
      rd.required('outcome');
    }
    if (act === 'resolve') {
      rd.required('outcome');
      rd.required('summary', 20_000);
      rd.bool('verificationAgreesWithRequest');
    }
    if (act === 'guide') rd.required('agency', 500);
    if (['reject', 'archive', 'transfer', 'extend', 'suspend', 'terminate'].includes(act))
      rd.required('reason', 2000);
    if (act === 'register') {
      plan = {
        externalId,
        row: r.row,
        acts: [],
        petitioners: petitionersOf(r.cells.petitioners, rd, errors, r.row),
      };
      byId.set(externalId, plan);
    }
    plan!.acts.push({ row: r.row, act, date, cells: r.cells });
  }
  return { cases: [...byId.values()], errors };
}

/** What building a command needs besides the row: the unit tree, and the sealed petitioners. */
export interface CommandDeps {
  caseId: string;
  trackingCode: string;
  petitioners: { personRef: string; sealed: string; representative: boolean }[];
  /** The letter sealed under the case's letter key (architecture.md decision 7; validation: a placeholder). */
  sealContent(text: string): Promise<string>;
  isWithin(unitId: string, rootId: string): Promise<boolean>;
  dialogueId(row: number): string;
}

const bool = (v: string | undefined): boolean | undefined =>
  v === undefined ? undefined : ['true', '1', 'x', 'có', 'co'].includes(v.toLowerCase());
const int = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The domain command of one act (cells already checked by planImport). */
export async function commandOf(
  a: ImportAct,
  state: ExistingCase | null,
  deps: CommandDeps,
): Promise<CaseCommand> {
  const c = a.cells;
  const at = a.date;
  switch (a.act) {
    case 'register':
      return {
        type: 'RegisterCase',
        data: defined({
          caseId: deps.caseId,
          trackingCode: deps.trackingCode,
          receivedAt: at,
          channel: c.channel as never,
          receivingUnitId: c.receivingUnitId!,
          petitioners: deps.petitioners,
          signerCount: int(c.signerCount),
          subject: c.subject!,
          sealedContent: await deps.sealContent(c.content!),
          field: c.field as never,
          kindHint: c.kindHint as never,
          anonymous: bool(c.anonymous),
          forwardedBy: c.forwardedBy,
          registryNo: c.registryNo,
        }),
      };
    case 'classify':
      return {
        type: 'ClassifyCase',
        data: defined({
          at,
          kind: c.kind as never,
          level: c.level ? (Number(c.level) as 1 | 2) : undefined,
          competentUnitId: c.competentUnitId!,
          processable: bool(c.processable) ?? true,
          multiLocation: bool(c.multiLocation),
          disciplinary: bool(c.disciplinary),
          reason: c.reason,
          competentWithinReceivingSubtree: state
            ? await deps.isWithin(c.competentUnitId!, state.receivingUnitId)
            : false,
        }),
      };
    case 'accept':
      return {
        type: 'AcceptCase',
        data: defined({
          acceptedAt: at,
          complex: bool(c.complex),
          especiallyComplex: bool(c.especiallyComplex),
          remoteArea: bool(c.remoteArea),
          decisionNo: c.decisionNo,
        }),
      };
    case 'reject':
      return { type: 'RejectCase', data: { at, reason: c.reason! } };
    case 'guide':
      return { type: 'GuideCase', data: defined({ at, agency: c.agency!, note: c.note }) };
    case 'archive':
      return { type: 'ArchiveCase', data: { at, reason: c.reason as never } };
    case 'transfer':
      return { type: 'TransferCase', data: { at, toUnitId: c.toUnitId!, reason: c.reason! } };
    case 'assign':
      return { type: 'AssignHandler', data: { handlerId: c.handlerId! } };
    case 'extend':
      return {
        type: 'ExtendDeadline',
        data: defined({ at, reason: c.reason!, days: int(c.days), decisionNo: c.decisionNo }),
      };
    case 'suspend':
      return { type: 'SuspendCase', data: { at, reason: c.reason! } };
    case 'resume':
      return { type: 'ResumeCase', data: { at } };
    case 'dialogue': {
      const noticeOn = c.noticeOn ? (/^\d{4}-/.test(c.noticeOn) ? c.noticeOn : toIso(c.noticeOn)) : undefined;
      return {
        type: 'RecordDialogue',
        data: defined({
          dialogueId: deps.dialogueId(a.row),
          heldAt: at,
          noticeOn,
          participants: (c.participants ?? '')
            .split(';')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
          minutes: c.minutes!,
          outcome: c.outcome as never,
        }),
      };
    }
    case 'resolve':
      return {
        type: 'ResolveCase',
        data: defined({
          decidedAt: at,
          decisionNo: c.decisionNo,
          outcome: c.outcome as never,
          summary: c.summary!,
          verificationAgreesWithRequest: bool(c.verificationAgreesWithRequest),
        }),
      };
    case 'withdraw':
      return { type: 'WithdrawCase', data: defined({ at, reason: c.reason }) };
    case 'terminate':
      return { type: 'TerminateCase', data: { at, reason: c.reason! } };
    case 'close':
      return { type: 'CloseCase', data: { at } };
  }
}

function toIso(v: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : v;
}

/** The unit ids a case's rows name (each must exist). */
export function unitCellsOf(plan: ImportCasePlan): { row: number; column: string; unitId: string }[] {
  const out: { row: number; column: string; unitId: string }[] = [];
  for (const a of plan.acts)
    for (const column of ['receivingUnitId', 'competentUnitId', 'toUnitId'])
      if (a.cells[column]) out.push({ row: a.row, column, unitId: a.cells[column] });
  return out;
}
