import { DomainError } from '../shared/domain-error.js';
import { isIsoDate, type IsoDate } from '../shared/dates.js';
import type { DeadlineFacts, RuleCategory, RuleId, RuleVersion, Variant } from './rule.types.js';

/**
 * Every rule id of docs/reference/legal.md §12.2 that donthu computes. A `Record` so that adding a
 * `RuleId` without listing it here fails to compile.
 */
const RULE_ID_SET: Record<RuleId, true> = {
  'KN-ACC': true,
  'KN-RES1': true,
  'KN-RES2': true,
  'KN-SEND1': true,
  'KN-ESC': true,
  'KN-EFF1': true,
  'KN-SEND2': true,
  'KN-PUB2': true,
  'KN-EFF2': true,
  'TC-PRE': true,
  'TC-XFER': true,
  'TC-NOTIF': true,
  'TC-RES': true,
  'TC-CONCL-SEND': true,
  'TC-HANDLE': true,
  'TC-PUB': true,
  'TCD-ANS': true,
  'TT-DIRECT': true,
  'KN-LIM': true,
  'KN-LIM-KL': true,
  'KN-RES-KL': true,
  'KN-DLG': true,
  'KN-SUSP': true,
  'KN-TERM30': true,
  'TC-SUSP': true,
  'TC-FOLLOWUP': true,
  'TC-OVERDUE': true,
  'TC-MON': true,
  'TCD-RESULT': true,
  'TCD-REFUSE': true,
  'TCD-ONLINE': true,
  'TCD-FREQ': true,
  XLD: true,
  'TT-CONCL': true,
  'TT-REMED': true,
};

export const RULE_IDS: readonly RuleId[] = Object.freeze(Object.keys(RULE_ID_SET) as RuleId[]);

export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RULE_ID_SET, value);
}

/** Dates the laws took effect; each rule version cites one of them (docs/reference/legal.md §0, §7). */
const LKN = '2012-07-01'; // Luật Khiếu nại 02/2011/QH13
const LTCD = '2014-07-01'; // Luật Tiếp công dân 42/2013/QH13
const LTC = '2019-01-01'; // Luật Tố cáo 25/2018/QH14
const LTHANHTRA = '2025-07-01'; // Luật Thanh tra 84/2025/QH15
const V2026 = '2026-07-01'; // Law 136/2025/QH15, NĐ 154/2026, NĐ 155/2026
const TT05_2021 = '2021-11-15'; // Thông tư 05/2021/TT-TTCP (in force 15/11/2021, ⚠️)
const ND31_2019 = '2019-05-20'; // Nghị định 31/2019/NĐ-CP (in force 20/05/2019)

const BARE_NGAY =
  'The law writes a bare "ngày": read as calendar days with the Civil Code Art. 148 roll-forward ' +
  '(docs/reference/legal.md §10, ⚠️); an agency can override the unit.';

/**
 * The effective-dated deadline rules (docs/reference/legal.md §12.2; counted as docs/reference/deadlines.md §1–§7 says). Data only; the
 * rule book (rule-book.ts) applies it, docs/deadline-rules.md is rendered from it.
 *
 * Versions of one rule are listed oldest first and do not overlap (`version` ≤ S < `effectiveTo`).
 */
