import { describe, expect, it } from 'vitest';
import type { PairSide } from '../data/pairs';
import { computeSeries, makePairKey } from '../gaps/engine';
import { pageOfSeries } from '../gaps/series-page';
import type { GapContact } from '../gaps/types';
import { gapContact, gerasimov, milley } from '../testing/gap-contacts';
import { contactRowExample } from './examples';
import { activeFilters, contactJson, gapSeriesJson } from './serialize';

const contact = (id: string, date: string, extra: Partial<GapContact> = {}): GapContact => ({
  ...gapContact(date, [milley, gerasimov], { id }),
  ...extra,
});
const side = (key: string, country: string): PairSide => ({
  key,
  ref: key,
  label: key,
  detail: null,
  country,
  href: null,
});

// The founding story's Milley–Gerasimov calls: sources date the first 11 or 18 February.
const story = [
  contact('requested', '2022-01-20', { status: 'REQUESTED' }),
  contact('feb', '2022-02-11', { claimedDates: ['2022-02-11', '2022-02-18'] }),
  contact('refused', '2022-03-24', { status: 'REFUSED' }),
  contact('may', '2022-05-19'),
  contact('expected', '2022-06-01', { status: 'SCHEDULED' }),
];
const today = '2022-12-31';
const series = computeSeries(story, makePairKey('OFFICIAL', 'milley', 'gerasimov'), today);
const body = gapSeriesJson(
  { series, a: side('milley', 'US'), b: side('gerasimov', 'RU'), canonical: '/pairs/officials/milley/gerasimov' },
  today,
);

describe('gapSeriesJson', () => {
  it('copies the engine’s numbers, the disputed gap with its range', () => {
    expect(body.level).toBe('OFFICIAL');
    expect(body.heldCount).toBe(series.heldCount);
    expect(body.gaps).toEqual(series.gaps);
    expect(body.gaps[0]).toMatchObject({ from: '2022-02-11', to: '2022-05-19', days: 97, minDays: 90, maxDays: 97 });
    expect(body.gaps[0]).toMatchObject({ disputed: true, approximate: false });
    expect(body.longestGap).toEqual(series.longestGap);
    expect(body.medianGapDays).toBe(series.medianGapDays);
    expect(body.meanGapDays).toBe(series.meanGapDays);
    expect(body.today).toBe(today);
  });

  it('states the current silence in full, its days and its rank', () => {
    expect(body.currentSilence).toEqual(series.currentSilence);
    expect(body.currentSilenceDays).toBe(series.currentSilence!.days);
    expect(body.currentSilenceRank).toEqual({ longerThan: 1, of: 1 });
  });

  it('flattens every non-held marker, leading ones included, oldest first', () => {
    expect(body.markers.map((m) => m.contactId)).toEqual(['requested', 'refused', 'expected']);
    expect(body.markers[1]).toEqual({ contactId: 'refused', date: '2022-03-24', status: 'REFUSED', type: 'CALL' });
  });

  it('keeps the sides in the order the reader gave them', () => {
    expect(body.pair.a.key).toBe('milley');
    expect(body.pair.href).toBe('/pairs/officials/milley/gerasimov');
  });

  it('states a silence closed by a departure from office as the last gap, named, with no current silence', () => {
    // Milley left the chairmanship on 29 September 2023.
    const closed = computeSeries(
      story,
      makePairKey('OFFICIAL', 'milley', 'gerasimov'),
      '2024-01-01',
      new Map([['milley', '2023-09-29']]),
    );
    const json = gapSeriesJson(
      {
        series: closed,
        a: { ...side('milley', 'US'), ref: 'mark-milley', label: 'Mark Milley' },
        b: side('gerasimov', 'RU'),
        canonical: '/',
      },
      '2024-01-01',
    );
    expect(json.currentSilence).toBeNull();
    expect(json.currentSilenceDays).toBeNull();
    expect(json.currentSilenceRank).toBeNull();
    expect(json.gaps).toHaveLength(2);
    expect(json.gaps[0].closedBy).toBeNull();
    const last = {
      from: '2022-05-19',
      to: '2023-09-29',
      fromContactId: 'may',
      toContactId: null,
      closedBy: {
        officialId: 'milley',
        official: { ref: 'mark-milley', label: 'Mark Milley' },
        on: '2023-09-29',
        rank: { longerThan: 1, of: 1 },
      },
      days: 498,
      minDays: 498,
      maxDays: 498,
      approximate: false,
      disputed: false,
      markers: [{ contactId: 'expected', date: '2022-06-01', status: 'SCHEDULED', type: 'CALL' }],
    };
    expect(json.gaps[1]).toEqual(last);
    expect(json.closedSilence).toEqual(last);
    expect(json.longestGap).toEqual(last);
    // Every marker still appears once in the flat list.
    expect(json.markers.map((m) => m.contactId)).toEqual(['requested', 'refused', 'expected']);
  });

  it('has no closed silence while the silence runs', () => {
    expect(body.closedSilence).toBeNull();
  });

  it('answers with nulls for a pair that never held a contact', () => {
    const empty = computeSeries([story[0]], makePairKey('OFFICIAL', 'milley', 'gerasimov'), today);
    const json = gapSeriesJson(
      { series: empty, a: side('milley', 'US'), b: side('gerasimov', 'RU'), canonical: '/' },
      today,
    );
    expect(json).toMatchObject({
      heldCount: 0,
      gaps: [],
      longestGap: null,
      medianGapDays: null,
      meanGapDays: null,
      currentSilenceDays: null,
      currentSilence: null,
      currentSilenceRank: null,
      firstContact: null,
    });
    expect(json.markers).toHaveLength(1);
  });
});

