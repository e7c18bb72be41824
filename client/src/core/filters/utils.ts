// Date arithmetic for the time window: ISO calendar dates (YYYY-MM-DD) as day numbers, in UTC so
// that no time zone shifts a date.

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Whether [start, end] meets the window [from, to]; open bounds meet everything. */
export function overlapsWindow(start: string, end: string, from: string | null, to: string | null): boolean {
  return (from === null || end >= from) && (to === null || start <= to);
}
