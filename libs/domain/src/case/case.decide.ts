/**
 * The case decider. Life cycle (docs/reference/deadlines.md is the law for every date):
 *
 *   received ─classify→ classified ─accept→ accepted ⇄ suspended
 *      ↑  ╰──────────┬──────╯  │ reject/guide/archive     │ resolve (petitions also from classified)
 *      └─ transfer ──┘         ↓                          ↓
 *                   rejected | guided | archived      resolved ──close→ closed
 *   received/classified/accepted/suspended ─withdraw/terminate→ withdrawn | terminated
 *
 * Classification starts the intake deadline (KN-ACC, TC-PRE, TC-XFER or TCD-ANS) from the intake start
 * date (receipt, or the last ordinary transfer); acceptance completes it and starts the resolution
 * deadline (KN-RES1/KN-RES2/TC-RES). assign, extend, dialogues and unit-merger moves keep the status.
 * Every event that completes, cancels, pauses or resumes a deadline lists it in `deadlineOutcomes`.
 */
import { ruleVersionsOf } from '../rules/rule-table.js';
import type { DeadlineFacts, RuleId } from '../rules/rule.types.js';
import { DomainError } from '../shared/domain-error.js';
import type { DecideContext } from '../shared/decide-context.js';
import type { IsoDate } from '../shared/dates.js';
import { addDays, businessDateProblem, isIsoDate } from '../shared/dates.js';
import { assertNever } from '../shared/event.js';
import type {
  AcceptCase,
  AmendCase,
  ArchiveCase,
  PreviousCaseFacts,
  ReclassifyCase,
  AssignHandler,
  CaseCommand,
  ClassifyCase,
  CloseCase,
  CorrectDeadline,
  StartMissingXld,
  ExtendDeadline,
  GuideCase,
  MoveCaseForUnitMerger,
  RecordDialogue,
  RegisterCase,
  RejectCase,
  ReissueLookupPin,
  ResolveCase,
  ResumeCase,
  SuspendCase,
  TerminateCase,
  TransferCase,
  WithdrawCase,
} from './case.commands.js';
import { caseNotFound, illegalTransition, validationFailed } from './case.errors.js';
import { caseBusinessDate } from './case.events.js';
import { accountabilityDatesOf, lateEntryOf, recordedInTime } from './late-entry.js';
import type {
  ArchiveReason,
  CaseAccepted,
  CaseArchived,
  CaseClassified,
  CaseClosed,
  CaseDeadline,
  DeadlineCorrected,
  DeadlineStarted,
  CaseEvent,
  CaseGuided,
  CaseKind,
  CaseReceived,
  CaseRejected,
  CaseResolved,
  CaseResumed,
  CaseStatus,
  CaseSuspended,
  CaseTerminated,
  CaseTransferred,
  CaseWithdrawn,
  CaseAmended,
  CaseChannel,
  CaseField,
  CaseReclassified,
  ComplaintLevel,
  DeadlineExtended,
  DeadlineOutcomeEntry,
  DialogueRecorded,
  HandlerAssigned,
  InformationalDate,
  LookupPinReissued,
  ResolutionOutcome,
} from './case.events.js';
import type { CaseState, ExistingCase, TrackedDeadlineState } from './case.state.js';
import { INTAKE_RULES, RESOLUTION_RULES, isPending, nextDeadlineNo } from './case.state.js';

/** The date NĐ 155/2026 took effect (dialogue notice and no-show rules). */
export const DECREE_155_2026_IN_FORCE: IsoDate = '2026-07-01';
/** Minimum calendar days between the dialogue notice and the dialogue from 2026-07-01 (KN-DLG). */
export const DIALOGUE_NOTICE_DAYS = 5;
/** The date complaints can be suspended from (new LKN Art. 11a, Law 136/2025; docs/reference/deadlines.md §7). */
export const COMPLAINT_SUSPENSION_FROM: IsoDate = '2026-07-01';

const KINDS: readonly CaseKind[] = ['complaint', 'denunciation', 'petition', 'reflection'];
const ARCHIVE_REASONS: readonly ArchiveReason[] = [
  'anonymous',
  'duplicate',
  'not_processable',
  'time_barred',
  'illegible',
  'already_resolved',
];
const OUTCOMES_BY_KIND: Record<CaseKind, readonly ResolutionOutcome[]> = {
  complaint: ['upheld', 'partially_upheld', 'rejected'],
  denunciation: ['true', 'partly_true', 'untrue'],
  petition: ['answered'],
  reflection: ['answered'],
};
const OPEN_STATUSES: readonly CaseStatus[] = ['received', 'classified', 'accepted', 'suspended'];

/**
 * Decides one command against the folded stream; returns the events to append (possibly none). With
 * LATE_ENTRY_GRACE_DAYS in the context, each act says whether it was entered late and each deadline
 * it touches carries its accountability (docs/reference/deadlines.md §8–9, late-entry.ts).
 */
export function decide(command: CaseCommand, state: CaseState, ctx: DecideContext): CaseEvent[] {
  const events = decideAct(command, state, ctx);
  if (ctx.lateEntryGraceDays === undefined) return events;
  return events.map((e) => withRecordTimeliness(e, state, ctx));
}

/**
 * Corrections, never late entries (docs/reference/api-contract.md amend and reclassify): dated by
 * their `at`, but their timeliness is not judged. A move for a unit merger is not one either.
 */
const NEVER_LATE_ENTRIES: ReadonlySet<CaseEvent['type']> = new Set(['CaseReclassified', 'CaseAmended']);

/** The business date a late-entry mark is judged from (CASE_BUSINESS_DATE); null when it is never a late entry. */
function lateEntryDateOf(e: CaseEvent): IsoDate | null {
  if (NEVER_LATE_ENTRIES.has(e.type)) return null;
  if (e.type === 'CaseTransferred' && e.data.kind !== 'ordinary') return null;
  return caseBusinessDate(e.type, e.data);
}

/**
 * The accountability outcome an act decides for a deadline it completes or ends (docs/reference/deadlines.md §8):
 * met only when the completion is dated on or before accountabilityDueOn and recorded by graceUntil;
 * an ending recorded in time takes it out of accountability (null); once decided, never changed.
 */
function accountabilityFor(
  d: TrackedDeadlineState | undefined,
  entry: DeadlineOutcomeEntry,
  ctx: DecideContext,
): 'met' | 'missed' | null | undefined {
  if (entry.outcome === 'paused' || entry.outcome === 'resumed') return undefined;
  if (entry.leavesAccountability) return null;
  if (!d) return undefined;
  if (d.accountability !== undefined) return d.accountability;
  if (d.missRecorded || d.deadline.enteredAfterGrace) return 'missed';
  const { graceUntil } = d.deadline;
  const dueOn = d.deadline.accountabilityDueOn ?? d.deadline.dueOn;
  const inTime = recordedInTime(graceUntil, ctx);
  if (entry.outcome === 'cancelled') return inTime ? null : 'missed';
  return inTime && entry.on <= dueOn ? 'met' : 'missed';
}

/** A deadline started by this act: its graceUntil and accountability due date. */
const startedWithDates = (d: CaseDeadline, ctx: DecideContext): CaseDeadline => ({
  ...d,
  ...accountabilityDatesOf(d.dueOn, ctx),
});

