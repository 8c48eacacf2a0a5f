import { Inject, Injectable } from '@nestjs/common';
import { foldUnitEvents } from '../folds.js';
import { randomUUID } from 'node:crypto';
import { decideUnit } from '../../../domain/src/unit/unit.decide.js';
import type { UnitCommand } from '../../../domain/src/unit/unit.commands.js';
import { unitStreamId } from '../../../domain/src/unit/unit.events.js';
import { type UnitState } from '../../../domain/src/unit/unit.state.js';
import { headOn, isActiveOn, nameOn } from '../../../domain/src/unit/unit.queries.js';
import { vietnamDateOf } from '../../../domain/src/shared/dates.js';
import type { StoredEvent } from '../../../event-store/src/event-store.port.js';
import { requirePermission, toActor, type Principal } from '../../../security/src/auth/roles.js';
import { unitStateOfRow } from '../../../read-models/src/read-models/units.projection.js';
import { StreamExecutor } from '../commands/stream-executor.service.js';
import { fail } from '../common/problem.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from './unit-directory.service.js';
import type {
  AppointHeadInput as AppointHeadDto,
  CreateUnitInput as CreateUnitDto,
  MergeUnitInput as MergeUnitDto,
} from './unit.inputs.js';

const fold = (events: StoredEvent[]): UnitState => foldUnitEvents(events);

/** What every unit command carries from the request: If-Match and Idempotency-Key, as for cases (docs/reference/api-contract.md, Concurrency and Idempotency). */
export interface UnitCommandOptions {
  correlationId: string;
  ifMatch?: number;
  eventIdSeed?: string;
}

export function unitView(s: UnitState, date: string) {
  if (s.status === 'none') return null;
  const head = headOn(s, date);
  return {
    id: s.unitId,
    name: nameOn(s, date),
    level: s.level,
    parentId: s.parentId,
    createdAt: s.createdAt,
    status: s.status === 'merged' && date >= s.mergedOn ? 'merged' : 'active',
    mergedInto: s.status === 'merged' ? s.intoUnitId : null,
    mergedOn: s.status === 'merged' ? s.mergedOn : null,
    head: head ? { personId: head.personId, fullName: head.fullName, acting: head.acting } : null,
    // As of a date: only the terms and names that had begun by then.
    heads: s.terms
      .filter((t) => t.from <= date)
      .map((t) => ({
        personId: t.personId,
        fullName: t.fullName,
        acting: t.acting,
        from: t.from,
        to: t.to,
      })),
    names: s.names.filter((n) => n.from <= date || n === s.names[0]),
  };
}