describe('gapSeriesJson of a page', () => {
  const sides = { a: side('milley', 'US'), b: side('gerasimov', 'RU'), canonical: '/' };
  const closed = computeSeries(
    [...story, contact('july', '2022-07-01'), contact('refused2', '2022-08-01', { status: 'REFUSED' })],
    makePairKey('OFFICIAL', 'milley', 'gerasimov'),
    '2024-01-01',
    new Map([['milley', '2023-09-29']]),
  );
  const info = (page: ReturnType<typeof pageOfSeries>) => ({
    limit: 1,
    total: page.total,
    older: page.older && 'older',
    newest: page.newest,
    closedSilence: page.closedSilence,
  });

  it('states the page, and the whole series’ closed silence on every page', () => {
    const latest = pageOfSeries(closed, null, 1);
    const json = gapSeriesJson({ ...sides, series: latest.series }, '2024-01-01', info(latest));
    expect(json.page).toEqual({ limit: 1, total: 3, returned: 1, older: 'older' });
    expect(json.gaps[0].closedBy).not.toBeNull();
    const oldest = pageOfSeries(closed, { date: '2022-05-19', id: 'may' }, 1);
    const older = gapSeriesJson({ ...sides, series: oldest.series }, '2024-01-01', info(oldest));
    expect(older.gaps.map((gap) => gap.to)).toEqual(['2022-05-19']);
    expect(older.closedSilence).toEqual(json.closedSilence);
    expect(older.closedSilence).toMatchObject({ to: '2023-09-29', toContactId: null });
    expect(older.longestGap).toEqual(json.longestGap);
  });

  it('lists the page’s markers: the leading ones on the oldest page, the running silence’s on the newest', () => {
    const all = gapSeriesJson({ ...sides, series }, today).markers;
    const pages = [pageOfSeries(series, null, 1)];
    while (pages.at(-1)!.older) pages.push(pageOfSeries(series, pages.at(-1)!.older, 1));
    const markers = pages
      .reverse()
      .flatMap((page) => gapSeriesJson({ ...sides, series: page.series }, today, info(page)).markers);
    expect(markers).toEqual(all);
    expect(gapSeriesJson({ ...sides, series: pages[0].series }, today, info(pages[0])).currentSilence).toEqual(
      series.currentSilence,
    );
  });

  it('is the whole answer with a page object when the series fits', () => {
    const page = pageOfSeries(series, null, 1000);
    const { page: stated, ...rest } = gapSeriesJson({ ...sides, series: page.series }, today, {
      ...info(page),
      limit: 1000,
    });
    expect(rest).toEqual(gapSeriesJson({ ...sides, series }, today));
    expect(stated).toEqual({ limit: 1000, total: series.gaps.length, returned: series.gaps.length, older: null });
  });
});

describe('contactJson', () => {
  it('gives sources their claims, or null when they claim nothing', () => {
    const json = contactJson({
      ...contactRowExample,
      sources: [
        contactRowExample.sources[0],
        { ...contactRowExample.sources[0], claimedDurationMinutes: null, claimedInitiator: null, claimedDate: null },
      ],
    });
    expect(json.sources[0].claims).toEqual({
      initiator: { slug: 'lloyd-austin', name: 'Lloyd Austin' },
      durationMinutes: 60,
    });
    expect(json.sources[1].claims).toBeNull();
    expect(json.participants[0]).toEqual({
      id: 'cm0austin',
      slug: 'lloyd-austin',
      name: 'Lloyd Austin',
      country: 'US',
      officeKey: 'US:SECDEF',
      positionTitle: 'Secretary of Defense',
    });
  });
});

describe('activeFilters', () => {
  it('keeps the filters that are set, without paging', () => {
    expect(activeFilters({ q: 'x', country: undefined, page: 3, pageSize: 10 })).toEqual({ q: 'x' });
  });
});
