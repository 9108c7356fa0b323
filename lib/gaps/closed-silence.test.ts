import { describe, expect, it } from 'vitest';
import { austin, belousov, gerasimov, milley, shoigu, gapContact as contact } from '../testing/gap-contacts';
import { daysBetween } from './dates';
import { computeAllSeries, computeSeries, makePairKey, silenceClosure } from './engine';
import { leftOfficeMap, leftOfficeOn, type Tenure } from './office';
import { byUnusualness, MIN_PAST_GAPS, mostUnusual, silenceUnusualness } from './unusual';

/*
 * The rule of DESIGN.md's "Gap semantics": at the official level a pair's
 * silence runs while both officials hold a recorded position, and closes the day
 * one of them leaves. Every date here is a fixed input; nothing reads the clock.
 */

const tenure = (startDate: string, endDate: string | null): Tenure => ({ startDate, endDate });
const austinShoigu = makePairKey('OFFICIAL', 'austin', 'shoigu');
const TODAY = '2026-11-26';
/** Shoigu's Ministry of Defence tenure ended on 12 May 2024. */
const SHOIGU_LEFT = new Map([['shoigu', '2024-05-12']]);
const story = () => [
  contact('2022-02-18', [austin, shoigu], { id: 'feb' }),
  contact('2022-03-24', [austin, shoigu], { status: 'REFUSED', id: 'refused' }),
  contact('2022-05-13', [austin, shoigu], { id: 'may' }),
];

describe('the day an official left office', () => {
  it('is null for an official with no recorded position: they count as in office', () => {
    expect(leftOfficeOn([], TODAY)).toBeNull();
  });

  it('is null while a tenure runs, open-ended or ending after today', () => {
    expect(leftOfficeOn([tenure('2012-11-09', null)], TODAY)).toBeNull();
    expect(leftOfficeOn([tenure('2021-01-22', '2026-11-27')], TODAY)).toBeNull();
  });

  it('is the end of the tenure: a tenure ending today is over today', () => {
    expect(leftOfficeOn([tenure('2012-11-06', '2024-05-12')], TODAY)).toBe('2024-05-12');
    expect(leftOfficeOn([tenure('2021-01-22', TODAY)], TODAY)).toBe(TODAY);
  });

  it('is the end of the last tenure, whatever order the tenures come in', () => {
    const tenures = [
      tenure('2020-01-01', '2021-01-01'),
      tenure('2015-01-01', '2018-06-30'),
      tenure('2022-03-01', '2024-10-01'),
    ];
    expect(leftOfficeOn(tenures, TODAY)).toBe('2024-10-01');
  });

  it('is null for an official who left and is back in office today', () => {
    expect(leftOfficeOn([tenure('2015-01-01', '2018-06-30'), tenure('2024-01-01', null)], TODAY)).toBeNull();
  });

  it('counts only tenures begun by today: out of office between tenures, in office before a first one begins', () => {
    const between = [tenure('2015-01-01', '2018-06-30'), tenure('2027-01-20', null)];
    expect(leftOfficeOn(between, TODAY)).toBe('2018-06-30');
    expect(leftOfficeOn([tenure('2027-01-20', null)], TODAY)).toBeNull();
  });

  it('is read per official by leftOfficeMap, which leaves out officials in office', () => {
    const map = leftOfficeMap(
      [
        { officialId: 'shoigu', ...tenure('2012-11-06', '2024-05-12') },
        { officialId: 'shoigu', ...tenure('2000-01-01', '2012-05-11') },
        { officialId: 'gerasimov', ...tenure('2012-11-09', null) },
        { officialId: 'austin', ...tenure('2021-01-22', '2025-01-20') },
      ],
      TODAY,
    );
    expect([...map.entries()].sort()).toEqual([
      ['austin', '2025-01-20'],
      ['shoigu', '2024-05-12'],
    ]);
  });
});

