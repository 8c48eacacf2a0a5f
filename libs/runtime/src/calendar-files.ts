import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBusinessCalendar, validateCalendarYear } from '../../domain/src/index.js';
import type { BusinessCalendar, CalendarYear } from '../../domain/src/index.js';

const YEAR_FILE = /^(\d{4})\.json$/;
const PACKAGE_NAME = 'donthu';

/**
 * The repository root: the nearest directory at or above `from` whose package.json is named
 * "donthu". Works from source (libs/runtime/src under jest) and compiled (dist/libs/runtime/src).
 */
export function findRepoRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = resolve(from);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = dirname(dir);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) return dir;
      } catch {
        // an unreadable package.json is not ours; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the donthu repository (package.json) above ${from}`);
    dir = parent;
  }
}

/** The calendar directory: `dir` (the CLI's option, or CALENDAR_DIR through the config), else `<repo>/data/calendar`. */
export function calendarDir(dir?: string): string {
  if (dir) return resolve(dir);
  return join(findRepoRoot(), 'data', 'calendar');
}

/**
 * Reads every `<year>.json` in the calendar directory (other files are ignored), ascending by year.
 * An administrator adds `2028.json` there without a release. Throws an Error naming the file for a
 * file that is not JSON, whose `year` differs from its name, or whose data is invalid.
 */
export function loadCalendarYears(dir?: string): CalendarYear[] {
  const where = calendarDir(dir);
  let names: string[];
  try {
    names = readdirSync(where);
  } catch (e) {
    throw new Error(`cannot read the calendar directory ${where}: ${(e as Error).message}`, { cause: e });
  }
  const years: CalendarYear[] = [];
  for (const name of names.filter((n) => YEAR_FILE.test(n)).sort()) {
    const file = join(where, name);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`calendar file ${file}: not valid JSON (${(e as Error).message})`, { cause: e });
    }
    const expected = Number(YEAR_FILE.exec(name)?.[1]);
    const data = parsed as CalendarYear;
    try {
      validateCalendarYear(data);
    } catch (e) {
      throw new Error(`calendar file ${file}: ${(e as Error).message}`, { cause: e });
    }
    if (data.year !== expected)
      throw new Error(`calendar file ${file}: "year" is ${data.year} but the file is named for ${expected}`);
    years.push(data);
  }
  return years;
}

/** The business calendar over every year in the calendar directory (see loadCalendarYears). */
export function loadBusinessCalendar(dir?: string): BusinessCalendar {
  const years = loadCalendarYears(dir);
  if (years.length === 0) throw new Error(`no calendar data (<year>.json) in ${calendarDir(dir)}`);
  return createBusinessCalendar(years);
}
