import type { DecideContext } from '../shared/decide-context.js';
import { assertNever } from '../shared/event.js';
import { lateEntryOf } from '../case/late-entry.js';
import type {
  CancelReceptionSession,
  CorrectReceptionHold,
  HoldReceptionSession,
  ReceptionCommand,
  ScheduleReceptionSession,
} from './reception.commands.js';
import {
  requireSessionDate,
  requireSessionText,
  sessionIllegal,
  sessionInvalid,
  sessionNotFound,
} from './reception.errors.js';
import {
  RECEPTION_KINDS,
  RECEPTION_MODES,
  type ReceptionEvent,
  type ReceptionSessionCorrected,
  type ReceptionSessionCancelled,
  type ReceptionSessionHeld,
  type ReceptionSessionScheduled,
} from './reception.events.js';
import type { ReceptionState } from './reception.state.js';

export function scheduleSession(
  cmd: ScheduleReceptionSession,
  state: ReceptionState,
  ctx: Pick<DecideContext, 'today'>,
): ReceptionSessionScheduled {
  if (state.status !== 'none') throw sessionIllegal(`session ${state.sessionId} exists already`);
  const { sessionId, unitId, hostPersonId, date, kind, mode } = cmd.data;
  requireSessionText(sessionId, 'sessionId');
  requireSessionText(unitId, 'unitId');
  requireSessionText(hostPersonId, 'hostPersonId');
  // A schedule: the date may lie in the future (docs/reference/api-contract.md Conventions).
  requireSessionDate(date, 'date', ctx.today);
  if (!RECEPTION_KINDS.includes(kind))
    throw sessionInvalid('kind', `kind must be one of ${RECEPTION_KINDS.join(', ')}`);
  if (!RECEPTION_MODES.includes(mode))
    throw sessionInvalid('mode', `mode must be one of ${RECEPTION_MODES.join(', ')}`);
  return { type: 'ReceptionSessionScheduled', data: { sessionId, unitId, hostPersonId, date, kind, mode } };
}

export function holdSession(
  cmd: HoldReceptionSession,
  state: ReceptionState,
  ctx: DecideContext,
): ReceptionSessionHeld {
  if (state.status === 'none') throw sessionNotFound();
  if (state.status !== 'scheduled') throw sessionIllegal(`session ${state.sessionId} is ${state.status}`);
  const { heldOn, hostPersonId, citizensReceived, headOnDate } = cmd.data;
  requireSessionDate(heldOn, 'heldOn', ctx.today);
  if (heldOn > ctx.today) throw sessionInvalid('heldOn', `heldOn ${heldOn} is after today (${ctx.today})`);
  requireSessionText(hostPersonId, 'hostPersonId');
  if (!Number.isSafeInteger(citizensReceived) || citizensReceived < 0) {
    throw sessionInvalid('citizensReceived', 'citizensReceived must be a whole number ≥ 0');
  }
  const caseIds = cmd.data.caseIds ?? [];
  if (!Array.isArray(caseIds)) throw sessionInvalid('caseIds', 'caseIds must be a list');
  caseIds.forEach((id, i) => requireSessionText(id, `caseIds[${i}]`));
  if (headOnDate !== null) requireSessionText(headOnDate?.personId, 'headOnDate.personId');
  const headPersonId = headOnDate?.personId ?? null;
  const heldByHead = headPersonId !== null && hostPersonId === headPersonId;
  const { recordedBy } = cmd.data;
  if (recordedBy !== undefined) requireSessionText(recordedBy?.id, 'recordedBy.id');
  return {
    type: 'ReceptionSessionHeld',
    data: {
      heldOn,
      hostPersonId,
      citizensReceived,
      caseIds: [...new Set(caseIds)],
      heldByHead,
      headPersonId,
      ...(recordedBy
        ? {
            countsAsHeads: countsAsHeads(heldByHead, headPersonId, recordedBy.id, cmd.data.delegatesOfHead),
            recordedBy: { id: recordedBy.id, name: recordedBy.name },
          }
        : {}),
      ...lateEntryOf(heldOn, ctx),
    },
  };
}