describe('a silence closed by a departure from office', () => {
  it('closes the Austin–Shoigu silence on 12 May 2024: 730 days, the pair’s last gap, no running silence', () => {
    const series = computeSeries(story(), austinShoigu, TODAY, SHOIGU_LEFT);
    expect(series.currentSilence).toBeNull();
    expect(series.heldCount).toBe(2);
    expect(series.lastContact).toEqual({ id: 'may', date: '2022-05-13' });
    expect(series.gaps).toHaveLength(2);
    expect(series.gaps[0]).toMatchObject({ days: 84, toContactId: 'may', closedBy: null });
    expect(series.gaps[1]).toEqual({
      fromContactId: 'may',
      toContactId: null,
      from: '2022-05-13',
      to: '2024-05-12',
      closedBy: { officialId: 'shoigu', on: '2024-05-12', rank: { longerThan: 1, of: 1 } },
      days: 730,
      minDays: 730,
      maxDays: 730,
      approximate: false,
      disputed: false,
      markers: [],
    });
  });

  it('counts the closed silence in the longest, median and mean gap', () => {
    const series = computeSeries(story(), austinShoigu, TODAY, SHOIGU_LEFT);
    expect(series.longestGap).toMatchObject({ days: 730, closedBy: { officialId: 'shoigu' } });
    expect(series.medianGapDays).toBe((84 + 730) / 2);
    expect(series.meanGapDays).toBe(407);
  });

  it('does not change the figures it leaves alone: the days do not depend on today', () => {
    const early = computeSeries(story(), austinShoigu, '2024-06-01', SHOIGU_LEFT);
    const late = computeSeries(story(), austinShoigu, '2031-01-01', SHOIGU_LEFT);
    expect(late).toEqual(early);
  });

  it('runs until the leaving day comes: a departure after today does not close the silence yet', () => {
    const series = computeSeries(story(), austinShoigu, '2024-05-11', SHOIGU_LEFT);
    expect(series.gaps).toHaveLength(1);
    expect(series.currentSilence).toMatchObject({ since: '2022-05-13', days: daysBetween('2022-05-13', '2024-05-11') });
    const onTheDay = computeSeries(story(), austinShoigu, '2024-05-12', SHOIGU_LEFT);
    expect(onTheDay.currentSilence).toBeNull();
    expect(onTheDay.gaps.at(-1)).toMatchObject({ to: '2024-05-12', days: 730 });
  });

  it('closes on the earlier of two departures, naming who left', () => {
    const both = new Map([
      ['shoigu', '2024-05-12'],
      ['austin', '2025-01-20'],
    ]);
    expect(computeSeries(story(), austinShoigu, TODAY, both).gaps.at(-1)?.closedBy).toMatchObject({
      officialId: 'shoigu',
      on: '2024-05-12',
    });
    const austinFirst = new Map([
      ['shoigu', '2024-05-12'],
      ['austin', '2023-01-01'],
    ]);
    expect(computeSeries(story(), austinShoigu, TODAY, austinFirst).gaps.at(-1)).toMatchObject({
      to: '2023-01-01',
      days: daysBetween('2022-05-13', '2023-01-01'),
      closedBy: { officialId: 'austin', on: '2023-01-01' },
    });
  });

  it('names side a when both left on the same day', () => {
    const sameDay = new Map([
      ['shoigu', '2024-05-12'],
      ['austin', '2024-05-12'],
    ]);
    expect(computeSeries(story(), austinShoigu, TODAY, sameDay).gaps.at(-1)?.closedBy?.officialId).toBe('austin');
  });

  it('lets the silence run when neither official has left, or has any recorded position', () => {
    const series = computeSeries(story(), austinShoigu, TODAY, new Map());
    expect(series.gaps).toHaveLength(1);
    expect(series.currentSilence).toMatchObject({ since: '2022-05-13', days: daysBetween('2022-05-13', TODAY) });
    // Without the argument at all, the same.
    expect(computeSeries(story(), austinShoigu, TODAY)).toEqual(series);
  });

  it('ignores the departures of officials outside the pair', () => {
    const others = new Map([['gerasimov', '2023-01-01']]);
    expect(computeSeries(story(), austinShoigu, TODAY, others).currentSilence).not.toBeNull();
  });

  it('never closes a silence before the last contact: a contact recorded after the leaving day keeps it running', () => {
    const later = [...story(), contact('2024-09-01', [austin, shoigu], { id: 'after-leaving' })];
    const series = computeSeries(later, austinShoigu, TODAY, SHOIGU_LEFT);
    expect(series.gaps.every((gap) => gap.closedBy === null && gap.days >= 0)).toBe(true);
    expect(series.currentSilence).toMatchObject({ since: '2024-09-01', sinceContactId: 'after-leaving' });
  });

  it('passes over a departure the record contradicts and closes on the other side’s', () => {
    const later = [...story(), contact('2024-09-01', [austin, shoigu])];
    const both = new Map([
      ['shoigu', '2024-05-12'],
      ['austin', '2025-01-20'],
    ]);
    expect(computeSeries(later, austinShoigu, TODAY, both).gaps.at(-1)).toMatchObject({
      from: '2024-09-01',
      to: '2025-01-20',
      closedBy: { officialId: 'austin', on: '2025-01-20' },
    });
  });

  it('closes a silence of 0 days when an official leaves on the day of the last contact', () => {
    const series = computeSeries(story(), austinShoigu, TODAY, new Map([['shoigu', '2022-05-13']]));
    expect(series.gaps.at(-1)).toMatchObject({ from: '2022-05-13', to: '2022-05-13', days: 0 });
    expect(series.currentSilence).toBeNull();
  });

  it('closes the silence of a pair with a single held contact, which then has one gap', () => {
    const series = computeSeries([contact('2022-05-13', [austin, shoigu])], austinShoigu, TODAY, SHOIGU_LEFT);
    expect(series.gaps).toHaveLength(1);
    expect(series.gaps[0]).toMatchObject({ days: 730, closedBy: { rank: { longerThan: 0, of: 0 } } });
    expect(series.longestGap?.days).toBe(730);
    expect(series.medianGapDays).toBe(730);
  });

  it('closes nothing for a pair that never held a contact', () => {
    const refused = [contact('2022-03-24', [austin, shoigu], { status: 'REFUSED' })];
    const series = computeSeries(refused, austinShoigu, TODAY, SHOIGU_LEFT);
    expect(series.gaps).toEqual([]);
    expect(series.currentSilence).toBeNull();
    expect(series.leadingMarkers).toHaveLength(1);
  });

  it('ranks the closed silence against the gaps before it', () => {
    // Gaps of 10, 20, 30 and 40 days, then 25 days until Shoigu left.
    const dates = ['2022-01-01', '2022-01-11', '2022-01-31', '2022-03-02', '2022-04-11'];
    const series = computeSeries(
      dates.map((d) => contact(d, [austin, shoigu])),
      austinShoigu,
      TODAY,
      new Map([['shoigu', '2022-05-06']]),
    );
    expect(series.gaps.map((g) => g.days)).toEqual([10, 20, 30, 40, 25]);
    expect(series.gaps.at(-1)?.closedBy?.rank).toEqual({ longerThan: 2, of: 4 });
    expect(series.longestGap?.days).toBe(40);
    expect(series.medianGapDays).toBe(25);
    expect(series.meanGapDays).toBe(25);
  });

  it('keeps the markers after the last contact in the closed silence', () => {
    const contacts = [
      ...story(),
      contact('2023-01-10', [austin, shoigu], { status: 'REQUESTED', id: 'sought' }),
      contact('2024-09-01', [austin, shoigu], { status: 'REFUSED', id: 'after' }),
    ];
    const series = computeSeries(contacts, austinShoigu, TODAY, SHOIGU_LEFT);
    expect(series.gaps[0].markers.map((m) => m.contactId)).toEqual(['refused']);
    // Nothing is lost: a request recorded after the leaving day stays with the silence it followed.
    expect(series.gaps.at(-1)?.markers.map((m) => m.contactId)).toEqual(['sought', 'after']);
  });

  it('gives the closed silence the range and flags of an approximate or disputed last contact', () => {
    const month = computeSeries(
      [contact('2022-05-01', [austin, shoigu], { precision: 'MONTH' })],
      austinShoigu,
      TODAY,
      SHOIGU_LEFT,
    );
    expect(month.gaps[0]).toMatchObject({
      from: '2022-05-01',
      days: daysBetween('2022-05-01', '2024-05-12'),
      minDays: daysBetween('2022-05-31', '2024-05-12'),
      maxDays: daysBetween('2022-05-01', '2024-05-12'),
      approximate: true,
      disputed: false,
    });
    const disputed = computeSeries(
      [contact('2022-05-13', [austin, shoigu], { claimedDates: ['2022-05-20'] })],
      austinShoigu,
      TODAY,
      SHOIGU_LEFT,
    );
    expect(disputed.gaps[0]).toMatchObject({ days: 730, minDays: 723, maxDays: 730, disputed: true });
  });

  it('leaves office and country pairs running, whoever left', () => {
    const everyoneLeft = new Map([
      ['austin', '2023-01-01'],
      ['shoigu', '2023-01-01'],
      ['US:SECDEF', '2023-01-01'],
      ['US', '2023-01-01'],
    ]);
    const office = computeSeries(story(), makePairKey('OFFICE', 'US:SECDEF', 'RU:MINDEF'), TODAY, everyoneLeft);
    expect(office.currentSilence).toMatchObject({ since: '2022-05-13' });
    expect(office.gaps.every((g) => g.closedBy === null)).toBe(true);
    const country = computeSeries(story(), makePairKey('COUNTRY', 'US', 'RU'), TODAY, everyoneLeft);
    expect(country.currentSilence).toMatchObject({ since: '2022-05-13' });
    expect(silenceClosure(makePairKey('OFFICE', 'US:SECDEF', 'RU:MINDEF'), '2022-05-13', everyoneLeft, TODAY)).toBe(
      null,
    );
  });

  it('lets the office pair carry on with the successor after the official pair closed', () => {
    const contacts = [...story(), contact('2024-07-12', [austin, belousov])];
    const official = computeSeries(contacts, austinShoigu, TODAY, SHOIGU_LEFT);
    expect(official.currentSilence).toBeNull();
    const office = computeSeries(contacts, makePairKey('OFFICE', 'US:SECDEF', 'RU:MINDEF'), TODAY, SHOIGU_LEFT);
    expect(office.gaps.map((g) => g.days)).toEqual([84, daysBetween('2022-05-13', '2024-07-12')]);
    expect(office.currentSilence?.since).toBe('2024-07-12');
  });

  it('closes each official pair on its own departures across a whole level', () => {
    const contacts = [...story(), contact('2022-05-19', [milley, gerasimov])];
    const left = new Map([
      ['shoigu', '2024-05-12'],
      ['milley', '2023-09-29'],
    ]);
    const all = computeAllSeries(contacts, 'OFFICIAL', TODAY, left);
    const closedOn = Object.fromEntries(all.map((s) => [`${s.pair.a}-${s.pair.b}`, s.gaps.at(-1)?.closedBy?.on]));
    expect(closedOn).toEqual({ 'austin-shoigu': '2024-05-12', 'gerasimov-milley': '2023-09-29' });
    expect(all.every((s) => s.currentSilence === null)).toBe(true);
  });

  it('closes only a silence on or after the last contact and up to today (silenceClosure)', () => {
    const left = new Map([['shoigu', '2024-05-12']]);
    expect(silenceClosure(austinShoigu, '2022-05-13', left, TODAY)).toEqual({ officialId: 'shoigu', on: '2024-05-12' });
    expect(silenceClosure(austinShoigu, '2024-05-12', left, TODAY)).toEqual({ officialId: 'shoigu', on: '2024-05-12' });
    expect(silenceClosure(austinShoigu, '2024-05-13', left, TODAY)).toBeNull();
    expect(silenceClosure(austinShoigu, '2022-05-13', left, '2024-05-11')).toBeNull();
    expect(silenceClosure(austinShoigu, null, left, TODAY)).toBeNull();
  });
});

