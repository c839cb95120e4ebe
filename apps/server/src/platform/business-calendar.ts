import chineseDays from 'chinese-days';

/** A mainland China public holiday (official calendar from the `chinese-days` package). */
export interface PublicHoliday {
  /** English name, e.g. `National Day`. */
  name: string;
  /** Chinese name, e.g. `国庆节`. */
  nameZh: string;
}


/** The date in Asia/Shanghai (UTC+8, no daylight saving) of an instant, as `YYYY-MM-DD`. */
export const shanghaiDateOf = (instant: Date) => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
/** `2026-12-01 13:02`: an instant as Shanghai wall time, to the minute. */
export const shanghaiMinuteOf = (instant: Date) => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * The public holiday a date falls on, or null — for ordinary weekends, for swapped working days
 * (调休: a weekend day that is worked) and for dates outside the published calendar.
 */
export function publicHolidayOn(date: string): PublicHoliday | null {
  let detail: { work: boolean; name: string };
  try {
    detail = chineseDays.getDayDetail(date);
  } catch {
    return null;
  }
  if (detail.work) return null;
  const [name, nameZh] = detail.name.split(',');
  if (!name || !nameZh || name === 'Saturday' || name === 'Sunday') return null;
  return { name, nameZh };
}

/** The public holiday an instant falls on in Shanghai, if any. */
export const publicHolidayAt = (instant: Date) => publicHolidayOn(shanghaiDateOf(instant));


/** The instant a Shanghai wall-clock time occurs on a date (`2026-11-22`, `09:00`). */
export const shanghaiInstant = (date: string, time = '00:00') => new Date(`${date}T${time}:00+08:00`);