/** Marks a late act and decides the accountability of the deadlines it touches (docs/reference/deadlines.md §9). */
function withRecordTimeliness(e: CaseEvent, state: CaseState, ctx: DecideContext): CaseEvent {
  const at = lateEntryDateOf(e);
  const mark = at === null ? {} : lateEntryOf(at, ctx);
  const s = state.exists ? state : null;
  const tracked = (no: number) => s?.deadlines.find((x) => x.deadline.deadlineNo === no);
  const data = { ...e.data, ...mark } as Record<string, unknown>;
  if ('deadlineOutcomes' in e.data && Array.isArray(e.data.deadlineOutcomes)) {
    data.deadlineOutcomes = e.data.deadlineOutcomes.map((entry: DeadlineOutcomeEntry) => {
      const d = tracked(entry.deadlineNo);
      const accountability = accountabilityFor(d, entry, ctx);
      const out: DeadlineOutcomeEntry = { ...entry };
      if (accountability !== undefined) out.accountability = accountability;
      if (mark.lateEntry) out.lateEntry = true;
      if (entry.outcome === 'paused') out.accountabilityPaused = recordedInTime(d?.deadline.graceUntil, ctx);
      return out;
    });
  }
  for (const key of ['xldDeadline', 'intakeDeadline', 'resolutionDeadline'] as const) {
    const d = data[key] as CaseDeadline | null | undefined;
    if (d) data[key] = startedWithDates(d, ctx);
  }
  if (e.type === 'DeadlineExtended' || e.type === 'CaseResumed') {
    const moved = e.data.deadline;
    const before = moved ? tracked(moved.deadlineNo) : undefined;
    if (moved && before) {
      // An extension recorded by graceUntil, or the resumption of a pause recorded in time, moves the
      // accountability due date too; recorded later, it moves the legal deadline only.
      const inTime =
        e.type === 'DeadlineExtended'
          ? recordedInTime(before.deadline.graceUntil, ctx)
          : before.accountabilityPaused !== false;
      const dates = inTime
        ? accountabilityDatesOf(moved.dueOn, ctx)
        : {
            graceUntil: before.deadline.graceUntil,
            accountabilityDueOn: before.deadline.accountabilityDueOn,
          };
      data.deadline = { ...moved, ...withoutUndefined(dates) };
      if (
        e.type === 'CaseResumed' &&
        inTime &&
        dates.graceUntil !== undefined &&
        dates.graceUntil < ctx.today
      )
        data.deadlineOutcomes = (data.deadlineOutcomes as DeadlineOutcomeEntry[]).map((x) =>
          x.deadlineNo === moved.deadlineNo ? { ...x, accountability: 'missed' as const } : x,
        );
    }
  }
  return { ...e, data } as CaseEvent;
}

const withoutUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

function decideAct(command: CaseCommand, state: CaseState, ctx: DecideContext): CaseEvent[] {
  if (command.type === 'RegisterCase') return [register(command, state, ctx)];
  if (!state.exists) throw caseNotFound();
  // Not a legal act: a citizen may follow a closed case too.
  if (command.type === 'ReissueLookupPin') return [reissueLookupPin(command, state)];
  if (state.status === 'closed') throw illegalTransition(`case is closed: ${command.type} is not allowed`);
  switch (command.type) {
    case 'ClassifyCase':
      return withoutSelfAssignedHandler(state, classify(command, state, ctx));
    case 'ReclassifyCase':
      return withoutSelfAssignedHandler(state, reclassify(command, state, ctx));
    case 'AmendCase':
      return [amend(command, state, ctx)];
    case 'AcceptCase':
      return [accept(command, state, ctx)];
    case 'RejectCase':
      return [reject(command, state, ctx)];
    case 'GuideCase':
      return [guide(command, state, ctx)];
    case 'ArchiveCase':
      return [archive(command, state, ctx)];
    case 'TransferCase':
      return [transfer(command, state, ctx)];
    case 'MoveCaseForUnitMerger':
      return [moveForUnitMerger(command, state, ctx)];
    case 'AssignHandler':
      return [assignHandler(command, state)];
    case 'ExtendDeadline':
      return [extendDeadline(command, state, ctx)];
    case 'SuspendCase':
      return [suspend(command, state, ctx)];
    case 'ResumeCase':
      return [resume(command, state, ctx)];
    case 'RecordDialogue':
      return [recordDialogue(command, state, ctx)];
    case 'ResolveCase':
      return [resolve(command, state, ctx)];
    case 'WithdrawCase':
      return [withdraw(command, state, ctx)];
    case 'TerminateCase':
      return [terminate(command, state, ctx)];
    case 'CloseCase':
      return [close(command, state, ctx)];
    case 'CorrectDeadline':
      return correctDeadline(command, state, ctx);
    case 'StartMissingXld':
      return startMissingXld(command, state, ctx);
    default:
      return assertNever(command, 'case command');
  }
}

// ── guards ──────────────────────────────────────────────────────────────────────────────────────────

function requireStatus(s: ExistingCase, allowed: readonly CaseStatus[], action: string): void {
  if (!allowed.includes(s.status)) {
    throw illegalTransition(
      `cannot ${action} a case that is ${s.status} (allowed from: ${allowed.join(', ')})`,
    );
  }
}

/** An action date: a valid date, on or after receipt (and `floor`, when given), not after today. */
function actionDate(
  s: ExistingCase,
  date: unknown,
  field: string,
  ctx: DecideContext,
  floor?: { on: IsoDate | null; what: string },
): IsoDate {
  const problem = businessDateProblem(date, field, ctx.today);
  if (problem) throw validationFailed(field, problem);
  if (!isIsoDate(date)) throw validationFailed(field, `${field} must be a date (YYYY-MM-DD)`);
  if (date > ctx.today) throw validationFailed(field, `${field} ${date} is after today (${ctx.today})`);
  if (date < s.receivedAt)
    throw validationFailed(field, `${field} ${date} is before the receipt (${s.receivedAt})`);
  if (floor?.on && date < floor.on) {
    throw validationFailed(field, `${field} ${date} is before the ${floor.what} (${floor.on})`);
  }
  return date;
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw validationFailed(field, `${field} is required`);
  return value;
}

/** The latest date the case's current phase started: intake, acceptance, suspension or resumption. */
function phaseStart(s: ExistingCase): { on: IsoDate; what: string } {
  const candidates: [IsoDate | null, string][] = [
    [s.intakeStartOn, 'intake start'],
    [s.acceptedAt, 'acceptance'],
    [s.suspendedOn, 'suspension'],
    [s.lastResumedOn, 'resumption'],
  ];
  return candidates.reduce<{ on: IsoDate; what: string }>(
    (best, [on, what]) => (on && on > best.on ? { on, what } : best),
    { on: s.receivedAt, what: 'receipt' },
  );
}

// ── deadline helpers ────────────────────────────────────────────────────────────────────────────────

const factsOf = (s: ExistingCase): DeadlineFacts => ({ ...s.facts });

function startDeadline(
  s: ExistingCase,
  ruleId: RuleId,
  startOn: IsoDate,
  facts: DeadlineFacts,
  ctx: DecideContext,
): CaseDeadline {
  return { ...ctx.rules.compute(ruleId, startOn, facts, ctx.calendar), deadlineNo: nextDeadlineNo(s) };
}

/**
 * A deadline of a tracked case, or — for an untracked one (docs/reference/deadlines.md §10) — null and, when it can
 * be computed, an informational date instead: an untracked case never refuses for calendar reasons.
 */
