import { RULE_IDS, RULE_TABLE } from './rule-table.js';
import type { Confidence, DayUnit, RuleCategory, RuleVersion, Variant } from './rule.types.js';

export const RULE_DOC_PATH = 'docs/deadline-rules.md';

export const RULE_DOC_REGENERATE =
  'UPDATE_DOCS=1 node --experimental-vm-modules node_modules/jest/bin/jest.js ' +
  'libs/domain/src/rules/rule-table.markdown.spec.ts';

const CONFIDENCE: Record<Confidence, string> = {
  verified: '✅ verified',
  secondary: '🟡 secondary',
  unverified: '⚠️ not verified',
};

const VARIANT_ORDER: readonly Variant[] = [
  'normal',
  'complex',
  'especially_complex',
  'remote',
  'remote_complex',
  'multi_location',
  'second',
  'second_dismissal',
];

const UNIT_LABELS: Record<DayUnit, string> = {
  working_days: 'working days',
  calendar_days: 'calendar days',
  months: 'months',
};

const unitLabel = (v: RuleVersion): string => UNIT_LABELS[v.unit];

const CATEGORY_LABELS: Record<RuleCategory, string> = {
  tracked: 'tracked',
  informational: 'informational',
  guard: 'guard (backwards)',
  periodic: 'periodic',
};

const CATEGORY_LINES: Record<RuleCategory, string> = {
  tracked: 'Tracked: can be missed and counts in accountability',
  informational: 'Informational: shown as a date (`dates[]`), never missed',
  guard:
    'Guard: counted backwards from the start event; the act is refused (409) when the prior act is later than the due date',
  periodic: 'Periodic: a recurring duty, followed by its own report rather than as a case deadline',
};

const categoryCell = (v: RuleVersion): string =>
  CATEGORY_LABELS[v.category] + (v.startRecorded ? '' : ', no start event yet');

const lengthsLabel = (v: RuleVersion): string =>
  VARIANT_ORDER.filter((k) => v.lengths[k] !== undefined)
    .map((k) => `${k} ${v.lengths[k]}`)
    .join(' · ');

const extensionsLabel = (v: RuleVersion): string => {
  if (v.maxExtensionDays === 0) return '—';
  const counts = VARIANT_ORDER.filter((k) => v.lengths[k] !== undefined)
    .map((k) => `${k} ${v.maxExtensions?.[k] ?? 0}`)
    .join(' · ');
  return `${counts} (each ≤ ${v.maxExtensionDays} days)`;
};

const inForce = (v: RuleVersion): string =>
  v.effectiveTo ? `${v.version} – ${v.effectiveTo} (excl.)` : `from ${v.version}`;

