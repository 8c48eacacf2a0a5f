/**
 * Shapes of the API's answers the console reads. Requests are typed by the generated schema
 * (schema.d.ts); answers whose controllers declare no response type in the OpenAPI description are
 * described here, after docs/reference/api-contract.md (the sections of each endpoint).
 */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CaseListItem {
  id: string;
  trackingCode: string;
  kind: string | null;
  level: number | null;
  status: string;
  channel: string | null;
  field: string | null;
  receivingUnitId: string;
  competentUnitId: string | null;
  handlerId: string | null;
  receivedAt: string;
  acceptedAt: string | null;
  decidedAt: string | null;
  subject: string;
  petitionerCount: number;
  version: number;
  /** The earliest due date of an open deadline, when the list gives it. */
  nextDueOn?: string | null;
  nextRuleId?: string | null;
}

export interface CaseDeadline {
  ruleId: string;
  ruleVersion: string;
  startOn: string;
  dueOn: string;
  status: 'open' | 'met' | 'missed' | 'cancelled' | 'paused';
  provisional?: boolean;
  legalBasis?: string;
  length?: number;
  unit?: string;
  lateEntry?: boolean;
  completedOn?: string;
}

export interface Petitioner {
  fullName: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  representative?: boolean;
}

export interface Dialogue {
  dialogueId: string;
  heldAt: string;
  noticeOn?: string;
  outcome: string;
  participants?: string[];
  minutes?: string;
}

export interface CaseView {
  id: string;
  trackingCode: string;
  kind: string | null;
  level: number | null;
  status: string;
  receivingUnitId: string;
  competentUnitId: string | null;
  handlerId: string | null;
  receivedAt: string;
  acceptedAt: string | null;
  version: number;
  deadlines: CaseDeadline[];
  dates: { ruleId: string; dueOn: string }[];
  subject: string;
  content?: string;
  field?: string | null;
  channel: string;
  forwardedBy?: string | null;
  registryNo?: string | null;
  signerCount?: number;
  decision?: { decidedAt: string; decisionNo: string | null; outcome: string; summary: string } | null;
  dialogueMinutes?: Dialogue[];
  /** Beside each deadline (same order): how it was computed and under which law. */
  deadlineBasis?: { ruleId: string; length: number; unit: string; legalBasis: string }[];
  dialogues: number;
  petitioners: Petitioner[];
  position?: number;
}

export interface RegisterAnswer {
  id: string;
  trackingCode: string;
  version: number;
  position: number;
  status: string;
  receipt: {
    trackingCode: string;
    receivedAt: string;
    receivingUnitId: string;
    receivingUnitName?: string;
    subject: string;
    answerBy?: string | null;
    lookupUrl?: string;
    lookupPin?: string | null;
  };
}

export interface HistoryEvent {
  position: number;
  version: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; name: string };
  data: Record<string, unknown>;
  hash: string;
  prevHash: string;
  businessDate?: string;
  lateEntry?: boolean;
}

export interface Unit {
  id: string;
  name: string;
  level: string;
  parentId: string | null;
  from?: string;
  ceasedOn?: string | null;
  successorId?: string | null;
  mergesInto?: { unitId: string; effectiveOn: string } | null;
  heads?: { personId: string; fullName: string; from: string; to: string | null; acting?: boolean }[];
  version?: number;
}

export interface OverdueRow {
  caseId: string;
  trackingCode: string;
  ruleId: string;
  dueOn: string;
  daysOverdue: number;
  unitId: string;
  headOfUnit: { personId: string; fullName: string } | null;
  handlerId: string | null;
  lateEntry?: boolean;
}

export interface UpcomingRow {
  caseId: string;
  trackingCode: string;
  ruleId: string;
  dueOn: string;
  daysLeft: number;
  unitId: string;
  headOfUnit: { personId: string; fullName: string } | null;
  handlerId: string | null;
}

export interface ReceptionSession {
  id: string;
  unitId: string;
  hostPersonId: string;
  date: string;
  kind: string;
  mode: string;
  status: string;
  heldOn: string | null;
  citizensReceived: number | null;
  caseIds?: string[];
  version?: number;
}

export interface AccountabilityRow {
  personId: string | null;
  fullName: string | null;
  unitId: string;
  from: string;
  to: string | null;
  acting: boolean;
  due: number;
  met: number;
  missed: number;
  open: number;
  onTimeRate: number | null;
  lateEntries: number;
  receptionRequired: number;
  receptionHeld: number;
  dialoguesHeld: number;
}

export interface ReceptionDutyRow {
  personId: string;
  fullName: string;
  unitId: string;
  from: string;
  to: string | null;
  required: number;
  held: number;
  heldLate?: number;
  missing: number;
}

export interface DemoOfficial {
  id: string;
  name: string;
  role: string;
  title: string;
  unitId: string | null;
  unitName: string;
}