function startOrInform(
  s: ExistingCase,
  ruleId: RuleId,
  startOn: IsoDate,
  facts: DeadlineFacts,
  ctx: DecideContext,
): { deadline: CaseDeadline | null; dates: InformationalDate[] } {
  if (!s.untracked) return { deadline: startDeadline(s, ruleId, startOn, facts, ctx), dates: [] };
  return { deadline: null, dates: informationalIfComputable([ruleId], startOn, facts, ctx) };
}

const inForceOn = (ruleId: RuleId, on: IsoDate): boolean => ruleVersionsOf(ruleId)[0].version <= on;

/**
 * Informational dates of rules that may not apply on `startOn` (a version not yet in force) or may
 * need a year without calendar data: such a date is left out, never a reason to refuse the act.
 */
function informationalIfComputable(
  ruleIds: RuleId[],
  startOn: IsoDate,
  facts: DeadlineFacts,
  ctx: DecideContext,
): InformationalDate[] {
  const out: InformationalDate[] = [];
  for (const ruleId of ruleIds) {
    if (!inForceOn(ruleId, startOn)) continue;
    try {
      out.push(...informational([ruleId], startOn, facts, ctx));
    } catch (e) {
      if (e instanceof DomainError && e.code === 'CALENDAR_UNAVAILABLE') continue;
      throw e;
    }
  }
  return out;
}

/** Where XLD stands for a letter received (or transferred in) on `startOn` (docs/reference/deadlines.md §10). */
export function xldFor(
  startOn: IsoDate,
  deadlineNo: number,
  ctx: DecideContext,
): { xldDeadline: CaseDeadline | null; xldPendingCalendar: boolean; untracked: boolean } {
  const years = ctx.calendar.years();
  if (years.length === 0 || Number(startOn.slice(0, 4)) < years[0] || !inForceOn('XLD', startOn))
    return { xldDeadline: null, xldPendingCalendar: false, untracked: true };
  try {
    return {
      xldDeadline: { ...ctx.rules.compute('XLD', startOn, {}, ctx.calendar), deadlineNo },
      xldPendingCalendar: false,
      untracked: false,
    };
  } catch (e) {
    if (e instanceof DomainError && e.code === 'CALENDAR_UNAVAILABLE')
      return { xldDeadline: null, xldPendingCalendar: true, untracked: false };
    throw e;
  }
}

function informational(ruleIds: RuleId[], startOn: IsoDate, facts: DeadlineFacts, ctx: DecideContext) {
  return ruleIds.map((ruleId): InformationalDate => {
    const d = ctx.rules.compute(ruleId, startOn, facts, ctx.calendar);
    return {
      ruleId,
      ruleVersion: d.ruleVersion,
      startOn: d.startOn,
      dueOn: d.dueOn,
      provisional: d.provisional,
    };
  });
}

const entry = (d: TrackedDeadlineState, outcome: DeadlineOutcomeEntry['outcome'], on: IsoDate) => ({
  deadlineNo: d.deadline.deadlineNo,
  ruleId: d.deadline.ruleId,
  startOn: d.deadline.startOn,
  dueOn: d.deadline.dueOn,
  outcome,
  on,
});

/** Completion by an act dated `on`: met when on or before dueOn, otherwise missed (a late act stays missed). */
const complete = (d: TrackedDeadlineState, on: IsoDate): DeadlineOutcomeEntry =>
  entry(d, on <= d.deadline.dueOn ? 'met' : 'missed', on);

/** Cancellation by an act dated `on`; an open deadline already past due by then stays missed. */
const cancel = (d: TrackedDeadlineState, on: IsoDate): DeadlineOutcomeEntry =>
  entry(
    d,
    d.status !== 'paused' && (d.status === 'missed' || d.deadline.dueOn < on) ? 'missed' : 'cancelled',
    on,
  );

const pendingOf = (s: ExistingCase, rules: readonly RuleId[]) =>
  s.deadlines.filter((d) => isPending(d) && rules.includes(d.deadline.ruleId));

/** Settles the pending intake deadline: TC-XFER only completes by transfer or guide. */
function settleIntake(s: ExistingCase, on: IsoDate, completesTransfer: boolean): DeadlineOutcomeEntry[] {
  return pendingOf(s, INTAKE_RULES).map((d) =>
    d.deadline.ruleId === 'TC-XFER' && !completesTransfer ? cancel(d, on) : complete(d, on),
  );
}

// ── commands ────────────────────────────────────────────────────────────────────────────────────────

function register(cmd: RegisterCase, state: CaseState, ctx: DecideContext): CaseReceived {
  if (state.exists) throw illegalTransition(`case ${state.caseId} is already registered`);
  const d = cmd.data;
  requireText(d.caseId, 'caseId');
  requireText(d.trackingCode, 'trackingCode');
  requireText(d.receivingUnitId, 'receivingUnitId');
  const receivedProblem = businessDateProblem(d.receivedAt, 'receivedAt', ctx.today);
  if (receivedProblem) throw validationFailed('receivedAt', receivedProblem);
  if (d.receivedAt > ctx.today) {
    throw validationFailed('receivedAt', `receivedAt ${d.receivedAt} is after today (${ctx.today})`);
  }
  if (!Array.isArray(d.petitioners)) throw validationFailed('petitioners', 'petitioners must be a list');
  if (d.anonymous === true && d.petitioners.length > 0)
    throw validationFailed('petitioners', 'an anonymous letter has no petitioners (petitioners: [])');
  if (d.anonymous !== true && d.petitioners.length === 0)
    throw validationFailed('petitioners', 'at least one petitioner (or anonymous: true)');
  if (d.forwardedBy !== undefined) requireText(d.forwardedBy, 'forwardedBy');
  if (d.registryNo !== undefined) requireText(d.registryNo, 'registryNo');
  const signerCount = d.signerCount ?? Math.max(1, d.petitioners.length);
  if (!Number.isInteger(signerCount) || signerCount < 1) {
    throw validationFailed('signerCount', 'signerCount must be a positive integer');
  }
  const data: CaseReceived['data'] = {
    caseId: d.caseId,
    trackingCode: d.trackingCode,
    receivedAt: d.receivedAt,
    channel: d.channel,
    receivingUnitId: d.receivingUnitId,
    petitioners: d.petitioners.map((p) => ({
      personRef: p.personRef,
      sealed: p.sealed,
      representative: p.representative,
    })),
    signerCount,
    subject: d.subject,
    sealedContent: requireText(d.sealedContent, 'content'),
  };
  if (d.field !== undefined) data.field = d.field;
  if (d.kindHint !== undefined) data.kindHint = d.kindHint;
  if (d.anonymous === true) data.anonymous = true;
  if (d.forwardedBy !== undefined) data.forwardedBy = d.forwardedBy;
  if (d.registryNo !== undefined) data.registryNo = d.registryNo;
  // Registration never fails for calendar reasons (docs/reference/deadlines.md §10).
  const xld = xldFor(d.receivedAt, 1, ctx);
  data.xldDeadline = xld.xldDeadline;
  if (xld.xldPendingCalendar) data.xldPendingCalendar = true;
  if (xld.untracked) data.untracked = true;
  if (d.lookupPinHash !== undefined) {
    requireText(d.lookupPinHash, 'lookupPinHash');
    data.lookupPinHash = d.lookupPinHash;
  }
  return { type: 'CaseReceived', data };
}

