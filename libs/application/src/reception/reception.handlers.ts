import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { ReceptionCommand } from '../../../domain/src/index.js';
import {
  decideReception,
  receptionStreamId,
  evolveReception,
  type ReceptionState,
  DomainError,
  vietnamDateOf,
} from '../../../domain/src/index.js';
import type { StoredEvent } from '../../../event-store/src/index.js';
import { ProjectionRunner } from '../../../read-models/src/index.js';
import { can, requirePermission } from '../../../security/src/index.js';
import { commandOptions, type CommandMeta } from '../bus/messages.js';
import { handleCommand, seededId } from '../commands/handle-command.js';
import { fail } from '../common/problem.js';
import { foldReceptionEvents } from '../folds.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from '../units/unit-directory.service.js';
import { CancelSession, CorrectSession, HoldSession, ScheduleSession } from './reception.commands.js';
import { ReceptionService, sessionView, type SessionCommandResult } from './reception.service.js';

/**
 * One handler per reception-session command: check, then `handleCommand` on `reception-<id>` (412 on
 * a stale If-Match, decide with the domain's decideReception, append). A session already loaded for
 * the scope check is not read or folded again; the view after is evolved from the decided events.
 */
@Injectable()
abstract class SessionHandler {
  constructor(
    @Inject(RUNTIME) protected readonly runtime: Runtime,
    protected readonly runner: ProjectionRunner,
    protected readonly sessions: ReceptionService,
    protected readonly units: UnitDirectory,
  ) {}

  protected async run(
    sessionId: string,
    meta: CommandMeta,
    command: ReceptionCommand,
    loaded?: { state: ReceptionState; events: StoredEvent[] },
  ): Promise<SessionCommandResult> {
    const decided: { state?: ReceptionState } = {};
    const result = await handleCommand(
      this.runtime,
      receptionStreamId(sessionId),
      (history, ctx) => {
        const state = loaded && history === loaded.events ? loaded.state : foldReceptionEvents(history);
        if (command.type !== 'ScheduleReceptionSession' && state.status === 'none') {
          throw new DomainError('NOT_FOUND', `no reception session ${sessionId}`);
        }
        const events = decideReception(command, state, ctx);
        decided.state = events.reduce(evolveReception, state);
        return events;
      },
      { ...commandOptions(meta), ...(loaded ? { history: loaded.events } : {}) },
      () => this.runner.poke(),
    );
    // A replay of a command that committed earlier decided nothing now: its outcome is folded.
    const view = sessionView(decided.state ?? foldReceptionEvents(result.events), result.version)!;
    return { ...view, ...(result.position ? { position: Number(result.position) } : {}) };
  }
}

@CommandHandler(ScheduleSession)
export class ScheduleSessionHandler
  extends SessionHandler
  implements ICommandHandler<ScheduleSession, SessionCommandResult>
{
  async execute({ input, meta }: ScheduleSession): Promise<SessionCommandResult> {
    const { principal } = meta;
    requirePermission(principal, 'reception.schedule');
    if (!(await this.units.exists(input.unitId))) {
      fail('VALIDATION_FAILED', 'unitId: no such unit', [{ path: 'unitId', message: 'no such unit' }]);
    }
    if (!(await this.units.inScope(principal, [input.unitId]))) {
      fail('FORBIDDEN', 'you may schedule sessions only for your unit and the units below it');
    }
    // Not before the unit's `from`, not from its `ceasedOn`.
    const problem = await this.units.problemOn(input.unitId, input.date);
    if (problem) fail('VALIDATION_FAILED', `date: ${problem}`, [{ path: 'date', message: problem }]);
    // From the Idempotency-Key when there is one: a retry after a crash finds the same session.
    const sessionId = meta.eventIdSeed ? seededId(meta.eventIdSeed, 'reception-session') : randomUUID();
    return this.run(sessionId, meta, {
      type: 'ScheduleReceptionSession',
      data: {
        sessionId,
        unitId: input.unitId,
        hostPersonId: input.hostPersonId,
        date: input.date,
        kind: input.kind,
        mode: input.mode,
      },
    });
  }
}

