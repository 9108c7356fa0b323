import { describe, expect, it } from 'vitest';
import { endOfDayUtc, parseAsOf, withAsOf } from './as-of';

const TODAY = '2026-03-10';

describe('parseAsOf', () => {
  it('takes no asOf as today’s page', () => {
    expect(parseAsOf(undefined, TODAY)).toEqual({ ok: true, asOf: null });
    expect(parseAsOf(null, TODAY)).toEqual({ ok: true, asOf: null });
    expect(parseAsOf([], TODAY)).toEqual({ ok: true, asOf: null });
  });

  it('takes a real calendar date up to today', () => {
    expect(parseAsOf('2022-05-13', TODAY)).toEqual({ ok: true, asOf: '2022-05-13' });
    expect(parseAsOf(TODAY, TODAY)).toEqual({ ok: true, asOf: TODAY });
    expect(parseAsOf(['2024-02-29'], TODAY)).toEqual({ ok: true, asOf: '2024-02-29' });
    expect(parseAsOf(' 2022-05-13 ', TODAY)).toEqual({ ok: true, asOf: '2022-05-13' });
  });

  it('refuses a day after today, counted from the date it is given', () => {
    const result = parseAsOf('2026-03-11', TODAY);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/in the future.*2026-03-10/);
    // The same day is fine once it has come.
    expect(parseAsOf('2026-03-11', '2026-03-11').ok).toBe(true);
  });

  it('refuses what is not a calendar date, saying the form it wants', () => {
    for (const bad of ['', 'yesterday', '2022-5-13', '13/05/2022', '2022-02-30', '2023-02-29', '2022-05-13T00:00']) {
      const result = parseAsOf(bad, TODAY);
      expect(result.ok, bad).toBe(false);
      expect(!result.ok && result.message, bad).toMatch(/YYYY-MM-DD/);
    }
  });

  it('refuses two dates at once', () => {
    expect(parseAsOf(['2022-01-01', '2022-02-01'], TODAY)).toEqual({
      ok: false,
      message: expect.stringMatching(/one/),
    });
  });
});

describe('endOfDayUtc', () => {
  it('is the next midnight in UTC', () => {
    expect(endOfDayUtc('2022-05-13').toISOString()).toBe('2022-05-14T00:00:00.000Z');
    expect(endOfDayUtc('2024-12-31').toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
});

describe('withAsOf', () => {
  it('sets, replaces and removes asOf, keeping other parameters', () => {
    expect(withAsOf('/pairs/countries/US/RU', '2022-05-13')).toBe('/pairs/countries/US/RU?asOf=2022-05-13');
    expect(withAsOf('/pairs/countries/US/RU?asOf=2022-01-01&before=x', '2022-05-13')).toBe(
      '/pairs/countries/US/RU?asOf=2022-05-13&before=x',
    );
    expect(withAsOf('/pairs/countries/US/RU?asOf=2022-01-01', null)).toBe('/pairs/countries/US/RU');
  });
});
