import { describe, expect, it } from 'vitest';
import { publicHolidayAt, publicHolidayOn, shanghaiDateOf } from './business-calendar.ts';

describe('business calendar', () => {
  it('names public holidays and ignores weekends and swapped working days', () => {
    expect(publicHolidayOn('2026-10-01')).toEqual({ name: 'National Day', nameZh: '国庆节' });
    expect(publicHolidayOn('2026-02-17')).toMatchObject({ nameZh: '春节' });
    // A Saturday worked in lieu of a holiday (调休) is a working day.
    expect(publicHolidayOn('2026-10-10')).toBeNull();
    expect(publicHolidayOn('2026-12-05')).toBeNull(); // an ordinary Saturday
    expect(publicHolidayOn('2026-11-30')).toBeNull(); // an ordinary Monday
    expect(publicHolidayOn('1900-01-01')).toBeNull(); // outside the published calendar
  });

  it('takes the date in Shanghai: 16:00 UTC on 30 September is already 1 October', () => {
    expect(shanghaiDateOf(new Date('2026-09-30T16:00:00.000Z'))).toBe('2026-10-01');
    expect(publicHolidayAt(new Date('2026-09-30T16:00:00.000Z'))?.nameZh).toBe('国庆节');
    expect(publicHolidayAt(new Date('2026-09-30T15:59:59.000Z'))).toBeNull();
  });
});