@CommandHandler(HoldSession)
export class HoldSessionHandler
  extends SessionHandler
  implements ICommandHandler<HoldSession, SessionCommandResult>
{
  async execute({ sessionId, input, meta }: HoldSession): Promise<SessionCommandResult> {
    const { principal } = meta;
    const loaded = await this.sessions.load(sessionId, principal);
    // The head in office on the day it was held, from the unit stream (strongly consistent).
    const head = await this.units.headOn(loaded.state.unitId, input.heldOn);
    // Who is that head's delegate today (the day the hold is recorded).
    const today = vietnamDateOf(this.runtime.clock());
    const delegates = head ? await this.units.delegatesOf(loaded.state.unitId, head.personId, today) : [];
    // Heads hold (as host); reception staff record holds as a head's delegate.
    if (!can(principal, 'reception.hold') && !delegates.includes(principal.id))
      requirePermission(principal, 'reception.hold');
    const problem = await this.units.problemOn(loaded.state.unitId, input.heldOn);
    if (problem) fail('VALIDATION_FAILED', `heldOn: ${problem}`, [{ path: 'heldOn', message: problem }]);
    // The host is the unit's head on that day, or the person recording it, from the session's unit.
    const actorHosts = input.hostPersonId === principal.id && principal.unitId === loaded.state.unitId;
    if (head?.personId !== input.hostPersonId && !actorHosts)
      fail('VALIDATION_FAILED', 'hostPersonId: neither the head of the unit on that day nor you', [
        {
          path: 'hostPersonId',
          message: "the host is the unit's head on heldOn, or the recording person of the session's unit",
        },
      ]);
    return this.run(
      sessionId,
      meta,
      {
        type: 'HoldReceptionSession',
        data: {
          heldOn: input.heldOn,
          hostPersonId: input.hostPersonId,
          citizensReceived: input.citizensReceived,
          ...(input.caseIds ? { caseIds: input.caseIds } : {}),
          headOnDate: head ? { personId: head.personId } : null,
          recordedBy: { id: principal.id, name: principal.name },
          delegatesOfHead: delegates,
        },
      },
      loaded,
    );
  }
}

/**
 * A mistaken hold corrected by an audited event: heads of the unit (and admins). It counts as the
 * head's own only when the corrector is the head in office on `heldOn` or that head's delegate today.
 */
@CommandHandler(CorrectSession)
export class CorrectSessionHandler
  extends SessionHandler
  implements ICommandHandler<CorrectSession, SessionCommandResult>
{
  async execute({ sessionId, input, meta }: CorrectSession): Promise<SessionCommandResult> {
    const { principal } = meta;
    const loaded = await this.sessions.load(sessionId, principal);
    if (!principal.roles.includes('admin')) requirePermission(principal, 'reception.hold');
    const { state } = loaded;
    const heldOn = input.heldOn ?? (state.status === 'held' ? state.held.heldOn : state.date);
    if (input.heldOn !== undefined) {
      const problem = await this.units.problemOn(state.unitId, input.heldOn);
      if (problem) fail('VALIDATION_FAILED', `heldOn: ${problem}`, [{ path: 'heldOn', message: problem }]);
    }
    const head = await this.units.headOn(state.unitId, heldOn);
    const today = vietnamDateOf(this.runtime.clock());
    const delegates = head ? await this.units.delegatesOf(state.unitId, head.personId, today) : [];
    return this.run(
      sessionId,
      meta,
      {
        type: 'CorrectReceptionHold',
        data: {
          at: input.at,
          reason: input.reason,
          ...(input.heldOn !== undefined ? { heldOn: input.heldOn } : {}),
          ...(input.hostPersonId !== undefined ? { hostPersonId: input.hostPersonId } : {}),
          ...(input.citizensReceived !== undefined ? { citizensReceived: input.citizensReceived } : {}),
          ...(input.void !== undefined ? { void: input.void } : {}),
          headOnDate: head ? { personId: head.personId } : null,
          recordedBy: { id: principal.id, name: principal.name },
          delegatesOfHead: delegates,
        },
      },
      loaded,
    );
  }
}

@CommandHandler(CancelSession)
export class CancelSessionHandler
  extends SessionHandler
  implements ICommandHandler<CancelSession, SessionCommandResult>
{
  async execute({ sessionId, input, meta }: CancelSession): Promise<SessionCommandResult> {
    const loaded = await this.sessions.load(sessionId, meta.principal);
    requirePermission(meta.principal, 'reception.schedule');
    return this.run(
      sessionId,
      meta,
      { type: 'CancelReceptionSession', data: { reason: input.reason } },
      loaded,
    );
  }
}

export const RECEPTION_COMMAND_HANDLERS = [
  ScheduleSessionHandler,
  HoldSessionHandler,
  CancelSessionHandler,
  CorrectSessionHandler,
];
