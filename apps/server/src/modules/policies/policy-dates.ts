// Calendar-date arithmetic on 'YYYY-MM-DD' strings (UTC-based, so no time-zone drift).
import { shanghaiDateOf } from '../../platform/business-calendar.ts';

const toUtc = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `date` plus `days` days. */
export const addDays = (date: string, days: number) => fromUtc(toUtc(date) + days * 86_400_000);

/** Days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round((toUtc(to) - toUtc(from)) / 86_400_000);

/** `date` plus `months` months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(year, month, Math.min(d, last)));
}

/** Today's date in China (Asia/Shanghai), where policy dates live. */
export const todayInChina = (now = new Date()) => shanghaiDateOf(now);

/** The earlier of two dates. */
export const minDate = (a: string, b: string) => (a < b ? a : b);
