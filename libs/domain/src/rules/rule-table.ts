import { DomainError } from '../shared/domain-error.js';
import { isIsoDate, type IsoDate } from '../shared/dates.js';
import type { DeadlineFacts, RuleId, RuleVersion, Variant } from './rule.types.js';

/**
 * Every rule id of legal-reference.md §12.2 that donthu computes. A `Record` so that adding a
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
};

export const RULE_IDS: readonly RuleId[] = Object.freeze(Object.keys(RULE_ID_SET) as RuleId[]);

export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RULE_ID_SET, value);
}

/** Dates the laws took effect; each rule version cites one of them (legal-reference.md §0, §7). */
const LKN = '2012-07-01'; // Luật Khiếu nại 02/2011/QH13
const LTCD = '2014-07-01'; // Luật Tiếp công dân 42/2013/QH13
const LTC = '2019-01-01'; // Luật Tố cáo 25/2018/QH14
const LTHANHTRA = '2025-07-01'; // Luật Thanh tra 84/2025/QH15
const V2026 = '2026-07-01'; // Law 136/2025/QH15, NĐ 155/2026

const BARE_NGAY =
  'The law writes a bare "ngày": read as calendar days with the Civil Code Art. 148 roll-forward ' +
  '(legal-reference.md §10, ⚠️); an agency can override the unit.';

/**
 * The effective-dated deadline rules (legal-reference.md §12.2, deadlines.md). Data only; the
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
    tracked: true,
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
    tracked: true,
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
    tracked: true,
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
    tracked: true,
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
    tracked: false,
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
    tracked: false,
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
    tracked: false,
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
    tracked: false,
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
    tracked: false,
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
    tracked: false,
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
    tracked: true,
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
    tracked: true,
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
    tracked: false,
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
    tracked: true,
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
    tracked: false,
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
    tracked: false,
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
    tracked: false,
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
    tracked: true,
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
    tracked: false,
    maxExtensionDays: 0,
    legalBasis: 'Luật Thanh tra 84/2025/QH15 Art. 53',
    confidence: 'secondary',
    notes: 'The Prime Minister has 30 days for Government Inspectorate conclusions (configure by override).',
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

/** Tracked rules can be missed and count in accountability; the others are informational dates. */
export function isTrackedRule(ruleId: RuleId): boolean {
  const versions = ruleVersionsOf(ruleId);
  return versions[versions.length - 1].tracked;
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
