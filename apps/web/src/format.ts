/**
 * The one place where the console turns numbers, money and dates into text. Instants are stored in
 * UTC and always shown in China Standard Time (Asia/Shanghai), whatever the browser's time zone.
 */
import { useTranslation } from 'react-i18next';

export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

type Instant = string | Date;

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>();
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `dt|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: DISPLAY_TIME_ZONE, ...options });
    cache.set(key, format);
  }
  return format;
}
function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

const toDate = (value: Instant) => (value instanceof Date ? value : new Date(value));

/** `2026-11-22 16:05:09` (24-hour clock, Shanghai time; the same in every language, and sorts as text). */
export function formatDateTime(value: Instant | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const parts = Object.fromEntries(
    dateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** An instant as a `datetime-local` input value in Shanghai time, `YYYY-MM-DDTHH:mm`. */
export function shanghaiLocalInputOf(value: Instant): string {
  return formatDateTime(value).replace(' ', 'T').slice(0, 16);
}

/** A `datetime-local` input value (no zone) read as Shanghai time, as the API takes instants. */
export function instantOfShanghaiLocal(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+08:00`;
}

/** The calendar day of an instant in Shanghai, `YYYY-MM-DD`. */
export function shanghaiDateOf(value: Instant): string {
  const parts = Object.fromEntries(
    dateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(toDate(value))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** A long, readable date and time, e.g. `2026年11月22日 16:05` / `Nov 22, 2026, 16:05`. */
export function formatDateTimeLong(value: Instant | null | undefined, locale: string): string {
  if (!value) return '—';
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(toDate(value));
}

/** A calendar date (`YYYY-MM-DD`, no time zone: licence periods, birth dates, policy dates). */
export function formatDate(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '—';
}

/**
 * The instant at which a Shanghai calendar day starts, as the API takes it (`2026-11-22T00:00:00+08:00`).
 * China has no daylight saving time, so the offset is always +08:00.
 */
export function shanghaiStartOfDay(date: string): string {
  return `${date}T00:00:00+08:00`;
}

/** The start of the following Shanghai day: an exclusive upper bound for "up to and including `date`". */
export function shanghaiStartOfNextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return shanghaiStartOfDay(next.toISOString().slice(0, 10));
}

/** A calendar date moved by whole days (`2026-03-01`, -1 → `2026-02-28`). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Today's date in Shanghai. */
export const shanghaiToday = () => shanghaiDateOf(new Date());

/** The hour of day in Shanghai (0–23), e.g. for a greeting. */
export function shanghaiHour(now: Date = new Date()): number {
  return Number(dateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23' }).format(now));
}

export function formatNumber(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '—';
  return numberFormat(locale).format(value);
}

/**
 * Money is integer fen (分) everywhere in Anxin; this shows it as yuan (`¥1,234.56`) without ever
 * going through floating point, so amounts beyond 2^53 fen stay exact.
 */
export function formatFen(fen: bigint | number | string | null | undefined, locale: string): string {
  if (fen === null || fen === undefined || fen === '') return '—';
  const value = BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const yuan = numberFormat(locale, { useGrouping: true, maximumFractionDigits: 0 }).format(abs / 100n);
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}¥${yuan}.${cents}`;
}

/**
 * Parses an amount typed in yuan (`1234.5`, `1,234.56`, `¥ 1 234`, full-width digits) into integer
 * fen without floating point: the decimal string is split at the point and the digits joined. Returns
 * null when the text is not an amount with at most two decimals.
 */
export function parseYuanToFen(text: string | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const cleaned = text
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\uFF0E|。/g, '.')
    .replace(/[¥￥,，\s]/g, '');
  const match = /^(-?)(\d+)(?:\.(\d{0,2}))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign, whole, cents = ''] = match;
  const fen = BigInt(whole!) * 100n + BigInt(cents.padEnd(2, '0') || '0');
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const value = Number(fen);
  return sign === '-' ? -value : value;
}

/** Fen as a plain yuan string for an input box (`123456` → `1234.56`), exact. */
export function fenToYuanText(fen: number | bigint | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const value = BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

function listFormat(locale: string): Intl.ListFormat {
  const key = `l|${locale}`;
  let format = cache.get(key) as Intl.ListFormat | undefined;
  if (!format) {
    format = new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' });
    cache.set(key, format);
  }
  return format;
}

/**
 * A length of time by its two largest units, sign ignored (`2天3小时` / `2 days 3 hr`): countdowns to
 * a deadline. Under a minute shows as 0 minutes.
 */
export function formatDuration(ms: number, locale: string): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const parts: [number, 'day' | 'hour' | 'minute'][] =
    days > 0 ? [[days, 'day'], [hours, 'hour']] : hours > 0 ? [[hours, 'hour'], [minutes % 60, 'minute']] : [[minutes, 'minute']];
  const shown = parts.filter(([value], i) => i === 0 || value > 0).map(([value, unit]) => numberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value));
  return listFormat(locale).format(shown);
}

/** A calendar month (`2026-11`) in words: `2026年11月` / `November 2026`; anything else as it is. */
export function formatMonth(month: string | null | undefined, locale: string): string {
  if (!month) return '—';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return month;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** A ratio (0.123) as a percentage (`12.3%`); null shows `—`. */
export function formatPercent(ratio: number | null | undefined, locale: string, fractionDigits = 1): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '—';
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: fractionDigits, minimumFractionDigits: 0 }).format(ratio);
}

/** The formatting functions bound to the current console language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return {
    locale,
    dateTime: formatDateTime,
    dateTimeLong: (value: Instant | null | undefined) => formatDateTimeLong(value, locale),
    date: formatDate,
    number: (value: number | null | undefined) => formatNumber(value, locale),
    fen: (value: bigint | number | string | null | undefined) => formatFen(value, locale),
    percent: (ratio: number | null | undefined, fractionDigits?: number) => formatPercent(ratio, locale, fractionDigits),
    duration: (ms: number) => formatDuration(ms, locale),
    month: (month: string | null | undefined) => formatMonth(month, locale),
  };
}
