import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { gapSeriesExample } from '../api/examples';
import { gapSeriesJson } from '../api/serialize';
import type { PairSide } from '../data/pairs';
import { computeSeries, makePairKey } from '../gaps/engine';
import type { GapContact } from '../gaps/types';
import { gapContact, gerasimov, milley } from '../testing/gap-contacts';
import { gapSeriesToCsv, gapSeriesToJson, gapsExportMeta } from './gaps';

const at = new Date('2025-06-01T09:30:00.000Z');
const today = '2025-06-01';
const held = (id: string, date: string, extra: Partial<GapContact> = {}): GapContact => ({
  ...gapContact(date, [milley, gerasimov], { id }),
  ...extra,
});
const side = (key: string, label: string, country: string): PairSide => ({
  key,
  ref: key,
  label,
  detail: null,
  country,
  href: null,
});

// A history with every kind of gap: exact, disputed (11 or 18 February), and approximate (a month).
const history = [
  held('feb', '2022-02-11', { claimedDates: ['2022-02-18'] }),
  held('refused', '2022-03-24', { status: 'REFUSED' }),
  held('may', '2022-05-19'),
  held('nov', '2022-11-01', { precision: 'MONTH' }),
  held('dec', '2022-12-20'),
];
const series = computeSeries(history, makePairKey('OFFICIAL', 'milley', 'gerasimov'), today);
const body = gapSeriesJson(
  { series, a: side('milley', 'Mark Milley', 'US'), b: side('gerasimov', 'Valery Gerasimov', 'RU'), canonical: '/' },
  today,
);
const meta = gapsExportMeta({ query: 'a=mark-milley&b=valery-gerasimov', today, at });

function parse(csv: string) {
  return Papa.parse<Record<string, string>>(csv, {
    header: true,
    comments: '#',
    skipEmptyLines: true,
    dynamicTyping: true,
  });
}

describe('gapSeriesToCsv', () => {
  const csv = gapSeriesToCsv(body, meta);

  it('has one row per gap of the series, with the same numbers', () => {
    const { data, errors } = parse(csv);
    expect(errors).toEqual([]);
    expect(
      data.map((row) => ({
        from: row.from,
        to: row.to,
        days: row.days,
        minDays: row.min_days,
        maxDays: row.max_days,
        approximate: row.approximate,
        disputed: row.disputed,
        fromContactId: row.from_contact_id,
        toContactId: row.to_contact_id,
        closedBy: row.closed_by,
      })),
    ).toEqual(series.gaps.map((gap) => Object.fromEntries(Object.entries(gap).filter(([key]) => key !== 'markers'))));
  });

  it('flags the disputed gap with its range and the approximate ones', () => {
    const rows = parse(csv).data;
    expect(rows[0]).toMatchObject({ days: 97, min_days: 90, max_days: 97, disputed: true, approximate: false });
    expect(rows[1]).toMatchObject({ from: '2022-05-19', to: '2022-11-01', approximate: true, disputed: false });
    expect(rows[1]).toMatchObject({ days: 166, min_days: 166, max_days: 195 });
    expect(rows[2]).toMatchObject({ days: 49, min_days: 20, max_days: 49, approximate: true });
  });

  it('lists the markers inside each gap', () => {
    expect(parse(csv).data[0].markers).toBe('2022-03-24 REFUSED CALL');
    expect(parse(csv).data[1].markers).toBeNull();
  });

  it('states the pair, the export time, today and the series’ numbers above the header', () => {
    const preamble = csv.split('\r\n').filter((line) => line.startsWith('#'));
    expect(preamble).toEqual(
      expect.arrayContaining([
        '# Counterpart gap series export',
        '# exported_at: 2025-06-01T09:30:00.000Z',
        '# query: a=mark-milley&b=valery-gerasimov',
        '# level: OFFICIAL',
        '# pair: Mark Milley (milley) – Valery Gerasimov (gerasimov)',
        '# today: 2025-06-01 (UTC; the current silence counts to this date)',
        `# held_count: ${series.heldCount}`,
        '# longest_gap_days: 166 (possibly 166–195), 2022-05-19 to 2022-11-01',
        `# median_gap_days: ${series.medianGapDays}`,
        `# mean_gap_days: ${series.meanGapDays}`,
        `# current_silence_days: ${series.currentSilence!.days}, since 2022-12-20; longer than 3 of 3 past gaps`,
      ]),
    );
  });

  it('writes the founding story’s 84 days, then the 730 closed when Shoigu left office', () => {
    const csvStory = gapSeriesToCsv(gapSeriesExample, meta);
    expect(parse(csvStory).data).toEqual([
      expect.objectContaining({ from: '2022-02-18', to: '2022-05-13', days: 84, approximate: false, closed_by: null }),
      expect.objectContaining({
        from: '2022-05-13',
        to: '2024-05-12',
        days: 730,
        to_contact_id: null,
        closed_by: 'sergei-shoigu',
        closed_on: '2024-05-12',
      }),
    ]);
    expect(csvStory).toContain(
      '# closed_silence_days: 730, 2022-05-13 to 2024-05-12; closed: Sergei Shoigu left office on 2024-05-12; longer than 1 of 1 earlier gaps',
    );
    expect(csvStory).toContain('# current_silence_days: \r\n');
  });

  it('is a header alone, with its metadata, for a pair without gaps', () => {
    const empty = computeSeries([history[0]], makePairKey('OFFICIAL', 'milley', 'gerasimov'), today);
    const csvEmpty = gapSeriesToCsv(
      gapSeriesJson({ ...body, series: empty, a: body.pair.a, b: body.pair.b, canonical: '/' }, today),
      meta,
    );
    expect(csvEmpty).toContain('# held_count: 1');
    expect(csvEmpty).toContain('# longest_gap_days: \r\n');
    expect(parse(csvEmpty).data).toEqual([]);
  });
});

describe('gapSeriesToJson', () => {
  it('is the API’s answer with the meta block in front', () => {
    const json = JSON.parse(gapSeriesToJson(body, meta));
    const { meta: stated, ...rest } = json;
    expect(stated).toEqual({
      generator: 'Counterpart',
      kind: 'gaps',
      exportedAt: '2025-06-01T09:30:00.000Z',
      query: 'a=mark-milley&b=valery-gerasimov',
      today,
    });
    expect(rest).toEqual(JSON.parse(JSON.stringify(body)));
    expect(Object.keys(json)[0]).toBe('meta');
  });
});
