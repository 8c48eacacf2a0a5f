/** Dates as Vietnamese officials write them: dd/MM/yyyy, in Vietnam time (Asia/Ho_Chi_Minh). */
export const VN_TZ = 'Asia/Ho_Chi_Minh';

/** A business date `YYYY-MM-DD` → `dd/MM/yyyy` (no time zone involved: it already is a Vietnam date). */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

const instantFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: VN_TZ,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** An instant (ISO 8601) → `dd/MM/yyyy HH:mm:ss`, Vietnam time. */
export function formatInstant(instant: string | null | undefined): string {
  if (!instant) return '—';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  const parts = Object.fromEntries(instantFormat.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Today's date in Vietnam, `YYYY-MM-DD`. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: VN_TZ }).format(now);
}

/** Calendar days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** How urgent a due date is, seen from today: overdue, due within `soonDays`, or later. */
export type Urgency = 'overdue' | 'soon' | 'later';
export function urgencyOf(dueOn: string, today: string, soonDays = 5): Urgency {
  const left = daysBetween(today, dueOn);
  if (left < 0) return 'overdue';
  return left <= soonDays ? 'soon' : 'later';
}
