/**
 * Calendar dates as YYYY-MM-DD text, as the content writes them. Every calculation is in UTC: a date has no time
 * of day, so the machine's time zone must not move it.
 */

const shape = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a real date YYYY-MM-DD (2026-02-30 is not). */
export function isDate(text: string): boolean {
  const match = shape.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The date of a moment, in UTC. */
export function dateOf(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/**
 * The date `months` calendar months after `date`; a day the month does not have becomes its last day
 * (2026-01-31 plus one month is 2026-02-28), as people count a deadline.
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, last));
  return dateOf(first);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * "Today" for checks that depend on it (review dates), so that a CI run can be repeated with the same result:
 * the date given (--today), else the day of SOURCE_DATE_EPOCH, else the clock's day, all in UTC. Undefined with
 * the problem when the date given or SOURCE_DATE_EPOCH is not one.
 */
export function today(given: string | undefined, env: NodeJS.ProcessEnv = process.env): { date: string } | { problem: string } {
  if (given !== undefined) {
    return isDate(given) ? { date: given } : { problem: `--today must be a date written YYYY-MM-DD, such as 2026-12-01, not "${given}"` };
  }
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (epoch !== undefined && epoch !== "") {
    if (!/^\d{1,12}$/.test(epoch)) return { problem: `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not "${epoch}"` };
    const moment = new Date(Number(epoch) * 1000);
    if (Number.isNaN(moment.getTime()) || moment.getUTCFullYear() > 9999) return { problem: `SOURCE_DATE_EPOCH ${epoch} is after the year 9999` };
    return { date: dateOf(moment) };
  }
  return { date: dateOf(new Date()) };
}
