import type { IsoDate } from '../shared/dates.js';
import type { CaseChannel, CaseKind, CaseStatus, ComplaintLevel, ResolutionOutcome } from './case.events.js';
import type { DeadlineStatus, ExistingCase } from './case.state.js';

export interface CaseDeadlineView {
  ruleId: string;
  ruleVersion: IsoDate | null;
  startOn: IsoDate;
  /** Null only for an XLD waiting for calendar data (`pendingCalendar`, deadlines.md §10). */
  dueOn: IsoDate | null;
  status: DeadlineStatus;
  provisional?: boolean;
  pendingCalendar?: true;
}

/** The case view of api.md (`GET /cases/:id`) without petitioners, which the application adds. */
export interface CaseView {
  id: string;
  trackingCode: string;
  kind: CaseKind | null;
  level: ComplaintLevel | null;
  /** A complaint against a disciplinary decision. */
  disciplinary: boolean;
  status: CaseStatus;
  receivingUnitId: string;
  competentUnitId: string | null;
  handlerId: string | null;
  receivedAt: IsoDate;
  acceptedAt: IsoDate | null;
  version: number;
  deadlines: CaseDeadlineView[];
  dates: { ruleId: string; dueOn: IsoDate }[];
  subject: string;
  channel: CaseChannel;
  previousCaseId: string | null;
  decidedAt: IsoDate | null;
  outcome: ResolutionOutcome | null;
  dialogues: number;
  /** Received before the earliest calendar data or XLD's first version: nothing is tracked (deadlines.md §10). */
  untracked: boolean;
  /** A letter without a name (LTC Art. 25). */
  anonymous: boolean;
}

/** Builds the view; a deadline still open with dueOn before `today` shows as missed. */
export function toCaseView(state: ExistingCase, today: IsoDate): CaseView {
  return {
    id: state.caseId,
    trackingCode: state.trackingCode,
    kind: state.kind,
    level: state.level,
    disciplinary: state.disciplinary,
    status: state.status,
    receivingUnitId: state.receivingUnitId,
    competentUnitId: state.competentUnitId,
    handlerId: state.handlerId,
    receivedAt: state.receivedAt,
    acceptedAt: state.acceptedAt,
    version: state.version,
    deadlines: [
      ...state.deadlines.map(({ deadline, status }) => {
        const view: CaseDeadlineView = {
          ruleId: deadline.ruleId,
          ruleVersion: deadline.ruleVersion,
          startOn: deadline.startOn,
          dueOn: deadline.dueOn,
          status: status === 'open' && deadline.dueOn < today ? 'missed' : status,
        };
        if (deadline.provisional) view.provisional = true;
        return view;
      }),
      ...(state.xldPendingCalendar
        ? [
            {
              ruleId: 'XLD',
              ruleVersion: null,
              startOn: state.intakeStartOn,
              dueOn: null,
              status: 'open' as const,
              pendingCalendar: true as const,
            },
          ]
        : []),
    ],
    dates: state.dates.map(({ ruleId, dueOn }) => ({ ruleId, dueOn })),
    subject: state.subject,
    channel: state.channel,
    previousCaseId: state.previousCaseId,
    decidedAt: state.decidedAt,
    outcome: state.outcome,
    dialogues: state.dialogues.length,
    untracked: state.untracked,
    anonymous: state.anonymous,
  };
}
