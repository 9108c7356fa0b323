import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { gapSeriesExample } from '../api/examples';
import { preambleLine, toCsv } from './csv';
import { gapSeriesToCsv, gapsExportMeta } from './gaps';

const meta = gapsExportMeta({
  query: 'a=x&b=y',
  today: '2025-06-01',
  at: new Date('2025-06-01T09:30:00.000Z'),
});

/** The founding story's series, its first side renamed. */
function seriesWithName(label: string) {
  return { ...gapSeriesExample, pair: { ...gapSeriesExample.pair, a: { ...gapSeriesExample.pair.a, label } } };
}

const HOSTILE = [
  'Mark "Mad Dog" Milley, Jr.',
  'Lloyd\nAustin',
  'Lloyd\r\nAustin\r',
  'Austin,"',
  'A, "B',
  'Line\u2028separated\u0085too',
  'Austin,=HYPERLINK("http://evil.example")',
];

describe('the # lines of a CSV export', () => {
  it.each(HOSTILE)('keep the rows intact for a reader that skips them, with the name %j', (name) => {
    const csv = gapSeriesToCsv(seriesWithName(name), meta);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, comments: '#', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      expect.objectContaining({ from: '2022-02-18', to: '2022-05-13', days: '84' }),
      // The silence closed when Shoigu left office.
      expect.objectContaining({ from: '2022-05-13', to: '2024-05-12', days: '730', closed_by: 'sergei-shoigu' }),
    ]);
  });

  it.each(HOSTILE)('keep one record per line for a reader that does not skip them, with the name %j', (name) => {
    const csv = gapSeriesToCsv(seriesWithName(name), meta);
    const lines = csv.split('\r\n').filter((line) => line !== '');
    // A reader without comment support (a spreadsheet, Python's csv module) still sees the header and the row.
    const records = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(records).toHaveLength(lines.length);
    expect(records.at(-3)?.[0]).toBe('from');
    expect(records.at(-2)?.slice(0, 3)).toEqual(['2022-02-18', '2022-05-13', '84']);
    expect(records.at(-1)?.slice(0, 3)).toEqual(['2022-05-13', '2024-05-12', '730']);
    // ...and no cell of the pair line starts a formula.
    const pairRecord = records.find((r) => r[0].startsWith('# pair:'))!;
    for (const cell of pairRecord.slice(1)) expect(cell.trimStart()).not.toMatch(/^[=+\-@]/);
  });

  it('write a name with quotes, commas and line breaks so that it reads back as one value', () => {
    const csv = gapSeriesToCsv(seriesWithName('Mark "Mad Dog" Milley,\nJr.'), meta);
    const line = csv.split('\r\n').find((l) => l.startsWith('# pair: '))!;
    expect(line).toBe(
      '# pair: "Mark ""Mad Dog"" Milley, Jr. (lloyd-austin) – Sergei Shoigu (sergei-shoigu)"'.replace(
        'lloyd-austin',
        gapSeriesExample.pair.a.ref,
      ),
    );
    const [value] = Papa.parse<string[]>(line.slice('# pair: '.length)).data[0];
    expect(value).toBe(`Mark "Mad Dog" Milley, Jr. (${gapSeriesExample.pair.a.ref}) – Sergei Shoigu (sergei-shoigu)`);
  });

  it('leave plain values as they are', () => {
    expect(preambleLine('pair', 'Lloyd Austin (lloyd-austin) – Sergei Shoigu (sergei-shoigu)')).toBe(
      '# pair: Lloyd Austin (lloyd-austin) – Sergei Shoigu (sergei-shoigu)',
    );
    expect(preambleLine('longest_gap_days', '84, 2022-02-18 to 2022-05-13')).toBe(
      '# longest_gap_days: 84, 2022-02-18 to 2022-05-13',
    );
    expect(preambleLine('held_count', 3)).toBe('# held_count: 3');
    expect(preambleLine('first_contact', null)).toBe('# first_contact: ');
  });

  it('apply to every # line, not only the pair', () => {
    const csv = toCsv({ title: 'T', meta: [['filters', 'q="x\ny"']], columns: [], rows: [] });
    expect(csv.split('\r\n')[1]).toBe('# filters: "q=""x y"""');
  });
});
