import { describe, expect, it } from 'vitest';
import {
  austin,
  belousov,
  gerasimov,
  hegseth,
  kuleba,
  milley,
  shoigu,
  gapContact as contact,
} from '../testing/gap-contacts';
import { daysBetween, isIsoDate, localTimeToInstant, periodEnd, todayUtc } from './dates';
import { computeAllSeries, computeSeries, contactRange, makePairKey, pairKeysOf } from './engine';

const austinShoigu = makePairKey('OFFICIAL', 'austin', 'shoigu');
const milleyGerasimov = makePairKey('OFFICIAL', 'milley', 'gerasimov');

describe('calendar dates', () => {
  it('counts calendar days across month ends', () => {
    expect(daysBetween('2022-02-18', '2022-05-13')).toBe(84);
    expect(daysBetween('2022-05-13', '2022-02-18')).toBe(-84);
  });

  it('counts 29 February in leap years only', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2000-01-01', '2001-01-01')).toBe(366);
    expect(daysBetween('1900-01-01', '1901-01-01')).toBe(365);
  });

  it('rejects dates that do not exist', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2022-13-01')).toBe(false);
    expect(isIsoDate('13 May 2022')).toBe(false);
    expect(() => daysBetween('2022-02-30', '2022-03-01')).toThrow(/calendar date/);
  });

  it('knows the last day of a month or year, including leap Februaries', () => {
    expect(periodEnd('2024-02-01', 'MONTH')).toBe('2024-02-29');
    expect(periodEnd('2023-02-01', 'MONTH')).toBe('2023-02-28');
    expect(periodEnd('2022-01-01', 'YEAR')).toBe('2022-12-31');
    expect(periodEnd('2022-05-13', 'DAY')).toBe('2022-05-13');
  });

  it('takes today as the UTC date, whatever the local time zone', () => {
    expect(todayUtc(new Date('2022-05-13T23:30:00-04:00'))).toBe('2022-05-14');
    expect(todayUtc(new Date('2022-05-13T00:10:00+03:00'))).toBe('2022-05-12');
  });

  it('turns a local time into the instant: 23:30 in Washington on 12 May is 03:30Z on 13 May', () => {
    expect(localTimeToInstant('2022-05-12', '23:30', 'America/New_York').toISOString()).toBe(
      '2022-05-13T03:30:00.000Z',
    );
    expect(localTimeToInstant('2022-01-12', '23:30', 'America/New_York').toISOString()).toBe(
      '2022-01-13T04:30:00.000Z',
    );
    expect(localTimeToInstant('2022-05-13', '01:00', 'Europe/Moscow').toISOString()).toBe('2022-05-12T22:00:00.000Z');
  });
});

describe('pairs of a contact', () => {
  it('pairs every participant with those of other countries: four participants, two countries, four pairs', () => {
    const pairs = pairKeysOf([austin, milley, shoigu, gerasimov], 'OFFICIAL');
    expect(pairs).toHaveLength(4);
    expect(pairs).toEqual(
      expect.arrayContaining([
        makePairKey('OFFICIAL', 'austin', 'shoigu'),
        makePairKey('OFFICIAL', 'austin', 'gerasimov'),
        makePairKey('OFFICIAL', 'milley', 'shoigu'),
        makePairKey('OFFICIAL', 'milley', 'gerasimov'),
      ]),
    );
  });

  it('forms no pair from participants of one country', () => {
    expect(pairKeysOf([austin, milley], 'OFFICIAL')).toEqual([]);
    expect(pairKeysOf([austin, milley], 'COUNTRY')).toEqual([]);
  });

  it('forms one country pair per pair of countries, however many participants', () => {
    expect(pairKeysOf([austin, milley, shoigu, gerasimov], 'COUNTRY')).toEqual([makePairKey('COUNTRY', 'RU', 'US')]);
    expect(pairKeysOf([austin, shoigu, kuleba], 'COUNTRY')).toHaveLength(3);
  });

  it('forms office pairs only from participants whose office is known', () => {
    const unknownOffice = { ...shoigu, officeKey: null };
    expect(pairKeysOf([austin, unknownOffice], 'OFFICE')).toEqual([]);
    expect(pairKeysOf([austin, shoigu], 'OFFICE')).toEqual([makePairKey('OFFICE', 'RU:MINDEF', 'US:SECDEF')]);
  });

  it('names a pair the same whichever side comes first', () => {
    expect(makePairKey('OFFICIAL', 'shoigu', 'austin')).toEqual(makePairKey('OFFICIAL', 'austin', 'shoigu'));
  });
});