function reissueLookupPin(cmd: ReissueLookupPin, s: ExistingCase): LookupPinReissued {
  requireText(cmd.data.lookupPinHash, 'lookupPinHash');
  return { type: 'LookupPinReissued', data: { caseId: s.caseId, lookupPinHash: cmd.data.lookupPinHash } };
}

/** The intake rule of a classification (docs/reference/deadlines.md, Tracked deadlines). */
export function intakeRuleFor(kind: CaseKind, competentWithinReceivingSubtree: boolean): RuleId {
  switch (kind) {
    case 'complaint':
      return 'KN-ACC';
    case 'denunciation':
      return competentWithinReceivingSubtree ? 'TC-PRE' : 'TC-XFER';
    case 'petition':
    case 'reflection':
      return 'TCD-ANS';
    default:
      return assertNever(kind, 'case kind');
  }
}

/** What classify and reclassify share: the checks of the classification and its intake deadline. */
function classification(
  d: Omit<ClassifyCase['data'], 'at'>,
  s: ExistingCase,
  at: IsoDate,
  ctx: DecideContext,
) {
  if (!KINDS.includes(d.kind)) throw validationFailed('kind', `unknown kind ${String(d.kind)}`);
  if (d.kind !== 'complaint' && d.level !== undefined) {
    throw validationFailed('level', 'level applies to complaints only');
  }
  const level = d.kind === 'complaint' ? (d.level ?? 1) : null;
  if (level !== null && level !== 1 && level !== 2) throw validationFailed('level', 'level must be 1 or 2');
  requireText(d.competentUnitId, 'competentUnitId');
  if (typeof d.processable !== 'boolean') throw validationFailed('processable', 'processable is required');
  if (d.disciplinary !== undefined && typeof d.disciplinary !== 'boolean')
    throw validationFailed('disciplinary', 'disciplinary must be true or false');
  const disciplinary = d.disciplinary ?? false;
  if (disciplinary && d.kind !== 'complaint')
    throw validationFailed('disciplinary', 'only a complaint can be against a disciplinary decision');
  if (s.anonymous && d.kind !== 'reflection') {
    throw illegalTransition(
      'an anonymous letter can only be classified as a reflection (LTC Art. 25: an anonymous denunciation is not processed as one; LKN Art. 11(5))',
    );
  }
  if (d.previousCaseId !== undefined) requireLevel2Guard(d.previousCaseId, level, d.previousCase, at);
  const multiLocation = d.multiLocation ?? false;
  // An anonymous reflection starts no TCD-ANS: its XLD stays open until it is answered or archived.
  const intake = s.anonymous
    ? { deadline: null, dates: [] as InformationalDate[] }
    : startOrInform(
        s,
        intakeRuleFor(d.kind, d.competentWithinReceivingSubtree),
        s.intakeStartOn,
        { multiLocation },
        ctx,
      );
  const data = {
    caseId: s.caseId,
    kind: d.kind,
    level,
    competentUnitId: d.competentUnitId,
    processable: d.processable,
    multiLocation,
    competentWithinReceivingSubtree: d.competentWithinReceivingSubtree,
    intakeDeadline: intake.deadline,
    dates: intake.dates,
    ...(disciplinary ? { disciplinary: true } : {}),
    ...(d.previousCaseId !== undefined ? { previousCaseId: d.previousCaseId } : {}),
    ...(d.reason !== undefined ? { reason: d.reason } : {}),
  };
  return data;
}

function classify(cmd: ClassifyCase, s: ExistingCase, ctx: DecideContext): CaseClassified {
  requireStatus(s, ['received'], 'classify');
  const d = cmd.data;
  // A classification's date bounds nothing, but is itself on or after the intake start and not after today.
  const at = actionDate(s, d.at ?? ctx.today, 'at', ctx, { on: s.intakeStartOn, what: 'intake start' });
  const base = classification(d, s, at, ctx);
  // XLD is completed as of `at` when the kind's intake rule starts: from the same start it now
  // measures the same period, so XLD leaves accountability (one late act is one miss).
  const deadlineOutcomes = base.intakeDeadline
    ? pendingOf(s, ['XLD']).map((x) => ({ ...complete(x, at), leavesAccountability: true }))
    : s.anonymous
      ? []
      : pendingOf(s, ['XLD']).map((x) => complete(x, at));
  return { type: 'CaseClassified', data: { ...base, classifiedAt: at, deadlineOutcomes } };
}

function reclassify(cmd: ReclassifyCase, s: ExistingCase, ctx: DecideContext): CaseReclassified {
  requireStatus(s, ['classified'], 'reclassify');
  const d = cmd.data;
  const at = actionDate(s, d.at, 'at', ctx, { on: s.intakeStartOn, what: 'intake start' });
  const correctionReason = requireText(d.correctionReason, 'correctionReason');
  const base = classification(d, s, at, ctx);
  // The old intake deadline ends as of `at` (docs/reference/deadlines.md §8): cancelled, or missed if already past due.
  const deadlineOutcomes = pendingOf(
    s,
    INTAKE_RULES.filter((r) => r !== 'XLD'),
  ).map((x) => cancel(x, at));
  const intakeDeadline = base.intakeDeadline
    ? { ...base.intakeDeadline, deadlineNo: nextDeadlineNo(s) }
    : null;
  return {
    type: 'CaseReclassified',
    data: { ...base, intakeDeadline, at, correctionReason, deadlineOutcomes },
  };
}

const AMENDABLE = [
  'petitioners',
  'signerCount',
  'subject',
  'content',
  'channel',
  'field',
  'forwardedBy',
  'registryNo',
] as const;
const CHANNELS: readonly CaseChannel[] = [
  'in_person',
  'post',
  'online',
  'hotline',
  'forwarded',
  'reception_session',
];
const FIELDS: readonly CaseField[] = [
  'land',
  'compensation',
  'site_clearance',
  'housing',
  'policy',
  'justice',
  'corruption',
  'other',
];

/** An audited correction of intake data (docs/reference/api-contract.md, Case commands: amend): never a late entry; receipt and unit stay. */
function amend(cmd: AmendCase, s: ExistingCase, ctx: DecideContext): CaseAmended {
  requireStatus(s, [...OPEN_STATUSES, 'resolved'], 'amend');
  const d = cmd.data;
  const at = actionDate(s, d.at ?? ctx.today, 'at', ctx);
  const reason = requireText(d.reason, 'reason');
  const data: CaseAmended['data'] = { caseId: s.caseId, at, reason, changed: [] };
  if (d.petitioners !== undefined) {
    if (!Array.isArray(d.petitioners)) throw validationFailed('petitioners', 'petitioners must be a list');
    if (d.petitioners.length === 0 && !s.anonymous)
      throw validationFailed('petitioners', 'a letter with a name keeps at least one petitioner');
    data.petitioners = d.petitioners.map((p) => ({
      personRef: p.personRef,
      sealed: p.sealed,
      representative: p.representative,
    }));
    if (s.anonymous && d.petitioners.length > 0) data.anonymous = false;
  }
  if (d.signerCount !== undefined) {
    if (!Number.isInteger(d.signerCount) || d.signerCount < 1)
      throw validationFailed('signerCount', 'signerCount must be a positive integer');
    data.signerCount = d.signerCount;
  }
  if (d.subject !== undefined) data.subject = requireText(d.subject, 'subject');
  if (d.sealedContent !== undefined) data.sealedContent = requireText(d.sealedContent, 'content');
  if (d.channel !== undefined) {
    if (!CHANNELS.includes(d.channel))
      throw validationFailed('channel', `unknown channel ${String(d.channel)}`);
    data.channel = d.channel;
  }
  if (d.field !== undefined) {
    if (!FIELDS.includes(d.field)) throw validationFailed('field', `unknown field ${String(d.field)}`);
    data.field = d.field;
  }
  if (d.forwardedBy !== undefined) data.forwardedBy = requireText(d.forwardedBy, 'forwardedBy');
  if (d.registryNo !== undefined) data.registryNo = requireText(d.registryNo, 'registryNo');
  data.changed = AMENDABLE.filter((k) => (k === 'content' ? data.sealedContent : data[k]) !== undefined);
  if (data.changed.length === 0)
    throw validationFailed('reason', `nothing to amend: give one of ${AMENDABLE.join(', ')}`);
  return { type: 'CaseAmended', data };
}

