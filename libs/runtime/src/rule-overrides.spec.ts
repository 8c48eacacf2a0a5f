import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBusinessCalendar, createRuleBook } from '../../domain/src/index.js';
import { loadCalendarYears } from './calendar-files.js';
import { loadRuleOverrides } from './rule-overrides.js';

const write = (content: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'donthu-rules-')), 'overrides.json');
  writeFileSync(file, content);
  return file;
};

describe('agency rule overrides (data, not code)', () => {
  it('loads a file and the rule book counts with it: KN-RES1 in working days', () => {
    const overrides = loadRuleOverrides(write('[{"ruleId": "KN-RES1", "unit": "working_days"}]'));
    const cal = createBusinessCalendar(loadCalendarYears());
    const d = createRuleBook({ overrides }).compute('KN-RES1', '2026-03-31', {}, cal);
    expect(d).toMatchObject({ unit: 'working_days', length: 30 });
    // 30 working days after Tue 2026-03-31, skipping Apr 27, Apr 30 and May 1.
    expect(d.dueOn).toBe('2026-05-15');
  });

  it('refuses a malformed file, naming it and the entry', () => {
    expect(() => loadRuleOverrides(write('{'))).toThrow(/not JSON/);
    expect(() => loadRuleOverrides(write('[{"ruleId": "KN-XYZ"}]'))).toThrow(/\[0\]: unknown ruleId KN-XYZ/);
    expect(() => loadRuleOverrides(write('[{"ruleId": "KN-RES1", "unit": "weeks"}]'))).toThrow(
      /unit must be/,
    );
    expect(() => loadRuleOverrides(write('[{"ruleId": "KN-RES1", "lengths": {"normal": 0}}]'))).toThrow(
      /lengths.normal/,
    );
    expect(() => loadRuleOverrides('/no/such/file.json')).toThrow(/does not exist/);
  });

  it('is empty when no file is configured or shipped', () => {
    expect(loadRuleOverrides(undefined)).toEqual([]);
  });
});
