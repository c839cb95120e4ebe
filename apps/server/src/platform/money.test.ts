import { describe, expect, it } from 'vitest';
import { formatYuan } from './money.ts';

describe('formatYuan', () => {
  it('shows integer fen as yuan with grouping, exactly, also beyond what a float keeps in cents', () => {
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(123_456)).toBe('¥1,234.56');
    expect(formatYuan(-2_872_800)).toBe('-¥28,728.00');
    expect(formatYuan(900_719_925_474_099)).toBe('¥9,007,199,254,740.99');
  });
});