describe('the most unusual running silence', () => {
  /** A pair whose held contacts fall on these days after 1 January 2022; today is `today` days after. */
  function pairWith(offsets: number[], today: number, id = 'x') {
    const day = (n: number) => new Date(Date.UTC(2022, 0, 1 + n)).toISOString().slice(0, 10);
    return computeSeries(
      offsets.map((n, i) => contact(day(n), [austin, shoigu], { id: `${id}${i}` })),
      austinShoigu,
      day(today),
    );
  }

  it('measures the running silence against the median past gap', () => {
    // Gaps of 10, 10, 10, 40: median 10; a silence of 120 days is 12 times it.
    const series = pairWith([0, 10, 20, 30, 70], 190);
    expect(silenceUnusualness(series)).toEqual({ ratio: 12, longest: true });
  });

  it(`needs ${MIN_PAST_GAPS} past gaps: a pair with one or two is never unusual`, () => {
    expect(silenceUnusualness(pairWith([0, 3], 400))).toBeNull();
    expect(silenceUnusualness(pairWith([0, 3, 6], 400))).toBeNull();
    expect(silenceUnusualness(pairWith([0, 3, 6, 9], 400))).not.toBeNull();
  });

  it('does not measure a closed silence, which is not running', () => {
    const contacts = [0, 10, 20, 30].map((n, i) =>
      contact(new Date(Date.UTC(2022, 0, 1 + n)).toISOString().slice(0, 10), [austin, shoigu], { id: `k${i}` }),
    );
    const closed = computeSeries(contacts, austinShoigu, TODAY, SHOIGU_LEFT);
    expect(closed.currentSilence).toBeNull();
    expect(silenceUnusualness(closed)).toBeNull();
  });

  it('counts a median of 0 days as one day, so same-day contacts do not divide by zero', () => {
    const series = pairWith([0, 0, 0, 0, 5], 25);
    expect(series.medianGapDays).toBe(0);
    expect(silenceUnusualness(series)?.ratio).toBe(20);
  });

  it('puts the most unusual first, not the longest; then the unmeasured by length; never-held last', () => {
    const regular = { series: pairWith([0, 10, 20, 30], 130, 'r') }; // 100 days, 10× its median
    const sparse = { series: pairWith([0, 300, 600, 900], 1500, 's') }; // 600 days, 2× its median
    const young = { series: pairWith([0, 5], 2000, 'y') }; // 1995 days, too little history
    const older = { series: pairWith([0], 100, 'o') };
    const never = {
      series: computeSeries([contact('2022-01-01', [austin, shoigu], { status: 'REFUSED' })], austinShoigu, TODAY),
    };
    const ordered = [never, young, sparse, older, regular].sort((x, y) => byUnusualness(x.series, y.series));
    expect(ordered).toEqual([regular, sparse, young, older, never]);
    expect(mostUnusual([sparse, young, regular])).toBe(regular);
    expect(mostUnusual([young, older, never])).toBeNull();
  });

  it('breaks a tie of ratios by the longer silence', () => {
    const short = { series: pairWith([0, 10, 20, 30], 80, 'a') }; // 50 days, 5×
    const long = { series: pairWith([0, 20, 40, 60], 160, 'b') }; // 100 days, 5×
    expect(mostUnusual([short, long])).toBe(long);
  });
});
