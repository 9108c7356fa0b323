import { UTCDate } from '@date-fns/utc';
import { describe, expect, it } from 'vitest';
import { isYearStart, timeTickLabel, timeTicks } from './time-ticks';

const at = (iso: string) => Date.parse(iso);
const iso = (time: number) => new UTCDate(time).toISOString().slice(0, 10);

/** Ticks inside the domain, in order, no more than asked for, each on midnight UTC. */
function expectSound(start: number, end: number, maxTicks: number) {
  const { ticks, unit } = timeTicks(start, end, maxTicks);
  expect(ticks.length).toBeGreaterThan(0);
  expect(ticks.length).toBeLessThanOrEqual(maxTicks);
  for (const tick of ticks) {
    expect(tick).toBeGreaterThanOrEqual(start);
    expect(tick).toBeLessThanOrEqual(end);
    expect(new UTCDate(tick).toISOString()).toMatch(/T00:00:00\.000Z$/);
  }
  expect([...ticks].sort((p, q) => p - q)).toEqual(ticks);
  return { ticks, unit, days: ticks.map(iso) };
}

describe('timeTicks', () => {
  it('marks days on an axis of a few days, never hours', () => {
    // Domains are padded by a share of their span, so they rarely start at midnight.
    const { unit, days } = expectSound(at('2024-03-01T07:12:00Z'), at('2024-03-09T17:40:00Z'), 10);
    expect(unit).toBe('day');
    expect(days).toContain('2024-03-05');
    expect(days).not.toContain('2024-03-01');
  });

  it('marks the first of each month on an axis of months', () => {
    const { unit, days } = expectSound(at('2024-01-15T00:00:00Z'), at('2024-06-20T00:00:00Z'), 10);
    expect(unit).toBe('month');
    expect(days).toEqual(['2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01']);
  });

  it('marks quarters or years on an axis of a few years, at most as many as fit', () => {
    const { unit, ticks } = expectSound(at('2021-11-20T00:00:00Z'), at('2025-02-03T00:00:00Z'), 14);
    expect(unit).toBe('month');
    for (const tick of ticks) expect([0, 3, 6, 9]).toContain(new UTCDate(tick).getMonth());
    expect(ticks.map(iso)).toContain('2023-01-01');

    const narrow = expectSound(at('2021-11-20T00:00:00Z'), at('2025-02-03T00:00:00Z'), 4);
    expect(narrow.unit).toBe('year');
    expect(narrow.days).toEqual(['2022-01-01', '2023-01-01', '2024-01-01', '2025-01-01']);
  });

  it('marks round years on an axis of decades', () => {
    const { unit, ticks } = expectSound(at('1948-06-30T00:00:00Z'), at('2026-12-05T00:00:00Z'), 8);
    expect(unit).toBe('year');
    expect(ticks.every(isYearStart)).toBe(true);
    const years = ticks.map((tick) => new UTCDate(tick).getFullYear());
    expect(years).toEqual([1950, 1960, 1970, 1980, 1990, 2000, 2010, 2020]);
  });

  it('keeps a leap day and the turn of a year as the calendar has them', () => {
    const { days } = expectSound(at('2024-02-26T12:00:00Z'), at('2024-03-02T12:00:00Z'), 10);
    expect(days).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
    expect(expectSound(at('2023-12-30T00:00:00Z'), at('2024-01-02T00:00:00Z'), 10).days).toContain('2024-01-01');
  });
});

describe('the years of a long axis (the office timeline)', () => {
  it('keeps New Year’s Days only, round years, whatever interval d3 picked', () => {
    const years = (from: string, to: string) =>
      timeTicks(at(from), at(to), 6)
        .ticks.filter(isYearStart)
        .map((tick) => new UTCDate(tick).getFullYear());
    expect(years('2023-06-01T00:00:00Z', '2024-12-05T00:00:00Z')).toEqual([2024]);
    expect(years('2014-03-10T00:00:00Z', '2026-12-05T00:00:00Z')).toEqual([2016, 2018, 2020, 2022, 2024, 2026]);
    expect(years('1955-07-01T00:00:00Z', '2026-12-05T00:00:00Z')).toEqual([1960, 1980, 2000, 2020]);
  });
});

describe('timeTickLabel', () => {
  it('names years, months with the year where it changes, and days', () => {
    expect(timeTickLabel(at('2024-01-01T00:00:00Z'), 'year', false)).toBe('2024');
    expect(timeTickLabel(at('2024-04-01T00:00:00Z'), 'month', true)).toBe('Apr 2024');
    expect(timeTickLabel(at('2024-04-01T00:00:00Z'), 'month', false)).toBe('Apr');
    expect(timeTickLabel(at('2025-01-01T00:00:00Z'), 'month', false)).toBe('Jan 2025');
    expect(timeTickLabel(at('2024-03-05T00:00:00Z'), 'day', false)).toBe('5 Mar');
    expect(timeTickLabel(at('2024-03-05T00:00:00Z'), 'day', true)).toBe('5 Mar 2024');
  });
});
