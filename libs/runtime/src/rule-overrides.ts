import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRuleId } from '../../domain/src/index.js';
import type { RuleOverride } from '../../domain/src/index.js';
import { findRepoRoot } from './calendar-files.js';

const UNITS = new Set(['working_days', 'calendar_days']);
const VARIANTS = new Set([
  'normal',
  'complex',
  'especially_complex',
  'remote',
  'remote_complex',
  'multi_location',
]);

/**
 * An agency's overrides of the rule table, as data (docs/reference/legal.md §12.3: "per-rule day-count mode"):
 * RULE_OVERRIDES_FILE, else `data/rule-overrides.json` when present. A JSON array of
 * `{ruleId, unit?: "working_days"|"calendar_days", lengths?: {normal?, complex?, …}}`.
 * A malformed file stops the start with a message naming it, never a silent default.
 */
export function loadRuleOverrides(file?: string): RuleOverride[] {
  const path = file ?? join(findRepoRoot(), 'data', 'rule-overrides.json');
  if (!existsSync(path)) {
    if (file) throw new Error(`RULE_OVERRIDES_FILE ${file} does not exist`);
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: not JSON (${err instanceof Error ? err.message : String(err)})`, {
      cause: err,
    });
  }
  if (!Array.isArray(parsed)) throw new Error(`${path}: expected an array of rule overrides`);
  return parsed.map((o: unknown, i) => {
    const at = `${path}[${i}]`;
    if (typeof o !== 'object' || o === null) throw new Error(`${at}: expected an object`);
    const { ruleId, unit, lengths, ...rest } = o as Record<string, unknown>;
    if (Object.keys(rest).length) throw new Error(`${at}: unknown field(s) ${Object.keys(rest).join(', ')}`);
    if (!isRuleId(ruleId)) throw new Error(`${at}: unknown ruleId ${String(ruleId)}`);
    if (unit !== undefined && !UNITS.has(String(unit)))
      throw new Error(`${at}: unit must be working_days or calendar_days`);
    if (lengths !== undefined) {
      if (typeof lengths !== 'object' || lengths === null)
        throw new Error(`${at}: lengths must be an object`);
      for (const [variant, n] of Object.entries(lengths)) {
        if (!VARIANTS.has(variant)) throw new Error(`${at}: unknown variant ${variant}`);
        if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > 366)
          throw new Error(`${at}: lengths.${variant} must be 1–366`);
      }
    }
    return { ruleId, ...(unit ? { unit } : {}), ...(lengths ? { lengths } : {}) } as RuleOverride;
  });
}