export const RULE_TABLE: readonly RuleVersion[] = deepFreeze([
  {
    ruleId: 'KN-ACC',
    title: 'Complaint acceptance (thụ lý), 1st and 2nd complaint',
    version: LKN,
    effectiveTo: V2026,
    unit: 'working_days',
    lengths: { normal: 10 },
    startEvent: 'complaint received (receivedAt), or transferred in (transfer date)',
    completedBy: 'accept, reject, guide, archive or transfer',
    category: 'tracked',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LKN Art. 27, 36; TT 07/2013 Art. 5(1) (am. TT 02/2016); NĐ 124/2020 Art. 16(1)',
    confidence: 'verified',
    notes:
      'The law says "10 ngày"; the Inspectorate\'s implementing texts say 10 working days. ' +
      'Version dated from the Law on Complaints (in force 2012-07-01).',
  },
  {
    ruleId: 'KN-ACC',
    title: 'Complaint acceptance (thụ lý), 1st and 2nd complaint',
    version: V2026,
    unit: 'working_days',
    lengths: { normal: 7 },
    startEvent: 'complaint received (receivedAt), or transferred in (transfer date)',
    completedBy: 'accept, reject, guide, archive or transfer',
    category: 'tracked',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'NĐ 155/2026 Art. 10; Law 136/2025/QH15',
    confidence: 'secondary',
    notes: 'Check against the Official Gazette (Công báo) before go-live.',
  },
  {
    ruleId: 'KN-RES1',
    title: 'First complaint resolution',
    version: LKN,
    unit: 'calendar_days',
    lengths: { normal: 30, complex: 45, remote: 45, remote_complex: 60 },
    startEvent: 'acceptance (thụ lý) of a first complaint',
    completedBy: 'resolve (the first resolution decision)',
    category: 'tracked',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LKN Art. 28',
    confidence: 'verified',
    notes: `${BARE_NGAY} Pauses while the case is suspended.`,
  },
  {
    ruleId: 'KN-RES2',
    title: 'Second complaint resolution',
    version: LKN,
    unit: 'calendar_days',
    lengths: { normal: 45, complex: 60, remote: 60, remote_complex: 70 },
    startEvent: 'acceptance (thụ lý) of a second complaint',
    completedBy: 'resolve (the second resolution decision)',
    category: 'tracked',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LKN Art. 37',
    confidence: 'verified',
    notes: `${BARE_NGAY} Pauses while the case is suspended.`,
  },
  {
    ruleId: 'KN-SEND1',
    title: 'Send the first resolution decision',
    version: LKN,
    unit: 'working_days',
    lengths: { normal: 3 },
    startEvent: 'date of the first resolution decision',
    completedBy: 'decision sent to the complainant, superior, interested parties and same-level inspectorate',
    category: 'informational',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LKN Art. 32',
    confidence: 'verified',
  },
  {
    ruleId: 'KN-ESC',
    title: 'Window for a second complaint or a lawsuit',
    version: LKN,
    unit: 'calendar_days',
    lengths: { normal: 30, remote: 45 },
    startEvent: 'first decision received, or KN-RES1 expired without a decision (the later)',
    completedBy: 'second complaint or administrative lawsuit filed (the window closes)',
    category: 'informational',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LKN Art. 33',
    confidence: 'verified',
  },
  {
    ruleId: 'KN-EFF1',
    title: 'First decision takes legal effect',
    version: LKN,
    unit: 'calendar_days',
    lengths: { normal: 30, remote: 45 },
    startEvent: 'issuance of the first resolution decision',
    completedBy: 'the decision takes effect if not appealed',
    category: 'informational',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LKN Art. 44',
    confidence: 'verified',
  },
  {
    ruleId: 'KN-SEND2',
    title: 'Send the second resolution decision',
    version: LKN,
    unit: 'calendar_days',
    lengths: { normal: 7 },
    startEvent: 'date of the second resolution decision',
    completedBy: 'decision sent to the parties',
    category: 'informational',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LKN Art. 41(1)',
    confidence: 'verified',
  },
  {
    ruleId: 'KN-PUB2',
    title: 'Publish the second resolution decision',
    version: LKN,
    unit: 'calendar_days',
    lengths: { normal: 15 },
    startEvent: 'date of the second resolution decision',
    completedBy: 'decision published (meeting, posting ≥15 days, or media)',
    category: 'informational',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'NĐ 75/2012 Art. 12; TT 07/2013 Art. 22(3); NĐ 124/2020',
    confidence: 'unverified',
    notes: 'Carried into NĐ 124/2020 (⚠️ ~90%); a meeting needs ≥3 working days notice.',
  },
  {
    ruleId: 'KN-EFF2',
    title: 'Second decision takes legal effect',
    version: LKN,
    unit: 'calendar_days',
    lengths: { normal: 30, remote: 45 },
    startEvent: 'issuance of the second resolution decision',
    completedBy: 'the decision takes effect (then enforceable)',
    category: 'informational',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LKN Art. 44',
    confidence: 'verified',
  },
  {
    ruleId: 'TC-PRE',
    title: 'Denunciation initial processing (intake)',
    version: LTC,
    unit: 'working_days',
    lengths: { normal: 7, multi_location: 10 },
    startEvent: 'denunciation received, or transferred in (transfer date)',
    completedBy: 'accept, reject, guide, archive or transfer',
    category: 'tracked',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LTC Art. 24(1)',
    confidence: 'verified',
    notes: 'multi_location also covers delegated verification.',
  },
  {
    ruleId: 'TC-XFER',
    title: 'Transfer a denunciation outside our competence',
    version: LTC,
    unit: 'working_days',
    lengths: { normal: 5 },
    startEvent: 'denunciation received (competent unit outside the receiving subtree)',
    completedBy: 'transfer or guide',
    category: 'tracked',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LTC Art. 24(2)',
    confidence: 'verified',
  },
  {
    ruleId: 'TC-NOTIF',
    title: 'Notify the acceptance of a denunciation',
    version: LTC,
    unit: 'working_days',
    lengths: { normal: 5 },
    startEvent: 'acceptance decision',
    completedBy: 'denunciator and denounced person notified',
    category: 'informational',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LTC Art. 29(3)',
    confidence: 'verified',
  },
  {
    ruleId: 'TC-RES',
    title: 'Denunciation resolution',
    version: LTC,
    unit: 'calendar_days',
    lengths: { normal: 30, complex: 30, especially_complex: 30 },
    startEvent: 'acceptance (thụ lý) of a denunciation',
    completedBy: 'resolve (the conclusion)',
    category: 'tracked',
    startRecorded: true,
    maxExtensions: { normal: 0, complex: 1, especially_complex: 2 },
    maxExtensionDays: 30,
    legalBasis: 'LTC Art. 30, 34; NĐ 31/2019 Art. 3',
    confidence: 'verified',
    notes: `Extensions: complex 1 × ≤30 days, especially complex 2 × ≤30 days, each by written decision. ${BARE_NGAY} Suspended time is excluded.`,
  },
  {
    ruleId: 'TC-CONCL-SEND',
    title: 'Send the denunciation conclusion',
    version: LTC,
    unit: 'working_days',
    lengths: { normal: 5 },
    startEvent: 'conclusion issued',
    completedBy: 'conclusion sent to the denounced person and their managing body; denunciator notified',
    category: 'informational',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LTC Art. 35(3)',
    confidence: 'verified',
  },
  {
    ruleId: 'TC-HANDLE',
    title: 'Handle the denunciation conclusion',
    version: LTC,
    unit: 'working_days',
    lengths: { normal: 7 },
    startEvent: 'conclusion issued',
    completedBy: 'handling decided (sanctions, restoration of rights, transfer to investigators)',
    category: 'informational',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LTC Art. 36(1)',
    confidence: 'verified',
  },
  {
    ruleId: 'TC-PUB',
    title: 'Publish the denunciation conclusion',
    version: LTC,
    unit: 'working_days',
    lengths: { normal: 7 },
    startEvent: 'conclusion or handling decision',
    completedBy: 'conclusion published (never revealing the denunciator)',
    category: 'informational',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LTC Art. 40',
    confidence: 'verified',
  },
  {
    ruleId: 'TCD-ANS',
    title: 'Answer a petition or reflection received at reception',
    version: LTCD,
    unit: 'working_days',
    lengths: { normal: 10 },
    startEvent: 'petition or reflection received, or transferred in (transfer date)',
    completedBy: 'accept, reject, guide, archive, transfer or resolve',
    category: 'tracked',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LTCD Art. 28(1)',
    confidence: 'verified',
    notes:
      'Tracked for petitions and reflections only; complaints and denunciations use KN-ACC, TC-PRE, TC-XFER.',
  },
  {
    ruleId: 'TT-DIRECT',
    title: 'Directive on an inspection conclusion',
    version: LTHANHTRA,
    unit: 'calendar_days',
    lengths: { normal: 15 },
    startEvent: 'inspection conclusion and implementation recommendation received',
    completedBy: 'directive issued by the same-level state management head',
    category: 'informational',
    startRecorded: false,
    maxExtensionDays: 0,
    legalBasis: 'Luật Thanh tra 84/2025/QH15 Art. 53',
    confidence: 'secondary',
    notes: 'The Prime Minister has 30 days for Government Inspectorate conclusions (configure by override).',
  },
  {
    ruleId: 'KN-LIM',
    title: 'Limitation period for a complaint (thời hiệu)',
    version: LKN,
    unit: 'calendar_days',
    lengths: { normal: 90 },
    startEvent: 'the complainant received or learned of the administrative decision or act',
    completedBy: 'the complaint is filed (a later one is time-barred unless an obstacle excuses it)',
    category: 'informational',
    startRecorded: false,
    maxExtensionDays: 0,
    legalBasis: 'LKN Art. 9',
    confidence: 'verified',
    notes:
      'Time lost to illness, disaster, war, far-away work or study or another objective obstacle is not counted. ' +
      'donthu does not record the date the decision was received yet.',
  },
  {
    ruleId: 'KN-LIM-KL',
    title: 'Limitation period for a disciplinary complaint',
    version: LKN,
    unit: 'calendar_days',
    lengths: { normal: 15, second: 10, second_dismissal: 30 },
    startEvent: 'the disciplinary decision received (1st); the first resolution decision received (2nd)',
    completedBy: 'the disciplinary complaint is filed',
    category: 'informational',
    startRecorded: false,
    maxExtensionDays: 0,
    legalBasis: 'LKN Art. 48',
    confidence: 'verified',
    notes:
      'normal = first complaint (15 days); second = second complaint (10 days; 30 for a dismissal, buộc thôi việc).',
  },
  {
    ruleId: 'KN-RES-KL',
    title: 'Disciplinary complaint resolution (each level)',
    version: LKN,
    unit: 'calendar_days',
    lengths: { normal: 30, complex: 45 },
    startEvent: 'acceptance (thụ lý) of a disciplinary complaint',
    completedBy: 'resolve (the resolution decision); a dialogue is mandatory before it (LKN Art. 53, 55)',
    category: 'tracked',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LKN Art. 50',
    confidence: 'verified',
    notes: `Replaces KN-RES1/KN-RES2 for a complaint classified with disciplinary: true. ${BARE_NGAY} Pauses while the case is suspended.`,
  },
  {
    ruleId: 'KN-DLG',
    title: 'Dialogue notice (counted backwards from the dialogue)',
    version: V2026,
    unit: 'calendar_days',
    lengths: { normal: 5 },
    startEvent: 'the dialogue date (heldAt); the period runs backwards',
    completedBy: 'the written notice of the dialogue, dated at least 5 days before it (noticeOn)',
    category: 'guard',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'NĐ 155/2026 Art. 11',
    confidence: 'secondary',
    notes:
      'Checked when a dialogue held from 2026-07-01 is recorded: noticeOn is required (400 without it) and must ' +
      'be on or before heldAt − 5 days (409 otherwise). dueOn is the latest notice date; no roll (a notice may be dated any day).',
  },
  {
    ruleId: 'KN-SUSP',
    title: 'Send a complaint suspension, termination or continuation decision',
    version: V2026,
    unit: 'working_days',
    lengths: { normal: 3 },
    startEvent: 'the suspension, termination or continuation (resumption) decision on a complaint',
    completedBy: 'the decision sent to the complainant and the parties',
    category: 'informational',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'NĐ 155/2026 Art. 12 (NĐ 124/2020 Art. 28a–28b); new LKN Art. 11a',
    confidence: 'secondary',
    notes:
      'Complaints can be suspended only from 2026-07-01 (docs/reference/deadlines.md §7). The resolution period resumes at the ' +
      'continuation decision (the remainder).',
  },
  {
    ruleId: 'KN-TERM30',
    title: 'Termination notice: the complaint becomes non-acceptable after 30 days',
    version: LKN,
    unit: 'calendar_days',
    lengths: { normal: 30 },
    startEvent: 'the termination notice (đình chỉ) of a complaint',
    completedBy: 'the complainant continues within the period (after it, LKN Art. 11(8): not acceptable)',
    category: 'informational',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LKN Art. 11(8)',
    confidence: 'verified',
  },
  {
    ruleId: 'TC-SUSP',
    title: 'Send a denunciation suspension or termination decision',
    version: LTC,
    unit: 'working_days',
    lengths: { normal: 5 },
    startEvent: 'the suspension or termination decision on a denunciation',
    completedBy: 'the decision sent to the denunciator and the denounced person, with reasons',
    category: 'informational',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LTC Art. 34(4)',
    confidence: 'verified',
  },
  {
    ruleId: 'TC-FOLLOWUP',
    title: 'Review a continued denunciation (tố cáo tiếp)',
    version: LTC,
    unit: 'calendar_days',
    lengths: { normal: 20 },
    startEvent: 'a continued denunciation received by the direct superior',
    completedBy: 'declined with reasons, re-routed, or re-resolution decided',
    category: 'informational',
    startRecorded: false,
    maxExtensionDays: 0,
    legalBasis: 'LTC Art. 37(2)',
    confidence: 'verified',
  },
  {
    ruleId: 'TC-OVERDUE',
    title: 'Overdue denunciation: report demanded by the superior',
    version: LTC,
    unit: 'working_days',
    lengths: { normal: 5 },
    startEvent:
      "the complaint about an overdue denunciation received (then: the superior's request received)",
    completedBy: 'the superior demands a report (5 WD); the resolver reports (5 WD after the request)',
    category: 'informational',
    startRecorded: false,
    maxExtensionDays: 0,
    legalBasis: 'LTC Art. 38',
    confidence: 'verified',
    notes: "Two steps of 5 working days each: the superior's request, then the resolver's report.",
  },
  {
    ruleId: 'TC-MON',
    title: 'Monitoring a denunciation conclusion: monthly report',
    version: ND31_2019,
    unit: 'months',
    lengths: { normal: 1 },
    startEvent: 'the conclusion, then each monthly report',
    completedBy: 'the monitoring report on the implementation of the conclusion',
    category: 'periodic',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'NĐ 31/2019 Art. 18(2)',
    confidence: 'verified',
    notes:
      'Periodic: followed by the statistics and the inspection follow-up (reportEvery) rather than as a case deadline.',
  },
  {
    ruleId: 'TCD-RESULT',
    title: 'Relay the result to the citizen',
    version: LTCD,
    unit: 'working_days',
    lengths: { normal: 5 },
    startEvent: 'the result notice received by the Reception Board or the deputy',
    completedBy: 'the result relayed to the citizen who asked for it',
    category: 'informational',
    startRecorded: false,
    maxExtensionDays: 0,
    legalBasis: 'LTCD Art. 28(2)',
    confidence: 'verified',
  },
  {
    ruleId: 'TCD-REFUSE',
    title: 'Refusal-to-receive notice',
    version: V2026,
    unit: 'working_days',
    lengths: { normal: 3 },
    startEvent: 'the grounds for refusing to receive established (settled matter, nothing new)',
    completedBy: 'the refusal notice (form 01/TCD)',
    category: 'informational',
    startRecorded: false,
    maxExtensionDays: 0,
    legalBasis: 'NĐ 154/2026 Art. 4(3)',
    confidence: 'secondary',
  },
  {
    ruleId: 'TCD-ONLINE',
    title: 'Online reception notice (counted backwards from the session)',
    version: V2026,
    unit: 'working_days',
    lengths: { normal: 5 },
    startEvent: 'the date of a periodic online reception session; the period runs backwards',
    completedBy:
      'the session scheduled (recorded) at least 5 working days before its date; a test at least 1 working day before',
    category: 'guard',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'NĐ 154/2026 Art. 23',
    confidence: 'secondary',
    notes:
      'Checked when a periodic online session is scheduled before its date: recorded on or before dueOn ' +
      '(the 5th working day before the date) or 409. Unscheduled sessions and sessions recorded on or after ' +
      'their date (late entries) are not refused.',
  },
  {
    ruleId: 'TCD-FREQ',
    title: "Heads' periodic citizen reception",
    version: LTCD,
    unit: 'months',
    lengths: { normal: 1 },
    startEvent: "the start of each period of a head's term",
    completedBy: 'a reception day held by the head in person (GET /reception-duty)',
    category: 'periodic',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'LTCD Art. 12(5), 15(2)(d), 18(2); Quy định 11-QĐi/TW; Kết luận 215-KL/TW',
    confidence: 'verified',
    notes:
      'Provincial, department and agency heads: at least 1 day a month; commune chairs: at least 1 day a week ' +
      '(a setting; ⚠️ a 2026 decree may change it). Counted by /reception-duty per calendar month or ISO week.',
  },
  {
    ruleId: 'XLD',
    title: 'Letter processing (xử lý đơn)',
    version: TT05_2021,
    unit: 'working_days',
    lengths: { normal: 10 },
    startEvent: 'letter received (receivedAt), or transferred in (transfer date)',
    completedBy:
      "classify (then XLD leaves accountability when the kind's intake rule starts), guide, archive or transfer",
    category: 'tracked',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'TT 05/2021/TT-TTCP',
    confidence: 'unverified',
    notes:
      'An agency setting (⚠️ ~70%: the 10 working days were not found in the sources consulted). Registration ' +
      'never fails for calendar reasons: without calendar data XLD is stored pending (docs/reference/deadlines.md §10).',
  },
  {
    ruleId: 'TT-CONCL',
    title: 'Sign the inspection conclusion',
    version: LTHANHTRA,
    unit: 'calendar_days',
    lengths: { normal: 15 },
    startEvent: 'the draft conclusion received by the head who decided the inspection',
    completedBy: 'the inspection conclusion signed',
    category: 'informational',
    startRecorded: false,
    maxExtensionDays: 0,
    legalBasis: 'Luật Thanh tra 84/2025/QH15 Art. 36(1)',
    confidence: 'secondary',
    notes: 'The Government Inspectorate has 30 days (configure by override).',
  },
  {
    ruleId: 'TT-REMED',
    title: 'Remediation reports on a recommendation',
    version: LTHANHTRA,
    unit: 'months',
    lengths: { normal: 6 },
    startEvent: 'the inspection conclusion, then each report date',
    completedBy: 'a progress report on the recommendation (GET /inspections/follow-up)',
    category: 'periodic',
    startRecorded: true,
    maxExtensionDays: 0,
    legalBasis: 'set by each conclusion (reportEvery 3m, 6m or 12m, or reportDates)',
    confidence: 'unverified',
    notes:
      'No statutory figure was found (docs/reference/legal.md §7): each conclusion sets the cadence; 6 months is the ' +
      "default shown here. Due dates are the conclusion date + k × cadence, the day clamped to the month's end.",
  },
] satisfies RuleVersion[]);