/**
 * The level-2 guard (docs/reference/api-contract.md, Case commands: classify): the named case must be a level-1 complaint (400), and a
 * level-2 complaint cannot be classified while it is neither decided nor rejected and its resolution
 * deadline (KN-RES1 or KN-RES-KL) has not passed on `at` (409; LKN Art. 7, 33).
 */
function requireLevel2Guard(
  previousCaseId: string,
  level: ComplaintLevel | null,
  previous: PreviousCaseFacts | undefined,
  at: IsoDate,
): void {
  requireText(previousCaseId, 'previousCaseId');
  if (level !== 2)
    throw validationFailed('previousCaseId', 'previousCaseId names the level-1 case of a level-2 complaint');
  if (!previous) throw validationFailed('previousCaseId', `no case ${previousCaseId}`);
  if (previous.kind !== 'complaint' || previous.level !== 1)
    throw validationFailed('previousCaseId', `case ${previousCaseId} is not a level-1 complaint`);
  const decided = previous.decidedAt !== null || previous.status === 'rejected';
  const passed =
    previous.resolutionDueOn !== null && !previous.resolutionPaused && previous.resolutionDueOn < at;
  if (!decided && !passed) {
    throw illegalTransition(
      `level-2 guard (LKN Art. 7, 33): the level-1 complaint ${previousCaseId} is neither decided nor rejected and ` +
        (previous.resolutionDueOn === null
          ? 'has no resolution deadline yet'
          : `its resolution deadline (${previous.resolutionDueOn}) has not passed on ${at}`),
    );
  }
}

const kindOf = (s: ExistingCase): CaseKind => {
  if (s.kind === null) throw illegalTransition(`case is ${s.status}: it has not been classified`);
  return s.kind;
};

function resolutionRuleFor(s: ExistingCase): RuleId | null {
  const kind = kindOf(s);
  if (kind === 'complaint' && s.disciplinary) return 'KN-RES-KL';
  if (kind === 'complaint') return s.level === 2 ? 'KN-RES2' : 'KN-RES1';
  if (kind === 'denunciation') return 'TC-RES';
  return null;
}

function accept(cmd: AcceptCase, s: ExistingCase, ctx: DecideContext): CaseAccepted {
  requireStatus(s, ['classified'], 'accept');
  const kind = kindOf(s);
  if (s.processable !== true) throw illegalTransition('the case was classified as not processable');
  if (kind === 'denunciation' && s.competentWithinReceivingSubtree === false) {
    throw illegalTransition(
      'the competent unit is outside the receiving subtree: transfer it (TC-XFER, LTC Art. 24(2))',
    );
  }
  if ((kind === 'complaint' || kind === 'denunciation') && s.signerCount >= 5) {
    if (!s.hasRepresentative) {
      throw illegalTransition(
        'a letter signed by 5 or more people needs an appointed representative (LKN Art. 8(4), LTCD Art. 29)',
      );
    }
    // LTCD Art. 29, TT 07/2013 Art. 5(1): 5–10 signers appoint 1 or 2 representatives; more signers, at most 5.
    const maxRepresentatives = s.signerCount <= 10 ? 2 : 5;
    if (s.representativeCount > maxRepresentatives) {
      throw illegalTransition(
        `${s.signerCount} signers may appoint at most ${maxRepresentatives} representatives (LTCD Art. 29), got ${s.representativeCount}`,
      );
    }
  }
  const d = cmd.data;
  const acceptedAt = actionDate(s, d.acceptedAt, 'acceptedAt', ctx, {
    on: s.intakeStartOn,
    what: 'intake start',
  });
  const complex = d.complex ?? false;
  const especiallyComplex = d.especiallyComplex ?? false;
  const remoteArea = d.remoteArea ?? false;
  const facts: DeadlineFacts = {
    complex,
    especiallyComplex,
    remoteArea,
    multiLocation: s.facts.multiLocation,
  };
  const ruleId = resolutionRuleFor(s);
  const resolution = ruleId
    ? startOrInform(s, ruleId, acceptedAt, facts, ctx)
    : { deadline: null, dates: [] as InformationalDate[] };
  const notice =
    kind !== 'denunciation'
      ? []
      : s.untracked
        ? informationalIfComputable(['TC-NOTIF'], acceptedAt, facts, ctx)
        : informational(['TC-NOTIF'], acceptedAt, facts, ctx);
  const data: CaseAccepted['data'] = {
    caseId: s.caseId,
    acceptedAt,
    complex,
    especiallyComplex,
    remoteArea,
    resolutionDeadline: resolution.deadline,
    deadlineOutcomes: settleIntake(s, acceptedAt, false),
    dates: [...resolution.dates, ...notice],
  };
  if (d.decisionNo !== undefined) data.decisionNo = d.decisionNo;
  return { type: 'CaseAccepted', data };
}

function reject(cmd: RejectCase, s: ExistingCase, ctx: DecideContext): CaseRejected {
  requireStatus(s, ['classified'], 'reject');
  const at = actionDate(s, cmd.data.at, 'at', ctx, { on: s.intakeStartOn, what: 'intake start' });
  const reason = requireText(cmd.data.reason, 'reason');
  return {
    type: 'CaseRejected',
    data: { caseId: s.caseId, at, reason, deadlineOutcomes: settleIntake(s, at, false) },
  };
}

function guide(cmd: GuideCase, s: ExistingCase, ctx: DecideContext): CaseGuided {
  requireStatus(s, ['received', 'classified'], 'guide');
  const at = actionDate(s, cmd.data.at, 'at', ctx, { on: s.intakeStartOn, what: 'intake start' });
  const agency = requireText(cmd.data.agency, 'agency');
  const data: CaseGuided['data'] = {
    caseId: s.caseId,
    at,
    agency,
    deadlineOutcomes: settleIntake(s, at, true),
  };
  if (cmd.data.note !== undefined) data.note = cmd.data.note;
  return { type: 'CaseGuided', data };
}

