import { describe, expect, it } from 'vitest';
import { checkTenures, tenureErrorsMessage, tenureSpan, tenuresOverlap, type HeldTenure, type Tenure } from './tenures';

const MINDEF = 'RU:MINDEF';
const t = (startDate: string, endDate?: string | null, officeKey = MINDEF): Tenure => ({
  officeKey,
  startDate,
  endDate,
});
const shoigu = (endDate: string | null = '2024-05-12'): HeldTenure => ({
  ...t('2012-11-06', endDate),
  holder: 'Sergei Shoigu',
});

describe('tenureSpan', () => {
  it('is half-open: the end day is the first day free', () => {
    expect(tenureSpan(t('2012-11-06', '2024-05-12'))).toEqual({ start: '2012-11-06', end: '2024-05-12' });
  });
  it('leaves an open tenure open', () => {
    expect(tenureSpan(t('2024-05-14'))).toEqual({ start: '2024-05-14', end: null });
    expect(tenureSpan(t('2024-05-14', null))).toEqual({ start: '2024-05-14', end: null });
  });
  it('counts a one-day tenure as that day, across month and year ends', () => {
    expect(tenureSpan(t('2024-05-14', '2024-05-14'))).toEqual({ start: '2024-05-14', end: '2024-05-15' });
    expect(tenureSpan(t('2024-02-29', '2024-02-29')).end).toBe('2024-03-01');
    expect(tenureSpan(t('2023-12-31', '2023-12-31')).end).toBe('2024-01-01');
  });
});

describe('tenuresOverlap', () => {
  it('lets a successor start on the day the predecessor’s tenure ends', () => {
    expect(tenuresOverlap(t('2012-11-06', '2024-05-12'), t('2024-05-12'))).toBe(false);
    expect(tenuresOverlap(t('2024-05-12'), t('2012-11-06', '2024-05-12'))).toBe(false);
  });
  it('finds a successor starting one day before the end', () => {
    expect(tenuresOverlap(t('2012-11-06', '2024-05-12'), t('2024-05-11'))).toBe(true);
  });
  it('lets a gap between holders pass', () => {
    expect(tenuresOverlap(t('2012-11-06', '2024-05-12'), t('2024-05-14'))).toBe(false);
  });
  it('treats an open tenure as running forever', () => {
    expect(tenuresOverlap(t('2012-11-06'), t('2030-01-01', '2031-01-01'))).toBe(true);
    expect(tenuresOverlap(t('2012-11-06'), t('2024-05-14'))).toBe(true);
    expect(tenuresOverlap(t('2024-05-14'), t('2012-11-06'))).toBe(true);
    expect(tenuresOverlap(t('2012-11-06'), t('2000-01-01', '2012-11-06'))).toBe(false);
  });
  it('finds a tenure inside another, and one around another', () => {
    expect(tenuresOverlap(t('2012-11-06', '2024-05-12'), t('2015-01-01', '2016-01-01'))).toBe(true);
    expect(tenuresOverlap(t('2015-01-01', '2016-01-01'), t('2012-11-06', '2024-05-12'))).toBe(true);
  });
  it('finds equal tenures', () => {
    expect(tenuresOverlap(t('2020-01-01', '2021-01-01'), t('2020-01-01', '2021-01-01'))).toBe(true);
  });
  it('counts a one-day tenure as its day', () => {
    const day = t('2024-05-12', '2024-05-12');
    expect(tenuresOverlap(day, t('2012-11-06', '2024-05-12'))).toBe(false);
    expect(tenuresOverlap(day, t('2012-11-06', '2024-05-13'))).toBe(true);
    expect(tenuresOverlap(day, t('2024-05-12'))).toBe(true);
    expect(tenuresOverlap(day, t('2024-05-13'))).toBe(false);
    expect(tenuresOverlap(day, t('2024-05-12', '2024-05-12'))).toBe(true);
    expect(tenuresOverlap(day, t('2024-05-11', '2024-05-11'))).toBe(false);
  });
  it('never compares different offices', () => {
    expect(tenuresOverlap(t('2012-11-06'), t('2012-11-06', null, 'RU:CGS'))).toBe(false);
  });
});

