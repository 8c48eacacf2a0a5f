import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import {
  caseStreamId,
  decide,
  evolve,
  initialCaseState,
  type CaseEvent,
  type CaseState,
  type ExistingCase,
  vietnamDateOf,
  type IsoDate,
  DomainError,
} from '../../../domain/src/index.js';
import type { DecideContext } from '../../../domain/src/index.js';
import { requirePermission, toActor, type Principal } from '../../../security/src/index.js';
import { CaseService } from '../cases/case.service.js';
import { ProjectionRunner } from '../../../read-models/src/index.js';
import { StreamConflict } from '../commands/conflict-retry.js';
import { decideContext, handleCommand, seededId, type DomainEventLike } from '../commands/handle-command.js';
import { fail } from '../common/problem.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from '../units/unit-directory.service.js';
import {
  DATE_COLUMN,
  commandOf,
  planImport,
  unitCellsOf,
  type CommandDeps,
  type ImportCasePlan,
  type ImportError,
} from './import.plan.js';
import { ImportFileError, readCsv, readXlsx, type ImportTable } from './import.table.js';

/** Cases written per batch; a batch that fails leaves the cases before it written (resume with the importId). */
export const IMPORT_BATCH_SIZE = 50;
/** At most this many problems are listed in one answer. */
const MAX_ERRORS = 200;
const PERSON_NAMESPACE = '6d3f1c0a-2e7b-4b8e-9a51-0c4d2f8e7a13';
export const IMPORT_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface ImportInput {
  /** The file's bytes and how to read them. */
  file: Buffer;
  format: 'csv' | 'xlsx';
  reason: string;
  dryRun?: boolean;
  /** Resumes an earlier import (default: derived from the file's content, so sending it again resumes). */
  importId?: string;
}

export interface ImportResult {
  importId: string;
  /** Cases written by this call (with dryRun: that would be written). */
  cases: number;
  /** Events written by this call (with dryRun: that would be written). */
  events: number;
  /** Cases of the file that this import had already written (a resumed import skips them). */
  alreadyImported: number;
  dryRun: boolean;
}

/** The mark every imported event carries (docs/reference/api-contract.md, Administration). */
export interface ImportMark {
  imported: true;
  importId: string;
  importReason: string;
}

/**
 * `POST /admin/import` and `donthu import` (docs/reference/api-contract.md, Administration; docs/reference/deadlines.md §9): history an agency
 * handled before donthu. The whole file is validated first — columns, cells, units, `externalId`s not
 * imported before, dates before IMPORT_CUTOVER, and every act decided by the domain, in order, on its
 * business date (so every guard of the law applies) — and nothing is written if a row fails. Then each
 * case is written with one append (one transaction), in batches; ids derive from the importId and the
 * `externalId`, so running the same import again skips what it wrote. Each act is decided as on its
 * business date: it is no late entry, and its deadlines' accountability is decided by business dates.
 */
