import type { DecideContext } from '../shared/decide-context.js';
import { assertNever } from '../shared/event.js';
import type {
  CancelReceptionSession,
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
  return {
    type: 'ReceptionSessionHeld',
    data: {
      heldOn,
      hostPersonId,
      citizensReceived,
      caseIds: [...new Set(caseIds)],
      heldByHead: headPersonId !== null && hostPersonId === headPersonId,
      headPersonId,
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
    default:
      return assertNever(cmd, 'reception command');
  }
}