/** Escapes a table cell. */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** docs/deadline-rules.md, rendered from the rule table. Deterministic: no clock, no environment. */
export function renderRuleTableMarkdown(table: readonly RuleVersion[] = RULE_TABLE): string {
  const out: string[] = [];
  out.push('# Deadline rules');
  out.push('');
  out.push(
    '<!-- Generated from RULE_TABLE (libs/domain/src/rules/rule-table.ts) by renderRuleTableMarkdown()',
    '     (libs/domain/src/rules/rule-table.markdown.ts). Do not edit by hand: change the table, then run',
    `     ${RULE_DOC_REGENERATE}`,
    '     Without UPDATE_DOCS=1 that spec fails when this file and the table differ. -->',
  );
  out.push('');
  out.push(
    'The effective-dated deadline rules donthu applies ([reference/legal.md §12.2](reference/legal.md#122-deadline-rules);',
    'counting rules in [reference/deadlines.md](reference/deadlines.md)). Marks: ✅ verified in the primary or codified',
    'text, 🟡 secondary source, ⚠️ not verified.',
    "An agency can override a rule's unit and lengths (`createRuleBook({ overrides })`); this page shows the",
    'shipped defaults.',
  );
  out.push('');
  out.push('## How donthu counts');
  out.push('');
  out.push(
    '- **The start day is not counted** (Civil Code Art. 147): a period whose start event is dated S counts from S + 1.',
    '- **Working days**: Monday–Friday, minus public holidays and compensatory days off, plus make-up Saturdays',
    '  (làm bù), from the yearly data files in `data/calendar/<year>.json`. `dueOn` = the N-th working day after S.',
    '- **Calendar days** (every limit the law writes as a bare "ngày"): `baseDueOn` = S + N; `dueOn` = `baseDueOn`,',
    '  or the next working day if it is not one (Civil Code Art. 148).',
    '- **Version**: the version in force on S (`version` ≤ S < `effectiveTo`) applies; `ruleVersion` is the date it',
    '  took effect.',
    '- **Variant**: the case facts select the most specific variant the rule defines — especially complex, remote +',
    '  complex, multi-location, complex, remote — falling back step by step to normal. For complaint rules',
    '  especially complex counts as complex; for TC-RES it keeps the 30-day length and allows two extensions.',
    "- **Extension**: new `baseDueOn` = old `baseDueOn` + the extension's days (≤ the rule's maximum), then rolled",
    '  forward; the stored `length` grows by the same days.',
    '- **Suspension**: on resumption `baseDueOn` moves by the calendar days between suspension and resumption,',
    '  then rolls forward (the remainder resumes). For a rule counted in working days (an agency override), the',
    '  working days left at suspension — (suspension date, `dueOn`] — are counted again from the resumption date.',
    '- **Provisional**: a deadline is marked provisional when any year from S to `dueOn` has provisional calendar',
    '  data. A day that must be counted or rolled over in a year without data is refused with',
    '  `CALENDAR_UNAVAILABLE`, never guessed; the start day itself may lie in such a year.',
    '- **Guard** rules (KN-DLG, TCD-ONLINE) run backwards: `dueOn` is the latest date the prior act (a notice, the',
    '  scheduling of a session) may carry — S − N calendar days (no roll), or the N-th working day before S.',
    '- **Periodic** rules (TCD-FREQ, TC-MON, TT-REMED) are recurring duties: `donthu deadline` gives the next',
    "  occurrence, S + N months with the day clamped to the month's end (no roll-forward).",
    '- **Tracked** rules can be missed and count in accountability; informational rules are shown as dates only',
    '  (`dates[]` on the case view).',
    '- **No start event yet**: donthu does not record the act that starts these rules; they answer',
    '  `donthu deadline` only.',
  );
  out.push('');
  out.push('## By kind');
  out.push('');
  const ids0 = RULE_IDS.filter((id) => table.some((v) => v.ruleId === id));
  const latest = (id: string): RuleVersion => table.filter((v) => v.ruleId === id).slice(-1)[0];
  for (const category of ['tracked', 'informational', 'guard', 'periodic'] as const) {
    const list = ids0.filter((id) => latest(id).category === category);
    out.push(`- **${CATEGORY_LABELS[category]}**: ${list.join(', ')}`);
  }
  const notYet = ids0.filter((id) => !latest(id).startRecorded);
  out.push(`- **no start event yet** (\`donthu deadline\` only): ${notYet.join(', ')}`);
  out.push('');
  out.push('## Summary');
  out.push('');
  out.push('| rule | in force | unit | lengths by variant | extensions | kind | legal basis | confidence |');
  out.push('|---|---|---|---|---|---|---|---|');
  for (const v of table) {
    out.push(
      `| ${v.ruleId} | ${inForce(v)} | ${unitLabel(v)} | ${lengthsLabel(v)} | ${extensionsLabel(v)} | ` +
        `${categoryCell(v)} | ${cell(v.legalBasis)} | ${CONFIDENCE[v.confidence]} |`,
    );
  }
  out.push('');
  out.push('## Rules');
  const ids = RULE_IDS.filter((id) => table.some((v) => v.ruleId === id));
  for (const id of ids) {
    const versions = table.filter((v) => v.ruleId === id);
    out.push('');
    out.push(`### ${id} — ${versions[versions.length - 1].title}`);
    for (const v of versions) {
      out.push('');
      out.push(`**Version ${v.version}** (${inForce(v)})`);
      out.push('');
      out.push(`- Length: ${lengthsLabel(v)} ${unitLabel(v)}`);
      out.push(`- Starts (S, not counted): ${v.startEvent}`);
      out.push(`- Completed by: ${v.completedBy}`);
      out.push(`- ${CATEGORY_LINES[v.category]}`);
      if (!v.startRecorded)
        out.push('- No start event yet: donthu does not record it; `donthu deadline` computes it');
      out.push(`- Extensions: ${extensionsLabel(v)}`);
      out.push(`- Legal basis: ${v.legalBasis}`);
      out.push(`- Confidence: ${CONFIDENCE[v.confidence]}`);
      if (v.notes) out.push(`- Notes: ${v.notes}`);
    }
  }
  out.push('');
  return out.join('\n');
}