function archive(cmd: ArchiveCase, s: ExistingCase, ctx: DecideContext): CaseArchived {
  requireStatus(s, ['received', 'classified'], 'archive');
  const d = cmd.data;
  const at = actionDate(s, d.at, 'at', ctx, { on: s.intakeStartOn, what: 'intake start' });
  if (!ARCHIVE_REASONS.includes(d.reason))
    throw validationFailed('reason', `unknown archive reason ${String(d.reason)}`);
  if (d.reason === 'duplicate' && (typeof d.duplicateOf !== 'string' || d.duplicateOf === '')) {
    throw validationFailed('duplicateOf', 'a duplicate names the case it duplicates');
  }
  if (d.duplicateOf === s.caseId) throw validationFailed('duplicateOf', 'a case cannot duplicate itself');
  const data: CaseArchived['data'] = {
    caseId: s.caseId,
    at,
    reason: d.reason,
    deadlineOutcomes: settleIntake(s, at, false),
  };
  if (d.duplicateOf !== undefined) data.duplicateOf = d.duplicateOf;
  return { type: 'CaseArchived', data };
}

function transfer(cmd: TransferCase, s: ExistingCase, ctx: DecideContext): CaseTransferred {
  // Usually at intake; an accepted (or suspended) case can still be passed on, and then its open
  // resolution deadline is cancelled (docs/reference/deadlines.md, Transfers: "other open deadlines are cancelled").
  requireStatus(s, ['received', 'classified', 'accepted', 'suspended'], 'transfer');
  const d = cmd.data;
  const floor = [s.acceptedAt, s.suspendedOn, s.lastResumedOn].reduce<{ on: IsoDate; what: string }>(
    (acc, on) => (on && on > acc.on ? { on, what: 'the last act on the case' } : acc),
    { on: s.intakeStartOn, what: 'intake start' },
  );
  const at = actionDate(s, d.at, 'at', ctx, floor);
  requireText(d.toUnitId, 'toUnitId');
  if (d.toUnitId === s.receivingUnitId)
    throw validationFailed('toUnitId', 'the case is already at that unit');
  const reason = requireText(d.reason, 'reason');
  const deadlineOutcomes = s.deadlines
    .filter(isPending)
    .map((x) => (INTAKE_RULES.includes(x.deadline.ruleId) ? complete(x, at) : cancel(x, at)));
  const data: CaseTransferred['data'] = {
    caseId: s.caseId,
    at,
    fromUnitId: s.receivingUnitId,
    toUnitId: d.toUnitId,
    reason,
    kind: 'ordinary',
    receivingUnitId: d.toUnitId,
    competentUnitId: null,
    deadlineOutcomes,
  };
  // The receiving unit's letter-processing clock starts from the transfer date (docs/reference/deadlines.md, XLD).
  if (!s.untracked) {
    const xld = xldFor(at, nextDeadlineNo(s), ctx);
    data.xldDeadline = xld.xldDeadline;
    if (xld.xldPendingCalendar) data.xldPendingCalendar = true;
  }
  return { type: 'CaseTransferred', data };
}

function moveForUnitMerger(cmd: MoveCaseForUnitMerger, s: ExistingCase, ctx: DecideContext): CaseTransferred {
  if (s.status === 'withdrawn' || s.status === 'terminated') {
    throw illegalTransition(`cannot move a case that is ${s.status}`);
  }
  const d = cmd.data;
  const effectiveProblem = businessDateProblem(d.effectiveOn, 'effectiveOn', ctx.today);
  if (effectiveProblem) throw validationFailed('effectiveOn', effectiveProblem);
  if (d.effectiveOn > ctx.today) throw validationFailed('effectiveOn', 'the merger is not yet effective');
  requireText(d.toUnitId, 'toUnitId');
  if (d.toUnitId === d.fromUnitId) throw validationFailed('toUnitId', 'a unit cannot merge into itself');
  if (s.receivingUnitId !== d.fromUnitId && s.competentUnitId !== d.fromUnitId) {
    throw illegalTransition(`the case is not at unit ${d.fromUnitId}`);
  }
  const swap = (unit: string) => (unit === d.fromUnitId ? d.toUnitId : unit);
  return {
    type: 'CaseTransferred',
    data: {
      caseId: s.caseId,
      at: d.effectiveOn,
      fromUnitId: d.fromUnitId,
      toUnitId: d.toUnitId,
      reason: d.reason ?? 'unit_merger',
      kind: 'unit_merger',
      receivingUnitId: swap(s.receivingUnitId),
      competentUnitId: s.competentUnitId === null ? null : swap(s.competentUnitId),
      deadlineOutcomes: [],
    },
  };
}

function assignHandler(cmd: AssignHandler, s: ExistingCase): HandlerAssigned {
  requireStatus(s, [...OPEN_STATUSES, 'resolved'], 'assign a handler to');
  const handlerId = requireText(cmd.data.handlerId, 'handlerId');
  const data: HandlerAssigned['data'] = { caseId: s.caseId, handlerId };
  if (cmd.data.byHead === true) data.byHead = true;
  return { type: 'HandlerAssigned', data };
}

/**
 * A classification that makes the case a denunciation removes a handler who was not assigned by a
 * head of the receiving or competent unit (docs/reference/api-contract.md assign): a handler who assigned themselves while
 * the case was, say, a complaint would otherwise read the denunciator's identity.
 */
function withoutSelfAssignedHandler(
  s: ExistingCase,
  classified: CaseClassified | CaseReclassified,
): CaseEvent[] {
  if (classified.data.kind !== 'denunciation' || s.handlerId === null || s.handlerByHead) return [classified];
  return [
    classified,
    {
      type: 'HandlerUnassigned',
      data: { caseId: s.caseId, handlerId: s.handlerId, reason: 'denunciation_needs_head_assignment' },
    },
  ];
}

function extendDeadline(cmd: ExtendDeadline, s: ExistingCase, ctx: DecideContext): DeadlineExtended {
  requireStatus(s, ['accepted'], 'extend the deadline of');
  if (kindOf(s) !== 'denunciation') {
    throw illegalTransition('only a denunciation resolution deadline can be extended (LTC Art. 30)');
  }
  const d = cmd.data;
  const at = actionDate(s, d.at, 'at', ctx, phaseStart(s));
  const reason = requireText(d.reason, 'reason');
  const maxDays = ctx.rules.maxExtensionDays('TC-RES');
  const days = d.days ?? maxDays;
  if (!Number.isInteger(days) || days < 1 || days > maxDays) {
    throw validationFailed('days', `days must be a whole number from 1 to ${maxDays} (LTC Art. 30)`);
  }
  const current = s.deadlines.find((x) => x.deadline.ruleId === 'TC-RES' && x.status === 'open');
  if (!current) throw illegalTransition('there is no open TC-RES deadline to extend');
  if (at > current.deadline.dueOn) {
    throw illegalTransition(
      `TC-RES expired on ${current.deadline.dueOn}: it can no longer be extended (LTC Art. 30)`,
    );
  }
  const allowed = ctx.rules.maxExtensions('TC-RES', factsOf(s));
  if (s.extensionCount >= allowed) {
    throw illegalTransition(
      `TC-RES allows ${allowed} extension(s) for this case (LTC Art. 30: one if complex, two if especially complex)`,
    );
  }
  const extended = ctx.rules.extend(current.deadline, days, ctx.calendar);
  const data: DeadlineExtended['data'] = {
    caseId: s.caseId,
    at,
    reason,
    days,
    ruleId: 'TC-RES',
    deadline: { ...extended, deadlineNo: current.deadline.deadlineNo },
    previousDueOn: current.deadline.dueOn,
    extensionNo: s.extensionCount + 1,
  };
  if (d.decisionNo !== undefined) data.decisionNo = d.decisionNo;
  return { type: 'DeadlineExtended', data };
}