describe('gaps of a pair', () => {
  it('finds the founding story: 84 days from 18 February to 13 May 2022', () => {
    const series = computeSeries(
      [contact('2022-02-18', [austin, shoigu]), contact('2022-05-13', [austin, shoigu])],
      austinShoigu,
      '2022-06-01',
    );
    expect(series.heldCount).toBe(2);
    expect(series.gaps).toHaveLength(1);
    expect(series.gaps[0]).toMatchObject({
      from: '2022-02-18',
      to: '2022-05-13',
      days: 84,
      minDays: 84,
      maxDays: 84,
      approximate: false,
      disputed: false,
    });
    expect(series.longestGap?.days).toBe(84);
    expect(series.currentSilence).toMatchObject({ since: '2022-05-13', days: 19, rank: { longerThan: 0, of: 1 } });
  });

  it('keeps two contacts on the same day, with a gap of 0 between them', () => {
    const series = computeSeries(
      [
        contact('2022-02-18', [austin, shoigu]),
        contact('2022-02-18', [austin, shoigu]),
        contact('2022-03-01', [austin, shoigu]),
      ],
      austinShoigu,
      '2022-03-01',
    );
    expect(series.heldCount).toBe(3);
    expect(series.gaps.map((g) => g.days)).toEqual([0, 11]);
    expect(series.currentSilence?.days).toBe(0);
  });

  it('gives the same result whatever order the contacts arrive in', () => {
    const contacts = [
      contact('2022-05-13', [austin, shoigu]),
      contact('2021-10-01', [shoigu, austin]),
      contact('2022-02-18', [austin, shoigu]),
      contact('2021-12-24', [austin, shoigu], { status: 'REFUSED' }),
    ];
    const forwards = computeSeries(contacts, austinShoigu, '2022-06-01');
    const backwards = computeSeries([...contacts].reverse(), austinShoigu, '2022-06-01');
    expect(backwards).toEqual(forwards);
    expect(forwards.gaps.map((g) => [g.from, g.to, g.days])).toEqual([
      ['2021-10-01', '2022-02-18', 140],
      ['2022-02-18', '2022-05-13', 84],
    ]);
  });

  it('counts a four-person contact for each cross-country pair of officials', () => {
    const contacts = [
      contact('2022-01-10', [austin, milley, shoigu, gerasimov]),
      contact('2022-02-11', [milley, gerasimov]),
    ];
    const all = computeAllSeries(contacts, 'OFFICIAL', '2022-03-01');
    expect(all).toHaveLength(4);
    const mg = all.find((s) => s.pair.a === 'gerasimov' && s.pair.b === 'milley');
    expect(mg?.heldCount).toBe(2);
    expect(mg?.gaps[0].days).toBe(32);
    const as = all.find((s) => s.pair.a === 'austin' && s.pair.b === 'shoigu');
    expect(as?.heldCount).toBe(1);
  });

  it('ignores contacts that do not concern the pair', () => {
    const series = computeSeries(
      [contact('2022-02-11', [milley, gerasimov]), contact('2022-02-18', [austin, shoigu])],
      austinShoigu,
      '2022-02-20',
    );
    expect(series.heldCount).toBe(1);
    expect(series.firstContact?.date).toBe('2022-02-18');
  });

  it('joins different holders of the same offices into one office series', () => {
    const contacts = [
      contact('2023-03-15', [austin, shoigu]),
      contact('2024-07-12', [austin, belousov]),
      contact('2025-03-01', [hegseth, belousov]),
    ];
    const office = computeSeries(contacts, makePairKey('OFFICE', 'US:SECDEF', 'RU:MINDEF'), '2025-03-02');
    expect(office.heldCount).toBe(3);
    expect(office.gaps.map((g) => g.days)).toEqual([485, 232]);
    const official = computeSeries(contacts, makePairKey('OFFICIAL', 'austin', 'belousov'), '2025-03-02');
    expect(official.heldCount).toBe(1);
  });

  it('counts any officials of two countries at country level, once per contact', () => {
    const contacts = [
      contact('2022-02-11', [milley, gerasimov]),
      contact('2022-02-18', [austin, shoigu]),
      contact('2022-05-13', [austin, milley, shoigu, gerasimov]),
      contact('2022-05-14', [austin, kuleba]),
    ];
    const series = computeSeries(contacts, makePairKey('COUNTRY', 'US', 'RU'), '2022-05-20');
    expect(series.heldCount).toBe(3);
    expect(series.gaps.map((g) => g.days)).toEqual([7, 84]);
    expect(series.currentSilence?.days).toBe(7);
  });

  it('marks a gap touching a month-precision contact as approximate, with its range', () => {
    const series = computeSeries(
      [contact('2022-02-01', [austin, shoigu], { precision: 'MONTH' }), contact('2022-05-13', [austin, shoigu])],
      austinShoigu,
      '2022-05-13',
    );
    expect(series.gaps[0]).toMatchObject({
      from: '2022-02-01',
      days: 101,
      minDays: 74, // from 28 February
      maxDays: 101, // from 1 February
      approximate: true,
      disputed: false,
    });
  });

  it('marks a gap touching a year-precision contact as approximate, with its range', () => {
    const series = computeSeries(
      [contact('2021-06-01', [austin, shoigu]), contact('2022-01-01', [austin, shoigu], { precision: 'YEAR' })],
      austinShoigu,
      '2023-01-01',
    );
    expect(series.gaps[0]).toMatchObject({ days: 214, minDays: 214, maxDays: 578, approximate: true });
    expect(series.currentSilence).toMatchObject({ days: 365, minDays: 1, maxDays: 365, approximate: true });
  });

  it('never lets a range go below zero when two periods overlap', () => {
    const series = computeSeries(
      [contact('2022-03-01', [austin, shoigu], { precision: 'MONTH' }), contact('2022-03-10', [austin, shoigu])],
      austinShoigu,
      '2022-03-10',
    );
    expect(series.gaps[0]).toMatchObject({ days: 9, minDays: 0, maxDays: 9 });
  });

  it('gives the 90–97 day range when sources disagree on the Milley–Gerasimov date', () => {
    const series = computeSeries(
      [
        contact('2022-02-11', [milley, gerasimov], { claimedDates: ['2022-02-11', '2022-02-18'] }),
        contact('2022-05-19', [milley, gerasimov]),
      ],
      milleyGerasimov,
      '2022-06-01',
    );
    expect(series.gaps[0]).toMatchObject({ days: 97, minDays: 90, maxDays: 97, disputed: true, approximate: false });
  });

  it('does not call a contact disputed when its sources only repeat its own date', () => {
    const c = contact('2022-02-18', [austin, shoigu], { claimedDates: ['2022-02-18'] });
    const series = computeSeries([c, contact('2022-05-13', [austin, shoigu])], austinShoigu, '2022-06-01');
    expect(series.gaps[0].disputed).toBe(false);
    expect(contactRange(c)).toEqual({ earliest: '2022-02-18', latest: '2022-02-18' });
  });

  it('lets only held contacts end a silence and shows the others as markers in their gap', () => {
    const contacts = [
      contact('2022-02-18', [austin, shoigu]),
      contact('2022-03-24', [austin, shoigu], { status: 'REFUSED', id: 'refused' }),
      contact('2022-04-10', [austin, shoigu], { status: 'REQUESTED', id: 'requested' }),
      contact('2022-04-20', [austin, shoigu], { status: 'CANCELLED', id: 'cancelled' }),
      contact('2022-05-13', [austin, shoigu]),
      contact('2022-05-20', [austin, shoigu], { status: 'SCHEDULED', id: 'scheduled' }),
    ];
    const series = computeSeries(contacts, austinShoigu, '2022-06-01');
    expect(series.heldCount).toBe(2);
    expect(series.gaps).toHaveLength(1);
    expect(series.gaps[0].days).toBe(84);
    expect(series.gaps[0].markers.map((m) => [m.contactId, m.status])).toEqual([
      ['refused', 'REFUSED'],
      ['requested', 'REQUESTED'],
      ['cancelled', 'CANCELLED'],
    ]);
    expect(series.currentSilence?.markers.map((m) => m.contactId)).toEqual(['scheduled']);
  });

  it('puts a request made on the day of the call that answered it inside the gap that call ended', () => {
    const contacts = [
      contact('2022-02-18', [austin, shoigu]),
      contact('2022-02-18', [austin, shoigu], { status: 'REQUESTED', id: 'same-day-as-start' }),
      contact('2022-05-13', [austin, shoigu], { status: 'REQUESTED', id: 'same-day-as-end' }),
      contact('2022-05-13', [austin, shoigu]),
    ];
    const series = computeSeries(contacts, austinShoigu, '2022-06-01');
    expect(series.leadingMarkers.map((m) => m.contactId)).toEqual(['same-day-as-start']);
    expect(series.gaps[0].markers.map((m) => m.contactId)).toEqual(['same-day-as-end']);
  });

  it('has only a current silence for a pair with one contact', () => {
    const series = computeSeries([contact('2022-02-18', [austin, shoigu])], austinShoigu, '2022-05-13');
    expect(series).toMatchObject({
      heldCount: 1,
      gaps: [],
      longestGap: null,
      medianGapDays: null,
      meanGapDays: null,
      currentSilence: { since: '2022-02-18', days: 84, rank: { longerThan: 0, of: 0 } },
    });
  });

  it('has no silence at all for a pair that was only ever refused', () => {
    const series = computeSeries(
      [contact('2022-03-24', [austin, shoigu], { status: 'REFUSED' })],
      austinShoigu,
      '2022-05-13',
    );
    expect(series.heldCount).toBe(0);
    expect(series.currentSilence).toBeNull();
    expect(series.lastContact).toBeNull();
    expect(series.leadingMarkers).toHaveLength(1);
  });

  it('computes longest, median and mean gaps and ranks the current silence against them', () => {
    // Gaps of 10, 20, 30 and 40 days; then a silence of 35 days.
    const dates = ['2022-01-01', '2022-01-11', '2022-01-31', '2022-03-02', '2022-04-11'];
    const series = computeSeries(
      dates.map((d) => contact(d, [austin, shoigu])),
      austinShoigu,
      '2022-05-16',
    );
    expect(series.gaps.map((g) => g.days)).toEqual([10, 20, 30, 40]);
    expect(series.longestGap).toMatchObject({ from: '2022-03-02', to: '2022-04-11', days: 40 });
    expect(series.medianGapDays).toBe(25);
    expect(series.meanGapDays).toBe(25);
    expect(series.currentSilence?.days).toBe(35);
    expect(series.currentSilence?.rank).toEqual({ longerThan: 3, of: 4 });
  });

  it('takes the middle gap as the median of an odd count and rounds the mean to one decimal', () => {
    const dates = ['2022-01-01', '2022-01-02', '2022-01-05', '2022-01-12'];
    const series = computeSeries(
      dates.map((d) => contact(d, [austin, shoigu])),
      austinShoigu,
      '2022-01-12',
    );
    expect(series.gaps.map((g) => g.days)).toEqual([1, 3, 7]);
    expect(series.medianGapDays).toBe(3);
    expect(series.meanGapDays).toBe(3.7);
  });

  it('names the earlier of two equally long gaps as the longest', () => {
    const dates = ['2022-01-01', '2022-01-11', '2022-01-21'];
    const series = computeSeries(
      dates.map((d) => contact(d, [austin, shoigu])),
      austinShoigu,
      '2022-01-21',
    );
    expect(series.longestGap?.from).toBe('2022-01-01');
  });

  it('counts across a leap day', () => {
    const series = computeSeries(
      [contact('2024-02-28', [austin, shoigu]), contact('2024-03-01', [austin, shoigu])],
      austinShoigu,
      '2025-02-28',
    );
    expect(series.gaps[0].days).toBe(2);
    expect(series.currentSilence?.days).toBe(364);
  });

  it('reports the first and last held contacts', () => {
    const series = computeSeries(
      [
        contact('2022-05-13', [austin, shoigu], { id: 'last' }),
        contact('2021-02-18', [austin, shoigu], { id: 'first' }),
      ],
      austinShoigu,
      '2022-06-01',
    );
    expect(series.firstContact).toEqual({ id: 'first', date: '2021-02-18' });
    expect(series.lastContact).toEqual({ id: 'last', date: '2022-05-13' });
  });
});
