import { afterEach, describe, expect, it } from '@jest/globals';
import { Command } from 'commander';
import { createTestCalendar } from '../../../../libs/domain/src/calendar/testing/calendar-years.fixture.js';
import { createRuleBook, RULE_IDS, ruleVersionsOf } from '../../../../libs/domain/src/index.js';
import { formatDeadline, registerDeadlineCommand, runDeadlineCommand } from './deadline.command.js';

const cal = createTestCalendar();
const load = () => cal;

describe('formatDeadline', () => {
  it('prints due date, version, length, unit, variant, roll-forward and legal basis', () => {
    const text = formatDeadline(createRuleBook().compute('KN-RES1', '2026-03-31', {}, cal));
    expect(text).toBe(
      [
        'KN-RES1 — First complaint resolution',
        '  due on        2026-05-04 (Monday)',
        '  start         2026-03-31 (Tuesday, not counted)',
        '  length        30 calendar days, variant normal',
        '  rule version  2012-07-01',
        '  rolled from   2026-04-30 (Thursday, not a working day)',
        '  legal basis   LKN Art. 28; 30 ngày',
        '  kind          tracked (can be missed)',
      ].join('\n'),
    );
  });

  it('says when the calendar data is provisional', () => {
    const text = formatDeadline(createRuleBook().compute('KN-RES2', '2026-12-15', {}, cal));
    expect(text).toContain('due on        2027-01-29');
    expect(text).toMatch(/PROVISIONAL/);
    expect(formatDeadline(createRuleBook().compute('KN-RES2', '2026-03-02', {}, cal))).not.toMatch(
      /PROVISIONAL/,
    );
  });
});

describe('runDeadlineCommand', () => {
  it('computes with the variant flags', () => {
    const out = runDeadlineCommand({ rule: 'KN-ACC', from: '2026-07-01' }, load);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('due on        2026-07-10 (Friday)');
    expect(out.stdout).toContain('rule version  2026-07-01');
    expect(out.stdout).toContain('7 working days, variant normal');
    const remote = runDeadlineCommand(
      { rule: 'KN-RES1', from: '2026-03-02', remote: true, complex: true },
      load,
    );
    expect(remote.stdout).toContain('60 calendar days, variant remote_complex');
    const multi = runDeadlineCommand({ rule: 'TC-PRE', from: '2026-08-20', multiLocation: true }, load);
    expect(multi.stdout).toContain('due on        2026-09-07');
    const ec = runDeadlineCommand({ rule: 'TC-RES', from: '2026-03-02', especiallyComplex: true }, load);
    expect(ec.stdout).toContain('variant especially_complex');
  });

  it('rejects a bad rule id or date with exit code 2, before loading the calendar', () => {
    const never = () => {
      throw new Error('must not load');
    };
    const badRule = runDeadlineCommand({ rule: 'KN-XYZ', from: '2026-03-02' }, never);
    expect(badRule).toMatchObject({ stdout: '', exitCode: 2 });
    expect(badRule.stderr).toContain('unknown rule "KN-XYZ"');
    const badDate = runDeadlineCommand({ rule: 'KN-RES1', from: '2026-02-30' }, never);
    expect(badDate).toMatchObject({ stdout: '', exitCode: 2 });
    expect(badDate.stderr).toContain('--from');
    expect(runDeadlineCommand({ rule: 'TC-PRE', from: '2018-06-01' }, load).exitCode).toBe(2);
  });

  it('answers every rule of docs/reference/legal.md §12.2 (none is unknown)', () => {
    for (const rule of RULE_IDS) {
      const from = ruleVersionsOf(rule)[0].version > '2026-03-02' ? '2026-07-06' : '2026-03-02';
      const out = runDeadlineCommand({ rule, from }, load);
      expect({ rule, exitCode: out.exitCode, stderr: out.stderr }).toEqual({ rule, exitCode: 0, stderr: '' });
      expect(out.stdout.startsWith(`${rule} — `)).toBe(true);
    }
  });

  it('prints the new rules with their kind, direction and variants', () => {
    const xld = runDeadlineCommand({ rule: 'XLD', from: '2026-02-12' }, load);
    expect(xld.stdout).toContain('due on        2026-03-05 (Thursday)');
    expect(xld.stdout).toContain('kind          tracked (can be missed)');
    const dlg = runDeadlineCommand({ rule: 'KN-DLG', from: '2026-07-20' }, load);
    expect(dlg.stdout).toContain('latest on     2026-07-15 (Wednesday; counted backwards from the start)');
    expect(dlg.stdout).toContain('kind          guard');
    const online = runDeadlineCommand({ rule: 'TCD-ONLINE', from: '2026-09-07' }, load);
    expect(online.stdout).toContain('latest on     2026-08-26');
    const mon = runDeadlineCommand({ rule: 'TC-MON', from: '2026-01-31' }, load);
    expect(mon.stdout).toContain('next due      2026-02-28 (Saturday; then every 1 months)');
    expect(mon.stdout).toContain('kind          periodic');
    const lim = runDeadlineCommand({ rule: 'KN-LIM', from: '2026-03-02' }, load);
    expect(lim.stdout).toContain('due on        2026-06-01 (Monday)');
    expect(lim.stdout).toContain('does not record this start event yet');
    const kl = runDeadlineCommand(
      { rule: 'KN-LIM-KL', from: '2026-03-02', level: '2', dismissal: true },
      load,
    );
    expect(kl.stdout).toContain('30 calendar days, variant second_dismissal');
    expect(runDeadlineCommand({ rule: 'KN-LIM-KL', from: '2026-03-02', level: '3' }, load).exitCode).toBe(2);
    const susp = runDeadlineCommand({ rule: 'KN-SUSP', from: '2026-06-30' }, load);
    expect(susp.exitCode).toBe(2);
    expect(susp.stderr).toContain('no version of KN-SUSP was in force on 2026-06-30');
  });

  it('reports a year without calendar data or a broken calendar with exit code 1', () => {
    const out = runDeadlineCommand({ rule: 'KN-RES1', from: '2027-12-15' }, load);
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toContain('2028');
    const broken = runDeadlineCommand({ rule: 'KN-RES1', from: '2026-03-02' }, () => {
      throw new Error('calendar file x/2026.json: not valid JSON');
    });
    expect(broken.exitCode).toBe(1);
    expect(broken.stderr).toContain('2026.json');
  });
});

describe('registerDeadlineCommand', () => {
  const saved = process.exitCode;
  afterEach(() => {
    process.exitCode = saved;
  });

  it('registers `deadline` with its options and sets exitCode 2 on a bad rule', async () => {
    const program = new Command().exitOverride();
    registerDeadlineCommand(program);
    const cmd = program.commands.find((c) => c.name() === 'deadline');
    expect(cmd?.options.map((o) => o.long)).toEqual(
      expect.arrayContaining([
        '--rule',
        '--from',
        '--complex',
        '--especially-complex',
        '--remote',
        '--multi-location',
        '--level',
        '--dismissal',
      ]),
    );
    const writes: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      writes.push(chunk);
      return true;
    }) as typeof process.stderr.write;
    try {
      await program.parseAsync(['deadline', '--rule', 'NOPE', '--from', '2026-03-02'], { from: 'user' });
    } finally {
      process.stderr.write = original;
    }
    expect(process.exitCode).toBe(2);
    expect(writes.join('')).toContain('unknown rule "NOPE"');
  });
});