describe('checkTenures', () => {
  it('passes tenures that touch, follow or lie in other offices', () => {
    expect(checkTenures([t('2024-05-12')], [shoigu()])).toEqual({});
    expect(checkTenures([t('2024-05-14')], [shoigu()])).toEqual({});
    expect(checkTenures([t('2000-01-01', '2012-11-06')], [shoigu()])).toEqual({});
    expect(checkTenures([t('2012-11-06', null, 'RU:SECCOUNCIL')], [shoigu()])).toEqual({});
    expect(checkTenures([], [shoigu()])).toEqual({});
  });

  it('refuses an end before the start, on the end date', () => {
    expect(checkTenures([t('2024-05-14', '2024-05-13')], [])).toEqual({
      'positions.0.endDate': ['A tenure cannot end before it starts'],
    });
  });

  it('accepts a one-day tenure on its own', () => {
    expect(checkTenures([t('2024-05-13', '2024-05-13')], [shoigu()])).toEqual({});
  });

  it('names an open holder and says what to do, on the start date', () => {
    expect(checkTenures([t('2024-05-14')], [shoigu(null)])).toEqual({
      'positions.0.startDate': [
        'RU:MINDEF is held by Sergei Shoigu from 6 Nov 2012 with no end; end that tenure first or start after it',
      ],
    });
  });

  it('names an ended holder and the first free day', () => {
    expect(checkTenures([t('2024-01-01')], [shoigu()])).toEqual({
      'positions.0.startDate': [
        'RU:MINDEF is held by Sergei Shoigu from 6 Nov 2012 to 12 May 2024; start on or after 12 May 2024',
      ],
    });
  });

  it('names a one-day holder and the day after it', () => {
    const acting: HeldTenure = { ...t('2024-05-13', '2024-05-13'), holder: 'An Acting Minister' };
    expect(checkTenures([t('2024-05-13')], [acting])).toEqual({
      'positions.0.startDate': [
        'RU:MINDEF is held by An Acting Minister on 13 May 2024 only; start on or after 14 May 2024',
      ],
    });
  });

  it('puts a tenure that starts earlier and runs into the holder’s on the end date', () => {
    expect(checkTenures([t('2010-01-01', '2013-01-01')], [shoigu()])).toEqual({
      'positions.0.endDate': [
        'RU:MINDEF is held by Sergei Shoigu from 6 Nov 2012 to 12 May 2024; end this tenure on or before 6 Nov 2012',
      ],
    });
    // An open tenure from before runs into every later holder.
    expect(Object.keys(checkTenures([t('2010-01-01')], [shoigu()]))).toEqual(['positions.0.endDate']);
  });

  it('names every holder a tenure runs over', () => {
    const belousov: HeldTenure = { ...t('2024-05-14'), holder: 'Andrei Belousov' };
    const errors = checkTenures([t('2020-01-01')], [shoigu(), belousov]);
    expect(errors['positions.0.startDate']).toHaveLength(1);
    expect(errors['positions.0.startDate'][0]).toContain('Sergei Shoigu');
    expect(errors['positions.0.endDate']).toEqual([
      'RU:MINDEF is held by Andrei Belousov from 14 May 2024 with no end; end this tenure on or before 14 May 2024',
    ]);
  });

  it('reports each position by its row', () => {
    const errors = checkTenures([t('2001-01-01', '2002-01-01', 'RU:CGS'), t('2024-01-01')], [shoigu()]);
    expect(Object.keys(errors)).toEqual(['positions.1.startDate']);
  });

  it('refuses an official’s own overlapping tenures in one office, on the later row', () => {
    expect(checkTenures([t('2012-11-06', '2020-01-01'), t('2019-01-01', '2024-05-12')], [])).toEqual({
      'positions.1.startDate': [
        'Overlaps this official’s own tenure in RU:MINDEF from 6 Nov 2012 to 1 Jan 2020 (position 1); make it one tenure or let one end before the other starts',
      ],
    });
  });

  it('allows an official’s own consecutive tenures and tenures in several offices at once', () => {
    expect(checkTenures([t('2012-11-06', '2018-05-18'), t('2018-05-18', '2024-05-12')], [])).toEqual({});
    expect(checkTenures([t('2012-11-06'), t('2012-11-06', null, 'RU:SECCOUNCIL')], [])).toEqual({});
  });

  it('skips overlap checks for a row whose dates are backwards, reporting only that', () => {
    expect(checkTenures([t('2024-05-14', '2020-01-01')], [shoigu(null)])).toEqual({
      'positions.0.endDate': ['A tenure cannot end before it starts'],
    });
  });
});

describe('tenureErrorsMessage', () => {
  it('gives the only message, or counts them', () => {
    expect(tenureErrorsMessage({ a: ['One'] })).toBe('One');
    expect(tenureErrorsMessage({ a: ['One'], b: ['Two'] })).toBe('2 problems with the tenures: One; …');
  });
});