@Injectable()
export class ImportService {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly runner: ProjectionRunner,
    private readonly units: UnitDirectory,
    private readonly cases: CaseService,
  ) {}

  async run(
    input: ImportInput,
    principal: Principal,
    opts: { correlationId: string },
  ): Promise<ImportResult> {
    requirePermission(principal, 'admin.import');
    const reason = input.reason?.trim() ?? '';
    if (reason === '' || reason.length > 500)
      fail('VALIDATION_FAILED', 'reason is required (at most 500 characters)', [
        { path: 'reason', message: reason === '' ? 'required' : 'at most 500 characters' },
      ]);
    if (input.importId !== undefined && !IMPORT_ID.test(input.importId))
      fail('VALIDATION_FAILED', 'importId: letters, digits and . _ - only', [
        { path: 'importId', message: 'letters, digits and . _ - only (at most 64)' },
      ]);
    const importId =
      input.importId ?? `imp-${createHash('sha256').update(input.file).digest('hex').slice(0, 20)}`;
    const table = await this.read(input);
    const { cases, errors } = planImport(table);
    const pending: ImportCasePlan[] = [];
    let alreadyImported = 0;
    if (errors.length === 0) {
      const known = await this.registered(cases.map((c) => c.externalId));
      for (const plan of cases) {
        const prior = known.get(plan.externalId);
        if (prior && prior.importId === importId) {
          alreadyImported++;
          continue;
        }
        if (prior) {
          errors.push({
            path: `row ${plan.row}/externalId`,
            message: `${plan.externalId} was imported already (import ${prior.importId}); an import only creates new cases`,
          });
          continue;
        }
        const problems = await this.validateCase(plan, importId, reason);
        if (problems.length) errors.push(...problems);
        else pending.push(plan);
      }
    }
    if (errors.length) {
      const list = errors.slice(0, MAX_ERRORS);
      fail('VALIDATION_FAILED', `${errors.length} problem(s) in the import file, nothing was written`, list);
    }
    const eventsOf = (p: ImportCasePlan) => p.acts.length;
    if (input.dryRun)
      return {
        importId,
        cases: pending.length,
        events: pending.reduce((n, p) => n + eventsOf(p), 0),
        alreadyImported,
        dryRun: true,
      };
    let written = 0;
    let events = 0;
    for (let i = 0; i < pending.length; i += IMPORT_BATCH_SIZE) {
      for (const plan of pending.slice(i, i + IMPORT_BATCH_SIZE)) {
        const n = await this.writeCase(plan, importId, reason, principal, opts.correlationId);
        if (n > 0) {
          written++;
          events += n;
        } else alreadyImported++;
      }
    }
    return { importId, cases: written, events, alreadyImported, dryRun: false };
  }

  private async read(input: ImportInput): Promise<ImportTable> {
    if (input.file.length > this.runtime.config.importMaxBytes)
      fail(
        'PAYLOAD_TOO_LARGE',
        `the file is larger than IMPORT_MAX_BYTES (${this.runtime.config.importMaxBytes})`,
      );
    try {
      return input.format === 'xlsx' ? await readXlsx(input.file) : readCsv(input.file);
    } catch (e) {
      if (e instanceof ImportFileError)
        return fail('VALIDATION_FAILED', e.message, [{ path: e.path, message: e.message }]);
      throw e;
    }
  }

  /** The externalIds already imported, with the import that wrote them. */
  private async registered(
    externalIds: string[],
  ): Promise<Map<string, { importId: string; caseId: string }>> {
    const r = await this.runtime.pool.query<{ external_id: string; import_id: string; case_id: string }>(
      'SELECT external_id, import_id, case_id FROM imported_cases WHERE external_id = ANY($1::text[])',
      [externalIds],
    );
    return new Map(r.rows.map((x) => [x.external_id, { importId: x.import_id, caseId: x.case_id }]));
  }

  /** The date every imported act must precede: IMPORT_CUTOVER, else the day of the import. */
  cutover(): IsoDate {
    return this.runtime.config.importCutover ?? vietnamDateOf(this.runtime.clock());
  }

  /** The decision context of an act on its business date: recorded "on that day", so never a late entry. */
  private contextOn(date: IsoDate): DecideContext {
    return { ...decideContext(this.runtime), now: `${date}T05:00:00.000Z`, today: date };
  }

  static caseIdOf(importId: string, externalId: string): string {
    return seededId(`${importId}:${externalId}`, 'imported-case');
  }

  /**
   * Decides every act of a case in order, each on its business date, and returns the events with the
   * import's mark; a broken rule is a DomainError naming the act's row.
   */
  private async decideAll(
    plan: ImportCasePlan,
    deps: CommandDeps,
    mark: ImportMark,
    onError: (row: number, column: string, e: DomainError) => void,
  ): Promise<CaseEvent[] | null> {
    let state: CaseState = initialCaseState();
    const out: CaseEvent[] = [];
    for (const a of plan.acts) {
      try {
        const cmd = await commandOf(a, state.exists ? (state as ExistingCase) : null, deps);
        const events = decide(cmd, state, this.contextOn(a.date));
        for (const e of events) {
          state = evolve(state, e);
          out.push({ ...e, data: { ...e.data, ...mark } } as CaseEvent);
        }
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        const dateColumn = DATE_COLUMN[a.act] ?? 'act';
        const column =
          e.code === 'CALENDAR_UNAVAILABLE'
            ? dateColumn
            : e.path === 'dialogueId' || e.path === undefined
              ? 'act'
              : e.path === 'at' || e.path === 'acceptedAt' || e.path === 'decidedAt' || e.path === 'heldAt'
                ? dateColumn
                : e.path;
        onError(a.row, column, e);
        return null;
      }
    }
    return out;
  }

  private async validateCase(plan: ImportCasePlan, importId: string, reason: string): Promise<ImportError[]> {
    const errors: ImportError[] = [];
    const cutover = this.cutover();
    for (const a of plan.acts) {
      const column = DATE_COLUMN[a.act];
      if (column && a.date >= cutover)
        errors.push({
          path: `row ${a.row}/${column}`,
          message: `must be before ${cutover} (IMPORT_CUTOVER: acts from then on are recorded in donthu)`,
        });
    }
    for (const u of unitCellsOf(plan))
      if (!(await this.units.exists(u.unitId)))
        errors.push({ path: `row ${u.row}/${u.column}`, message: `no such unit: ${u.unitId}` });
    if (errors.length) return errors;
    const caseId = ImportService.caseIdOf(importId, plan.externalId);
    const deps: CommandDeps = {
      caseId,
      trackingCode: 'X',
      petitioners: plan.petitioners.map((p) => ({
        personRef: 'x',
        sealed: 'x',
        representative: p.representative ?? false,
      })),
      sealContent: async (text) => text, // validation only: nothing is written
      isWithin: (u, root) => this.units.isWithin(u, root),
      dialogueId: (row) => uuidv5(`${caseId}:dialogue:${row}`, PERSON_NAMESPACE),
    };
    const mark: ImportMark = { imported: true, importId, importReason: reason };
    await this.decideAll(plan, deps, mark, (row, column, e) =>
      errors.push({
        path: `row ${row}/${column}`,
        message: e.code === 'ILLEGAL_TRANSITION' ? `the law does not allow it: ${e.message}` : e.message,
      }),
    );
    return errors;
  }

  /** Writes one case in one append; 0 when this import had written it already. */
  private async writeCase(
    plan: ImportCasePlan,
    importId: string,
    reason: string,
    principal: Principal,
    correlationId: string,
  ): Promise<number> {
    const caseId = ImportService.caseIdOf(importId, plan.externalId);
    const streamId = caseStreamId(caseId);
    const remember = () =>
      this.runtime.pool.query(
        `INSERT INTO imported_cases (external_id, import_id, case_id) VALUES ($1, $2, $3)
         ON CONFLICT (external_id) DO NOTHING`,
        [plan.externalId, importId, caseId],
      );
    if ((await this.runtime.store.streamHead(streamId)) !== null) {
      await remember();
      return 0;
    }
    const register = plan.acts[0]!;
    const trackingCode = await this.cases.trackingCodeFor(
      register.cells.receivingUnitId!,
      register.date.slice(0, 4),
      caseId,
    );
    const sealed = await this.cases.sealPetitioners(plan.petitioners, (i) =>
      uuidv5(`${caseId}:petitioner:${i}`, PERSON_NAMESPACE),
    );
    const deps: CommandDeps = {
      caseId,
      trackingCode,
      petitioners: sealed,
      sealContent: (text) => this.cases.sealLetter(caseId, text),
      isWithin: (u, root) => this.units.isWithin(u, root),
      dialogueId: (row) => uuidv5(`${caseId}:dialogue:${row}`, PERSON_NAMESPACE),
    };
    const mark: ImportMark = { imported: true, importId, importReason: reason };
    let appended: number;
    try {
      // One append (one transaction) for the whole case, through the one command step.
      const result = await handleCommand(
        this.runtime,
        streamId,
        async (history): Promise<DomainEventLike[]> => {
          if (history.length > 0) return []; // written by a run of the same import that got there first
          const events = await this.decideAll(plan, deps, mark, (row, column, e) => {
            throw e;
          });
          return events ?? [];
        },
        { actor: toActor(principal), correlationId, eventIdSeed: `import:${importId}`, history: [] },
        () => this.runner.poke(),
      );
      appended = result.appended.length;
    } catch (err) {
      // Only this import writes this stream: a run of it that got there first wrote the case.
      if (!(err instanceof StreamConflict)) throw err;
      appended = 0;
    }
    await remember();
    return appended;
  }
}