/** All versions of a rule, oldest first (without agency overrides). */
export function ruleVersionsOf(ruleId: RuleId): readonly RuleVersion[] {
  return versionsIn(RULE_TABLE, ruleId);
}

/** The version of `ruleId` in force on `startOn` (without agency overrides). */
export function ruleVersionFor(ruleId: RuleId, startOn: IsoDate): RuleVersion {
  return versionOn(RULE_TABLE, ruleId, startOn);
}

/** How the engine uses the rule (its latest version): tracked, informational, guard or periodic. */
export function ruleCategoryOf(ruleId: RuleId): RuleCategory {
  const versions = ruleVersionsOf(ruleId);
  return versions[versions.length - 1].category;
}

/** Tracked rules can be missed and count in accountability; the others are dates, guards or duties. */
export function isTrackedRule(ruleId: RuleId): boolean {
  return ruleCategoryOf(ruleId) === 'tracked';
}

/** @internal shared with rule-book.ts, which applies it to the overridden table. */
export function versionsIn(table: readonly RuleVersion[], ruleId: RuleId): readonly RuleVersion[] {
  if (!isRuleId(ruleId))
    throw new DomainError('VALIDATION_FAILED', `unknown deadline rule: ${String(ruleId)}`);
  const versions = table.filter((v) => v.ruleId === ruleId);
  if (versions.length === 0) throw new Error(`rule table has no version of ${ruleId}`);
  return versions;
}

