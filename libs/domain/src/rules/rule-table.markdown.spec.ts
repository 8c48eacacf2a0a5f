import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { RULE_IDS, RULE_TABLE } from './rule-table.js';
import { RULE_DOC_PATH, RULE_DOC_REGENERATE, renderRuleTableMarkdown } from './rule-table.markdown.js';

const docUrl = new URL(`../../../../${RULE_DOC_PATH}`, import.meta.url);

describe('docs/deadline-rules.md', () => {
  const rendered = renderRuleTableMarkdown();

  it('lists every rule and every version', () => {
    for (const id of RULE_IDS) expect(rendered).toContain(`### ${id} — `);
    for (const v of RULE_TABLE) expect(rendered).toContain(`**Version ${v.version}**`);
    expect(rendered).toContain('## How donthu counts');
  });

  it('is deterministic', () => {
    expect(renderRuleTableMarkdown()).toBe(rendered);
  });

  it('matches the rule table (no drift)', () => {
    if (process.env.UPDATE_DOCS === '1') writeFileSync(docUrl, rendered, 'utf8');
    let onDisk: string;
    try {
      onDisk = readFileSync(docUrl, 'utf8');
    } catch {
      onDisk = '(missing)';
    }
    if (onDisk !== rendered) {
      throw new Error(
        `${RULE_DOC_PATH} is out of date with RULE_TABLE. Regenerate it with:\n  ${RULE_DOC_REGENERATE}`,
      );
    }
    expect(onDisk).toBe(rendered);
  });
});
