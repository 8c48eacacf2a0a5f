import { describe, expect, it } from '@jest/globals';
import {
  CASE_EVENT_TYPES,
  RECEPTION_EVENT_TYPES,
  RULE_IDS,
  ruleVersionsOf,
  UNIT_EVENT_TYPES,
  type ExistingCase,
} from '../../domain/src/index.js';
import { ROLES } from '../../security/src/index.js';
import {
  CHANNEL_LABELS,
  CITIZEN_STATUS_LABELS,
  citizenStatusNote,
  EVENT_LABELS,
  FIELD_LABELS,
  FIGURE_LABELS,
  KIND_LABELS,
  RULE_LABELS,
  ROLE_LABELS,
  STATUS_LABELS,
  RESOLUTION_OUTCOME_LABELS,
  ARCHIVE_REASON_LABELS,
  DIALOGUE_OUTCOME_LABELS,
  DEADLINE_STATUS_LABELS,
  UNIT_LEVEL_LABELS,
  SESSION_STATUS_LABELS,
  label,
  legalBasisVi,
  type CaseKindCode,
  type CaseStatusCode,
  type ChannelCode,
  type FieldCode,
  type ResolutionOutcomeCode,
} from './index.js';

// The label module imports nothing (the console bundles it), so its code types are its own: these
// lines stop the type check when the domain's codes and the labels' codes part.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameCodes: [
  Same<CaseKindCode, NonNullable<ExistingCase['kind']>>,
  Same<CaseStatusCode, ExistingCase['status']>,
  Same<ChannelCode, ExistingCase['channel']>,
  Same<FieldCode, NonNullable<ExistingCase['field']>>,
  Same<ResolutionOutcomeCode, NonNullable<ExistingCase['outcome']>>,
] = [true, true, true, true, true];

describe('the Vietnamese labels of the codes', () => {
  it('name every code the domain knows, and only those', () => {
    expect(sameCodes.every(Boolean)).toBe(true);
    // Every rule, tracked or informational (docs/deadline-rules.md), has a Vietnamese name.
    expect(Object.keys(RULE_LABELS).sort()).toEqual([...RULE_IDS].sort());
    for (const { name } of Object.values(RULE_LABELS)) expect(name).not.toMatch(/^[A-Z]+(-[A-Z0-9]+)*$/);
    expect(Object.keys(ROLE_LABELS).sort()).toEqual([...ROLES].sort());
    for (const type of [...CASE_EVENT_TYPES, ...RECEPTION_EVENT_TYPES, ...UNIT_EVENT_TYPES])
      expect(EVENT_LABELS).toHaveProperty(type);
  });

  it('never give two codes of one list the same words', () => {
    for (const map of [
      KIND_LABELS,
      STATUS_LABELS,
      CHANNEL_LABELS,
      FIELD_LABELS,
      ARCHIVE_REASON_LABELS,
      DIALOGUE_OUTCOME_LABELS,
      RESOLUTION_OUTCOME_LABELS,
      DEADLINE_STATUS_LABELS,
      ROLE_LABELS,
      UNIT_LEVEL_LABELS,
      SESSION_STATUS_LABELS,
      FIGURE_LABELS,
    ]) {
      const words = Object.values(map);
      expect(new Set(words).size).toBe(words.length);
    }
    const ruleNames = Object.values(RULE_LABELS).map((r) => r.name);
    expect(new Set(ruleNames).size).toBe(ruleNames.length);
  });

  it('name the report figures of a kind, a field and an outcome with the code labels', () => {
    expect(FIGURE_LABELS['received.byKind.denunciation']).toBe('Đơn tố cáo');
    expect(FIGURE_LABELS['received.byField.compensation']).toBe('Lĩnh vực bồi thường, hỗ trợ, tái định cư');
    expect(FIGURE_LABELS['received.byField.other']).toBe('Lĩnh vực khác');
    expect(FIGURE_LABELS['received.byChannel.forwarded']).toBe('Do cơ quan, tổ chức chuyển đến');
    expect(FIGURE_LABELS['resolved.byOutcome.partly_true']).toBe('Tố cáo đúng một phần');
  });

  it("tell the citizen every status in one set of words, on the lookup page and in Open311's notes", () => {
    expect(Object.keys(CITIZEN_STATUS_LABELS).sort()).toEqual(Object.keys(STATUS_LABELS).sort());
    expect(citizenStatusNote('accepted')).toBe(
      'Đã thụ lý, đang giải quyết. Cơ quan có thẩm quyền đã thụ lý và đang giải quyết đơn của Ông/Bà.',
    );
    expect(citizenStatusNote('mixed')).toBe('');
  });

  it('show an unknown code as it is and a missing one as a dash', () => {
    expect(label(KIND_LABELS, 'complaint')).toBe('Khiếu nại');
    expect(label(KIND_LABELS, 'mixed')).toBe('mixed');
    expect(label(KIND_LABELS, null)).toBe('—');
  });
});

describe('legalBasisVi', () => {
  it('renders every legal basis of the rule table without an English word', () => {
    for (const v of RULE_IDS.flatMap((id) => ruleVersionsOf(id))) {
      const vi = legalBasisVi(v.legalBasis);
      expect(vi).not.toMatch(/\b(Art|Law|am|new|set by|reportEvery|reportDates)\b/);
      expect(vi.length).toBeGreaterThan(0);
    }
  });

  it('cites an article, a clause and a point in the Vietnamese order', () => {
    expect(legalBasisVi('LKN Art. 28')).toBe('Luật Khiếu nại, Điều 28');
    expect(
      legalBasisVi('LKN Art. 27, 36; TT 07/2013 Art. 5(1) (am. TT 02/2016); NĐ 124/2020 Art. 16(1)'),
    ).toBe(
      'Luật Khiếu nại, Điều 27, 36; TT 07/2013, khoản 1 Điều 5 (sửa đổi bởi TT 02/2016); NĐ 124/2020, khoản 1 Điều 16',
    );
    expect(legalBasisVi('LTCD Art. 12(5), 15(2)(d)')).toBe('Luật Tiếp công dân, khoản 5 Điều 12, 15(2)(d)');
    expect(legalBasisVi('NĐ 155/2026 Art. 10; Law 136/2025/QH15')).toBe(
      'NĐ 155/2026, Điều 10; Luật 136/2025/QH15',
    );
    expect(legalBasisVi('NĐ 155/2026 Art. 12 (NĐ 124/2020 Art. 28a–28b); new LKN Art. 11a')).toBe(
      'NĐ 155/2026, Điều 12 (NĐ 124/2020, Điều 28a–28b); Luật Khiếu nại, Điều 11a (bổ sung)',
    );
  });
});