function suspend(cmd: SuspendCase, s: ExistingCase, ctx: DecideContext): CaseSuspended {
  requireStatus(s, ['accepted'], 'suspend');
  const at = actionDate(s, cmd.data.at, 'at', ctx, phaseStart(s));
  const reason = requireText(cmd.data.reason, 'reason');
  const kind = kindOf(s);
  // A complaint can be suspended only from 2026-07-01, when the amended Complaints Law brought
  // suspension in (new LKN Art. 11a; docs/reference/legal.md §3.13; docs/reference/deadlines.md §7).
  if (kind === 'complaint' && at < COMPLAINT_SUSPENSION_FROM) {
    throw illegalTransition(
      `KN-SUSP: a complaint can be suspended only from ${COMPLAINT_SUSPENSION_FROM} (new LKN Art. 11a, Law 136/2025); at is ${at}`,
    );
  }
  const deadlineOutcomes = s.deadlines
    .filter(
      (x) => RESOLUTION_RULES.includes(x.deadline.ruleId) && x.status === 'open' && at <= x.deadline.dueOn,
    )
    .map((x) => entry(x, 'paused', at));
  const sendRule: RuleId[] = kind === 'complaint' ? ['KN-SUSP'] : kind === 'denunciation' ? ['TC-SUSP'] : [];
  const data: CaseSuspended['data'] = { caseId: s.caseId, at, reason, deadlineOutcomes };
  const dates = informationalIfComputable(sendRule, at, factsOf(s), ctx);
  if (dates.length) data.dates = dates;
  return { type: 'CaseSuspended', data };
}

function resume(cmd: ResumeCase, s: ExistingCase, ctx: DecideContext): CaseResumed {
  requireStatus(s, ['suspended'], 'resume');
  const suspendedOn = s.suspendedOn ?? s.receivedAt;
  const at = actionDate(s, cmd.data.at, 'at', ctx, { on: suspendedOn, what: 'suspension' });
  const dates = s.kind === 'complaint' ? informationalIfComputable(['KN-SUSP'], at, factsOf(s), ctx) : [];
  const withDates = (data: CaseResumed['data']): CaseResumed => ({
    type: 'CaseResumed',
    data: dates.length ? { ...data, dates } : data,
  });
  const paused = s.deadlines.find((x) => x.status === 'paused');
  if (!paused) return withDates({ caseId: s.caseId, at, deadline: null, deadlineOutcomes: [] });
  const moved = ctx.rules.resume(paused.deadline, suspendedOn, at, ctx.calendar);
  const deadline: CaseDeadline = { ...moved, deadlineNo: paused.deadline.deadlineNo };
  return withDates({
    caseId: s.caseId,
    at,
    deadline,
    deadlineOutcomes: [entry({ ...paused, deadline }, 'resumed', at)],
  });
}

function recordDialogue(cmd: RecordDialogue, s: ExistingCase, ctx: DecideContext): DialogueRecorded {
  requireStatus(s, ['accepted'], 'record a dialogue on');
  const d = cmd.data;
  const dialogueId = requireText(d.dialogueId, 'dialogueId');
  if (s.dialogues.some((x) => x.dialogueId === dialogueId)) {
    throw validationFailed('dialogueId', `dialogue ${dialogueId} is already recorded`);
  }
  const heldAt = actionDate(s, d.heldAt, 'heldAt', ctx, { on: s.acceptedAt, what: 'acceptance' });
  if (!['agreed', 'partially_agreed', 'disagreed', 'absent'].includes(d.outcome)) {
    throw validationFailed('outcome', `unknown dialogue outcome ${String(d.outcome)}`);
  }
  if (!Array.isArray(d.participants)) throw validationFailed('participants', 'participants must be a list');
  const data: DialogueRecorded['data'] = {
    caseId: s.caseId,
    dialogueId,
    heldAt,
    participants: [...d.participants],
    minutes: d.minutes,
    outcome: d.outcome,
  };
  if (d.noticeOn === undefined && heldAt >= DECREE_155_2026_IN_FORCE) {
    throw validationFailed(
      'noticeOn',
      `noticeOn is required for a dialogue held from ${DECREE_155_2026_IN_FORCE} (KN-DLG, NĐ 155/2026 Art. 11)`,
    );
  }
  if (d.noticeOn !== undefined) {
    const noticeOn = actionDate(s, d.noticeOn, 'noticeOn', ctx);
    if (noticeOn > heldAt)
      throw validationFailed('noticeOn', 'the notice cannot be dated after the dialogue');
    if (heldAt >= DECREE_155_2026_IN_FORCE && noticeOn > addDays(heldAt, -DIALOGUE_NOTICE_DAYS)) {
      throw illegalTransition(
        `KN-DLG: the dialogue notice must be given at least ${DIALOGUE_NOTICE_DAYS} days before it (NĐ 155/2026 Art. 11)`,
      );
    }
    data.noticeOn = noticeOn;
  }
  return { type: 'DialogueRecorded', data };
}

/**
 * LKN Art. 39 (mandatory dialogue for a second complaint), with the absence rules. Only dialogues held
 * on or before the decision date count: the dialogue comes before the decision.
 */
function hasRequiredDialogue(s: ExistingCase, decidedAt: IsoDate): boolean {
  const before = s.dialogues.filter((x) => x.heldAt <= decidedAt);
  if (before.some((x) => x.outcome !== 'absent')) return true;
  const absences = before.filter((x) => x.outcome === 'absent').length;
  if (absences >= 2) return true; // ended after the 2nd invitation (TT 07/2013 Art. 21(2)(a))
  return decidedAt >= DECREE_155_2026_IN_FORCE && absences >= 1; // NĐ 155/2026 Art. 11
}

const INFORMATIONAL_ON_DECISION: Record<'complaint1' | 'complaint2' | 'denunciation', RuleId[]> = {
  complaint1: ['KN-SEND1', 'KN-ESC', 'KN-EFF1'],
  complaint2: ['KN-SEND2', 'KN-PUB2', 'KN-EFF2'],
  denunciation: ['TC-CONCL-SEND', 'TC-HANDLE', 'TC-PUB'],
};