/**
 * docs/reference/api-contract.md: a hold counts as the head's own when the head in office on `heldOn` hosted it and it was
 * recorded by that head or by a person who was that head's delegate when it was recorded.
 */
function countsAsHeads(
  heldByHead: boolean,
  headPersonId: string | null,
  recorderId: string,
  delegatesOfHead: readonly string[] | undefined,
): boolean {
  if (!heldByHead || headPersonId === null) return false;
  return recorderId === headPersonId || (delegatesOfHead ?? []).includes(recorderId);
}

/**
 * Corrects a hold by an audited event: never a late entry; it counts as the head's own only under the
 * same condition as a hold, for the person who records the correction.
 */
export function correctHold(
  cmd: CorrectReceptionHold,
  state: ReceptionState,
  ctx: DecideContext,
): ReceptionSessionCorrected {
  if (state.status === 'none') throw sessionNotFound();
  if (state.status !== 'held')
    throw sessionIllegal(`session ${state.sessionId} is ${state.status}, not held`);
  const d = cmd.data;
  const at = requireSessionDate(d.at, 'at', ctx.today);
  if (at > ctx.today) throw sessionInvalid('at', `at ${at} is after today (${ctx.today})`);
  const reason = requireSessionText(d.reason, 'reason');
  const heldOn = d.heldOn ?? state.held.heldOn;
  requireSessionDate(heldOn, 'heldOn', ctx.today);
  if (heldOn > ctx.today) throw sessionInvalid('heldOn', `heldOn ${heldOn} is after today (${ctx.today})`);
  const hostPersonId = d.hostPersonId ?? state.held.hostPersonId;
  requireSessionText(hostPersonId, 'hostPersonId');
  const citizensReceived = d.citizensReceived ?? state.held.citizensReceived;
  if (!Number.isSafeInteger(citizensReceived) || citizensReceived < 0) {
    throw sessionInvalid('citizensReceived', 'citizensReceived must be a whole number ≥ 0');
  }
  const isVoid = d.void ?? false;
  if (typeof isVoid !== 'boolean') throw sessionInvalid('void', 'void must be a boolean');
  requireSessionText(d.recordedBy?.id, 'recordedBy.id');
  const unchanged =
    !isVoid &&
    heldOn === state.held.heldOn &&
    hostPersonId === state.held.hostPersonId &&
    citizensReceived === state.held.citizensReceived;
  if (unchanged) throw sessionInvalid('heldOn', 'the correction changes nothing');
  const headPersonId = d.headOnDate?.personId ?? null;
  const heldByHead = !isVoid && headPersonId !== null && hostPersonId === headPersonId;
  return {
    type: 'ReceptionSessionCorrected',
    data: {
      at,
      reason,
      void: isVoid,
      heldOn,
      hostPersonId,
      citizensReceived,
      heldByHead,
      headPersonId,
      countsAsHeads: countsAsHeads(heldByHead, headPersonId, d.recordedBy.id, d.delegatesOfHead),
      recordedBy: { id: d.recordedBy.id, name: d.recordedBy.name },
    },
  };
}

export function cancelSession(cmd: CancelReceptionSession, state: ReceptionState): ReceptionSessionCancelled {
  if (state.status === 'none') throw sessionNotFound();
  if (state.status !== 'scheduled') throw sessionIllegal(`session ${state.sessionId} is ${state.status}`);
  const { reason } = cmd.data;
  requireSessionText(reason, 'reason');
  return { type: 'ReceptionSessionCancelled', data: { reason } };
}

/** The reception-session decider. */
export function decideReception(
  cmd: ReceptionCommand,
  state: ReceptionState,
  ctx: DecideContext,
): ReceptionEvent[] {
  switch (cmd.type) {
    case 'ScheduleReceptionSession':
      return [scheduleSession(cmd, state, ctx)];
    case 'HoldReceptionSession':
      return [holdSession(cmd, state, ctx)];
    case 'CancelReceptionSession':
      return [cancelSession(cmd, state)];
    case 'CorrectReceptionHold':
      return [correctHold(cmd, state, ctx)];
    default:
      return assertNever(cmd, 'reception command');
  }
}
