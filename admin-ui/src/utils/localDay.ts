import type { TimeRange } from '@/api/stats';

// Calendar days as date pickers give them ("2026-12-01", in the viewer's
// zone) ↔ the times the API takes.

export function parseLocalDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  // new Date(2026, 1, 31) rolls over to March: refuse impossible dates.
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}

export function formatLocalDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

// Whole days, both inclusive → from the first day's midnight to the
// midnight after the last day; with `now`, never past it (the future has
// no data, and a later end only adds empty buckets).
export function dayRange(first: Date, last: Date, now?: Date): TimeRange {
  const start = new Date(first.getFullYear(), first.getMonth(), first.getDate());
  const afterLast = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1);
  const end = now && afterLast.getTime() > now.getTime() ? new Date(now.getTime()) : afterLast;
  return { start, end };
}

// The inverse for showing a range in a picker: the days it covers.
export function daysOf(range: TimeRange): [string, string] {
  return [formatLocalDay(range.start), formatLocalDay(new Date(range.end.getTime() - 1))];
}

// Dates after today cannot be picked.
export function isAfterToday(date: Date, now: Date = new Date()): boolean {
  const endOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return date.getTime() >= endOfToday.getTime();
}
