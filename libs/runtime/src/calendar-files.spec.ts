import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { SHIPPED_CALENDAR_YEARS } from '../../domain/src/calendar/testing/calendar-years.fixture.js';
import { DomainError } from '../../domain/src/index.js';
import { calendarDir, findRepoRoot, loadBusinessCalendar, loadCalendarYears } from './calendar-files.js';
import { loadConfig } from './config.js';

const tmp = mkdtempSync(join(tmpdir(), 'donthu-calendar-'));
let n = 0;
function dirWith(files: Record<string, string>): string {
  const dir = join(tmp, `d${n++}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const json = (v: unknown) => JSON.stringify(v);
const y2028 = {
  year: 2028,
  status: 'provisional',
  daysOff: [{ date: '2028-01-03', name: 'x' }],
  workingSaturdays: [],
};

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('loadCalendarYears', () => {
  it('reads the shipped data/calendar by default, equal to the domain test fixture', () => {
    expect(loadCalendarYears()).toEqual(SHIPPED_CALENDAR_YEARS);
  });

  it('finds the repository from source and from a compiled dist/ path', () => {
    const root = findRepoRoot();
    expect(calendarDir()).toBe(join(root, 'data', 'calendar'));
    const fake = dirWith({ 'package.json': json({ name: 'donthu' }) });
    const compiled = join(fake, 'dist', 'libs', 'runtime', 'src');
    mkdirSync(compiled, { recursive: true });
    expect(findRepoRoot(join(compiled, 'calendar-files.js'))).toBe(fake);
  });

  it('honours CALENDAR_DIR and an explicit directory, ignoring other files', () => {
    const dir = dirWith({ '2028.json': json(y2028), 'README.md': '# notes', 'backup.json': '{' });
    expect(loadCalendarYears(loadConfig({ CALENDAR_DIR: dir }).calendarDir).map((y) => y.year)).toEqual([
      2028,
    ]);
    expect(loadCalendarYears(dir).map((y) => y.year)).toEqual([2028]);
  });

  it('lets an administrator add a year without a release', () => {
    const dir = dirWith({
      ...Object.fromEntries(SHIPPED_CALENDAR_YEARS.map((y) => [`${y.year}.json`, json(y)])),
      '2028.json': json(y2028),
    });
    const cal = loadBusinessCalendar(dir);
    expect(cal.years()).toEqual([2024, 2025, 2026, 2027, 2028]);
    expect(cal.isWorkingDay('2028-01-03')).toBe(false);
    expect(cal.addWorkingDays('2027-12-31', 1)).toBe('2028-01-04');
  });

  it('names the file of a malformed year', () => {
    const bad = dirWith({ '2026.json': '{ not json' });
    expect(() => loadCalendarYears(bad)).toThrow(/2026\.json: not valid JSON/);
    const saturday = dirWith({
      '2026.json': json({
        year: 2026,
        status: 'official',
        daysOff: [{ date: '2026-02-14', name: 'x' }],
        workingSaturdays: [],
      }),
    });
    expect(() => loadCalendarYears(saturday)).toThrow(
      /2026\.json: calendar 2026: daysOff 2026-02-14 is a Saturday/,
    );
    const misnamed = dirWith({ '2029.json': json(y2028) });
    expect(() => loadCalendarYears(misnamed)).toThrow(/2029\.json: "year" is 2028/);
    const noStatus = dirWith({ '2028.json': json({ ...y2028, status: undefined }) });
    expect(() => loadCalendarYears(noStatus)).toThrow(/2028\.json: .*status/);
  });

  it('reports a missing directory and an empty one', () => {
    expect(() => loadCalendarYears(join(tmp, 'nope'))).toThrow(/cannot read the calendar directory/);
    expect(loadCalendarYears(dirWith({}))).toEqual([]);
    expect(() => loadBusinessCalendar(dirWith({}))).toThrow(/no calendar data/);
  });

  it('the loaded calendar refuses years without data', () => {
    const cal = loadBusinessCalendar();
    expect(() => cal.isWorkingDay('2028-01-03')).toThrow(DomainError);
  });
});
