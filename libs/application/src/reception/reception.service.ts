import { Inject, Injectable } from '@nestjs/common';
import { foldReceptionEvents } from '../folds.js';
import { randomUUID } from 'node:crypto';
import type { ReceptionCommand } from '../../../domain/src/reception/reception.commands.js';
import { decideReception } from '../../../domain/src/reception/reception.decide.js';
import { receptionStreamId } from '../../../domain/src/reception/reception.events.js';
import { type ReceptionState } from '../../../domain/src/reception/reception.state.js';
import { DomainError } from '../../../domain/src/shared/domain-error.js';
import type { StoredEvent } from '../../../event-store/src/event-store.port.js';
import {
  can,
  requirePermission,
  toActor,
  type Permission,
  type Principal,
} from '../../../security/src/auth/roles.js';
import { StreamExecutor } from '../commands/stream-executor.service.js';
import { fail } from '../common/problem.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from '../units/unit-directory.service.js';
import type {
  CancelSessionInput as CancelSessionDto,
  HoldSessionInput as HoldSessionDto,
  ScheduleSessionInput as ScheduleSessionDto,
} from './reception.inputs.js';

const SESSION_ID = /^[A-Za-z0-9-]{1,64}$/;

const fold = (events: StoredEvent[]): ReceptionState => foldReceptionEvents(events);

/** The session as the API shows it. */
export function sessionView(state: ReceptionState, version: number) {
  if (state.status === 'none') return null;
  return {
    id: state.sessionId,
    unitId: state.unitId,
    hostPersonId: state.hostPersonId,
    date: state.date,
    kind: state.kind,
    mode: state.mode,
    status: state.status,
    held: state.status === 'held' ? { ...state.held, caseIds: [...state.held.caseIds] } : null,
    cancelReason: state.status === 'cancelled' ? state.reason : null,
    version,
  };
}

export interface CommandOptions {
  correlationId: string;
  eventIdSeed?: string;
  ifMatch?: number;
}

/** Citizen-reception sessions (tiếp công dân): stream `reception-<id>`, decided by the domain's decideReception. */
@Injectable()
export class ReceptionService {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly executor: StreamExecutor,
    private readonly units: UnitDirectory,
  ) {}

  async schedule(dto: ScheduleSessionDto, principal: Principal, opts: CommandOptions) {
    requirePermission(principal, 'reception.schedule');
    if (!(await this.units.exists(dto.unitId))) {
      fail('VALIDATION_FAILED', 'unitId: no such unit', [{ path: 'unitId', message: 'no such unit' }]);
    }
    if (!(await this.units.inScope(principal, [dto.unitId]))) {
      fail('FORBIDDEN', 'you may schedule sessions only for your unit and the units below it');
    }
    // From the Idempotency-Key when there is one: a retry after a crash finds the same session.
    const sessionId = opts.eventIdSeed
      ? StreamExecutor.seededId(opts.eventIdSeed, 'reception-session')
      : randomUUID();
    return this.run(sessionId, principal, opts, () => ({
      type: 'ScheduleReceptionSession',
      data: {
        sessionId,
        unitId: dto.unitId,
        hostPersonId: dto.hostPersonId,
        date: dto.date,
        kind: dto.kind,
        mode: dto.mode,
      },
    }));
  }

  async hold(sessionId: string, dto: HoldSessionDto, principal: Principal, opts: CommandOptions) {
    const { state } = await this.load(sessionId, principal);
    requirePermission(principal, 'reception.hold');
    // The head in office on the day it was held, from the unit stream (strongly consistent).
    const head = await this.units.headOn(state.unitId, dto.heldOn);
    // The host is the unit's head on that day, or the person recording it, from the session's unit.
    const actorHosts = dto.hostPersonId === principal.id && principal.unitId === state.unitId;
    if (head?.personId !== dto.hostPersonId && !actorHosts)
      fail('VALIDATION_FAILED', 'hostPersonId: neither the head of the unit on that day nor you', [
        {
          path: 'hostPersonId',
          message: "the host is the unit's head on heldOn, or the recording person of the session's unit",
        },
      ]);
    return this.run(sessionId, principal, opts, () => ({
      type: 'HoldReceptionSession',
      data: {
        heldOn: dto.heldOn,
        hostPersonId: dto.hostPersonId,
        citizensReceived: dto.citizensReceived,
        ...(dto.caseIds ? { caseIds: dto.caseIds } : {}),
        headOnDate: head ? { personId: head.personId } : null,
      },
    }));
  }

  async cancel(sessionId: string, dto: CancelSessionDto, principal: Principal, opts: CommandOptions) {
    await this.load(sessionId, principal);
    requirePermission(principal, 'reception.schedule');
    return this.run(sessionId, principal, opts, () => ({
      type: 'CancelReceptionSession',
      data: { reason: dto.reason },
    }));
  }

  /** Unknown or out of scope → 404 (existence is not revealed). */
  async load(
    sessionId: string,
    principal: Principal,
  ): Promise<{ state: Exclude<ReceptionState, { status: 'none' }>; version: number }> {
    if (!SESSION_ID.test(sessionId)) return fail('NOT_FOUND', `no reception session ${sessionId}`);
    const events = await this.runtime.store.readStream(receptionStreamId(sessionId));
    const state = fold(events);
    if (state.status === 'none' || !(await this.units.inScope(principal, [state.unitId]))) {
      return fail('NOT_FOUND', `no reception session ${sessionId}`);
    }
    return { state, version: events.length ? events[events.length - 1].version : 0 };
  }

  async get(sessionId: string, principal: Principal) {
    const { state, version } = await this.load(sessionId, principal);
    const readers: Permission[] = ['case.read', 'boards.read'];
    if (!readers.some((p) => can(principal, p))) requirePermission(principal, 'boards.read');
    return sessionView(state, version)!;
  }

  private async run(
    sessionId: string,
    principal: Principal,
    opts: CommandOptions,
    build: () => ReceptionCommand,
  ) {
    const result = await this.executor.execute(
      receptionStreamId(sessionId),
      (history, ctx) => {
        const state = fold(history);
        const cmd = build();
        if (cmd.type !== 'ScheduleReceptionSession' && state.status === 'none') {
          throw new DomainError('NOT_FOUND', `no reception session ${sessionId}`);
        }
        return decideReception(cmd, state, ctx);
      },
      {
        actor: toActor(principal),
        correlationId: opts.correlationId,
        eventIdSeed: opts.eventIdSeed,
        ifMatch: opts.ifMatch,
      },
    );
    const view = sessionView(fold(result.events), result.version)!;
    return { ...view, ...(result.position ? { position: Number(result.position) } : {}) };
  }
}