/** @internal */
export function versionOn(table: readonly RuleVersion[], ruleId: RuleId, startOn: IsoDate): RuleVersion {
  const versions = versionsIn(table, ruleId);
  if (!isIsoDate(startOn))
    throw new DomainError('VALIDATION_FAILED', `not a date (YYYY-MM-DD): ${String(startOn)}`);
  const found = versions.find(
    (v) => v.version <= startOn && (v.effectiveTo === undefined || startOn < v.effectiveTo),
  );
  if (!found)
    throw new DomainError(
      'VALIDATION_FAILED',
      `no version of ${ruleId} was in force on ${startOn} (first version ${versions[0].version})`,
    );
  return found;
}

/**
 * The variant the facts ask for, most specific first. Especially complex counts as complex for rules
 * that do not distinguish it (complaints).
 */
export function variantCandidates(facts: DeadlineFacts): Variant[] {
  const complex = Boolean(facts.complex || facts.especiallyComplex);
  const list: Variant[] = [];
  if (facts.level === 2) list.push(facts.dismissal ? 'second_dismissal' : 'second');
  if (facts.especiallyComplex) list.push('especially_complex');
  if (complex && facts.remoteArea) list.push('remote_complex');
  if (facts.multiLocation) list.push('multi_location');
  if (complex) list.push('complex');
  if (facts.remoteArea) list.push('remote');
  list.push('normal');
  return list;
}

/**
 * The variant a rule version applies for these facts: the first candidate (most specific first) the
 * version defines a length for; `normal` when it defines none of them. Falling back step by step
 * (not straight to `normal`) keeps e.g. a complex remote denunciation `complex` for TC-RES and a
 * complex remote KN-ESC `remote`.
 */
export function selectVariant(version: Pick<RuleVersion, 'lengths'>, facts: DeadlineFacts): Variant {
  return variantCandidates(facts).find((v) => version.lengths[v] !== undefined) ?? 'normal';
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