function resolve(cmd: ResolveCase, s: ExistingCase, ctx: DecideContext): CaseResolved {
  const kind = s.kind;
  const petitionLike = kind === 'petition' || kind === 'reflection';
  requireStatus(s, petitionLike ? ['classified', 'accepted'] : ['accepted'], 'resolve');
  const k = kindOf(s);
  const d = cmd.data;
  const decidedAt = actionDate(s, d.decidedAt, 'decidedAt', ctx, phaseStart(s));
  if (!OUTCOMES_BY_KIND[k].includes(d.outcome)) {
    throw validationFailed('outcome', `a ${k} is resolved as ${OUTCOMES_BY_KIND[k].join(' | ')}`);
  }
  const summary = requireText(d.summary, 'summary');
  const level1 = k === 'complaint' && s.level !== 2;
  if (level1 && typeof d.verificationAgreesWithRequest !== 'boolean') {
    throw validationFailed(
      'verificationAgreesWithRequest',
      'verificationAgreesWithRequest is required for a level-1 complaint (true or false; LKN Art. 30)',
    );
  }
  if (k === 'complaint' && s.disciplinary && !hasRequiredDialogue(s, decidedAt)) {
    throw illegalTransition(
      'a disciplinary complaint needs a dialogue before the decision (mandatory dialogue, LKN Art. 53, 55)',
    );
  }
  if (k === 'complaint' && s.level === 2 && !hasRequiredDialogue(s, decidedAt)) {
    throw illegalTransition('a second complaint needs a dialogue before the decision (LKN Art. 39)');
  }
  if (level1 && d.verificationAgreesWithRequest === false && !hasRequiredDialogue(s, decidedAt)) {
    throw illegalTransition(
      'the verification result differs from the request: a dialogue is required before the decision (LKN Art. 30)',
    );
  }
  // An anonymous reflection's XLD (no TCD-ANS started for it) is completed by its answer.
  const deadlineOutcomes = pendingOf(s, [...RESOLUTION_RULES, 'TCD-ANS', 'XLD']).map((x) =>
    complete(x, decidedAt),
  );
  const group =
    k === 'complaint' ? (s.level === 2 ? 'complaint2' : 'complaint1') : k === 'denunciation' ? k : null;
  const dates = !group
    ? []
    : s.untracked
      ? informationalIfComputable(INFORMATIONAL_ON_DECISION[group], decidedAt, factsOf(s), ctx)
      : informational(INFORMATIONAL_ON_DECISION[group], decidedAt, factsOf(s), ctx);
  const data: CaseResolved['data'] = {
    caseId: s.caseId,
    decidedAt,
    outcome: d.outcome,
    summary,
    deadlineOutcomes,
    dates,
  };
  if (typeof d.verificationAgreesWithRequest === 'boolean' && k === 'complaint')
    data.verificationAgreesWithRequest = d.verificationAgreesWithRequest;
  if (d.decisionNo !== undefined) data.decisionNo = d.decisionNo;
  return { type: 'CaseResolved', data };
}

const cancelAll = (s: ExistingCase, at: IsoDate) => s.deadlines.filter(isPending).map((x) => cancel(x, at));

function withdraw(cmd: WithdrawCase, s: ExistingCase, ctx: DecideContext): CaseWithdrawn {
  requireStatus(s, OPEN_STATUSES, 'withdraw');
  const at = actionDate(s, cmd.data.at, 'at', ctx, phaseStart(s));
  const data: CaseWithdrawn['data'] = { caseId: s.caseId, at, deadlineOutcomes: cancelAll(s, at) };
  if (cmd.data.reason !== undefined) data.reason = cmd.data.reason;
  return { type: 'CaseWithdrawn', data };
}

function terminate(cmd: TerminateCase, s: ExistingCase, ctx: DecideContext): CaseTerminated {
  requireStatus(s, OPEN_STATUSES, 'terminate');
  const at = actionDate(s, cmd.data.at, 'at', ctx, phaseStart(s));
  const reason = requireText(cmd.data.reason, 'reason');
  const rules: RuleId[] =
    s.kind === 'complaint' ? ['KN-TERM30', 'KN-SUSP'] : s.kind === 'denunciation' ? ['TC-SUSP'] : [];
  const data: CaseTerminated['data'] = { caseId: s.caseId, at, reason, deadlineOutcomes: cancelAll(s, at) };
  const dates = informationalIfComputable(rules, at, factsOf(s), ctx);
  if (dates.length) data.dates = dates;
  return { type: 'CaseTerminated', data };
}

function close(cmd: CloseCase, s: ExistingCase, ctx: DecideContext): CaseClosed {
  requireStatus(s, ['resolved', 'rejected', 'guided', 'archived'], 'close');
  const at = actionDate(s, cmd.data.at, 'at', ctx, { on: s.settledOn, what: 'decision' });
  return { type: 'CaseClosed', data: { caseId: s.caseId, at } };
}

// ── corrections by a process (docs/calendar.md; docs/reference/deadlines.md §10) ─────────────────────

/** A calendar correction: an open deadline takes its recomputed due date; nothing when it is unchanged. */
function correctDeadline(cmd: CorrectDeadline, s: ExistingCase, ctx: DecideContext): DeadlineCorrected[] {
  const d = cmd.data;
  requireText(d.reason, 'reason');
  if (!isIsoDate(d.dueOn)) throw validationFailed('dueOn', 'dueOn must be a date (YYYY-MM-DD)');
  if (!isIsoDate(d.baseDueOn)) throw validationFailed('baseDueOn', 'baseDueOn must be a date (YYYY-MM-DD)');
  const t = s.deadlines.find((x) => x.deadline.deadlineNo === d.deadlineNo);
  if (!t) throw validationFailed('deadlineNo', `no deadline ${d.deadlineNo} on this case`);
  if (!isPending(t))
    throw illegalTransition(`deadline ${d.deadlineNo} is ${t.status}: only an open deadline is corrected`);
  if (t.deadline.dueOn === d.dueOn) return [];
  const data: DeadlineCorrected['data'] = {
    caseId: s.caseId,
    deadlineNo: d.deadlineNo,
    ruleId: t.deadline.ruleId,
    ruleVersion: t.deadline.ruleVersion,
    previousDueOn: t.deadline.dueOn,
    dueOn: d.dueOn,
    baseDueOn: d.baseDueOn,
    reason: d.reason,
    calendarYear: d.calendarYear,
  };
  // Accountability still undecided and its due date not moved apart from the legal one: both move.
  const undecided = t.accountability === undefined && !t.missRecorded && !t.deadline.enteredAfterGrace;
  const together = (t.deadline.accountabilityDueOn ?? t.deadline.dueOn) === t.deadline.dueOn;
  if (undecided && together && t.deadline.graceUntil !== undefined) {
    const dates = accountabilityDatesOf(d.dueOn, ctx);
    if (dates.graceUntil !== undefined && !dates.enteredAfterGrace) {
      data.graceUntil = dates.graceUntil;
      data.accountabilityDueOn = d.dueOn;
    }
  }
  return [{ type: 'DeadlineCorrected', data }];
}

/**
 * XLD for an unclassified letter registered before XLD existed (docs/reference/deadlines.md §10), from
 * its intake start (receipt, or a transfer's date). Nothing for a letter that has one pending, is
 * classified, untracked or waiting for calendar data. Such an XLD counts in accountability only if its
 * graceUntil lies after the migration.
 */
function startMissingXld(cmd: StartMissingXld, s: ExistingCase, ctx: DecideContext): DeadlineStarted[] {
  requireText(cmd.data.reason, 'reason');
  if (s.status !== 'received' || s.untracked || s.xldPendingCalendar) return [];
  if (s.deadlines.some((d) => d.deadline.ruleId === 'XLD' && isPending(d))) return [];
  if (s.deadlines.some((d) => d.deadline.ruleId === 'XLD' && d.deadline.startOn === s.intakeStartOn))
    return [];
  const xld = xldFor(s.intakeStartOn, nextDeadlineNo(s), ctx).xldDeadline;
  if (!xld) return [];
  const dates = accountabilityDatesOf(xld.dueOn, ctx);
  const accountable = dates.graceUntil === undefined || !dates.enteredAfterGrace;
  const deadline: CaseDeadline = {
    ...xld,
    ...(dates.graceUntil !== undefined
      ? { graceUntil: dates.graceUntil, accountabilityDueOn: xld.dueOn }
      : {}),
  };
  return [
    {
      type: 'DeadlineStarted',
      data: { caseId: s.caseId, deadline, unitId: s.receivingUnitId, reason: cmd.data.reason, accountable },
    },
  ];
}