@Injectable()
export class UnitService {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly executor: StreamExecutor,
    private readonly directory: UnitDirectory,
  ) {}

  private today(): string {
    return vietnamDateOf(this.runtime.clock());
  }

  async create(dto: CreateUnitDto, principal: Principal, opts: UnitCommandOptions) {
    requirePermission(principal, 'units.manage');
    // From the Idempotency-Key when there is one: a retry after a crash finds the same unit.
    const unitId =
      dto.id ?? (opts.eventIdSeed ? StreamExecutor.seededId(opts.eventIdSeed, 'unit') : randomUUID());
    if (dto.parentId && !(await this.directory.exists(dto.parentId))) {
      fail('VALIDATION_FAILED', 'parentId: no such unit', [{ path: 'parentId', message: 'no such unit' }]);
    }
    const result = await this.run(unitId, principal, opts, (ctx) => ({
      type: 'CreateUnit',
      data: {
        unitId,
        name: dto.name,
        level: dto.level,
        parentId: dto.parentId ?? null,
        createdAt: ctx.today,
      },
    }));
    return result;
  }

  async rename(unitId: string, name: string, principal: Principal, opts: UnitCommandOptions) {
    requirePermission(principal, 'units.manage');
    await this.mustExist(unitId);
    return this.run(unitId, principal, opts, (ctx) => ({
      type: 'RenameUnit',
      data: { name, on: ctx.today },
    }));
  }

  async appointHead(unitId: string, dto: AppointHeadDto, principal: Principal, opts: UnitCommandOptions) {
    requirePermission(principal, 'units.manage');
    await this.mustExist(unitId);
    return this.run(unitId, principal, opts, () => ({
      type: 'AppointHead',
      data: { personId: dto.personId, fullName: dto.fullName, from: dto.from, acting: dto.acting ?? false },
    }));
  }

  async merge(unitId: string, dto: MergeUnitDto, principal: Principal, opts: UnitCommandOptions) {
    requirePermission(principal, 'units.manage');
    await this.mustExist(unitId);
    if (dto.intoUnitId === unitId)
      fail('VALIDATION_FAILED', 'a unit cannot merge into itself', [
        { path: 'intoUnitId', message: 'must be another unit' },
      ]);
    const successor = await this.directory.state(dto.intoUnitId);
    if (successor.status === 'none')
      fail('VALIDATION_FAILED', 'intoUnitId: no such unit', [
        { path: 'intoUnitId', message: 'no such unit' },
      ]);
    if (successor.status === 'merged') fail('ILLEGAL_TRANSITION', `unit ${dto.intoUnitId} has itself ceased`);
    if (await this.directory.isWithin(dto.intoUnitId, unitId)) {
      fail('VALIDATION_FAILED', 'a unit cannot merge into one of its own subunits', [
        { path: 'intoUnitId', message: 'is below the ceasing unit' },
      ]);
    }
    return this.run(unitId, principal, opts, () => ({
      type: 'MergeUnit',
      data: { intoUnitId: dto.intoUnitId, effectiveOn: dto.effectiveOn },
    }));
  }

  private async mustExist(unitId: string): Promise<void> {
    if (!(await this.directory.exists(unitId))) fail('NOT_FOUND', `no unit ${unitId}`);
  }

  private async run(
    unitId: string,
    principal: Principal,
    opts: UnitCommandOptions,
    build: (ctx: { today: string }) => UnitCommand,
  ) {
    const result = await this.executor.execute(
      unitStreamId(unitId),
      (history, ctx) => decideUnit(build(ctx), fold(history), ctx),
      {
        actor: toActor(principal),
        correlationId: opts.correlationId,
        ifMatch: opts.ifMatch,
        eventIdSeed: opts.eventIdSeed,
      },
    );
    const view = unitView(fold(result.events), this.today());
    return {
      ...view!,
      version: result.version,
      position: result.position ? Number(result.position) : undefined,
    };
  }

  async get(unitId: string, principal: Principal, asOf?: string) {
    const s = await this.directory.state(unitId);
    if (s.status === 'none' || !(await this.directory.inScope(principal, [unitId])))
      return fail('NOT_FOUND', `no unit ${unitId}`);
    const date = asOf ?? this.today();
    if (asOf && !isActiveOn(s, asOf) && asOf < s.createdAt)
      fail('NOT_FOUND', `unit ${unitId} did not exist on ${asOf}`);
    return unitView(s, date);
  }

  /** The tree on a date (from the units read model): units existing that day with the names and heads of that day. */
  async list(principal: Principal, asOf?: string) {
    const date = asOf ?? this.today();
    const rows: Record<string, unknown>[] = await this.runtime.dataSource.query(
      'SELECT * FROM rm_units WHERE recorded_to IS NULL ORDER BY unit_id',
    );
    const items = [];
    for (const row of rows) {
      const s = unitStateOfRow(row);
      if (s.status === 'none') continue;
      if (asOf && (date < s.createdAt || (s.status === 'merged' && date >= s.mergedOn))) continue;
      if (!(await this.directory.inScope(principal, [s.unitId]))) continue;
      items.push(unitView(s, date));
    }
    return { items, total: items.length, page: 1, pageSize: Math.max(1, Math.min(200, items.length)) };
  }
}
