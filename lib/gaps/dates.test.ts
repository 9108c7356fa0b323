import { describe, expect, it } from 'vitest';
import { addIsoDays, daysBetween } from './dates';

describe('addIsoDays', () => {
  it('moves by calendar days across months, years and leap days', () => {
    expect(addIsoDays('2022-05-13', 1)).toBe('2022-05-14');
    expect(addIsoDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addIsoDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addIsoDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addIsoDays('2000-01-01', -1)).toBe('1999-12-31');
    expect(addIsoDays('2000-01-01', 366)).toBe('2001-01-01');
  });

  it('is the inverse of daysBetween', () => {
    for (const days of [0, 1, 17, 365, 1_000, -40])
      expect(daysBetween('2021-03-28', addIsoDays('2021-03-28', days))).toBe(days);
  });
});
