import { describe, expect, it } from 'vitest';
import type { PairSide } from '../data/pairs';
import { computeSeries, makePairKey } from '../gaps/engine';
import type { GapContact, GapParticipant } from '../gaps/types';
import { contactRowExample } from './examples';
import { activeFilters, contactJson, gapSeriesJson } from './serialize';

const us: GapParticipant = { officialId: 'milley', country: 'US', officeKey: 'US:CJCS' };
const ru: GapParticipant = { officialId: 'gerasimov', country: 'RU', officeKey: 'RU:CGS' };
const contact = (id: string, date: string, extra: Partial<GapContact> = {}): GapContact => ({
  id,
  date,
  precision: 'DAY',
  status: 'HELD',
  type: 'CALL',
  claimedDates: [],
  participants: [us, ru],
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
