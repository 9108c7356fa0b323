import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { contactRowExample } from '../api/examples';
import { contactJson } from '../api/serialize';
import type { ContactRow } from '../data/contacts';
import { contactsExportMeta, contactsToCsv, contactsToJson } from './contacts';
import { exportFilename } from './files';

const at = new Date('2025-06-01T09:30:00.000Z');
const meta = (total: number) =>
  contactsExportMeta({
    filters: { country: ['RU'], type: ['CALL'], from: '2022-01-01', q: undefined, page: 2, pageSize: 10 },
    total,
    at,
  });

const tricky: ContactRow = {
  ...contactRowExample,
  id: 'cm0tricky',
  date: '2022-03-24',
  status: 'REFUSED',
  summary: 'Шойгу declined, “again”; Kirby said: "no call",\nthen — #2 — a second line, with commas, and a tab\there',
  topics: ['ukraine', 'deconfliction'],
  location: '=HYPERLINK("http://evil.example")',
  sources: [
    { ...contactRowExample.sources[0], claimedDate: '2022-03-25', publisher: 'ТАСС' },
    { ...contactRowExample.sources[0], url: 'https://example.org/a;b', publisher: null, claimedDate: null },
  ],
};

/** Parses a Counterpart CSV as a reader that skips `#` lines would. */
function parse(csv: string) {
  return Papa.parse<Record<string, string>>(csv, { header: true, comments: '#', skipEmptyLines: true });
}

describe('contactsToCsv', () => {
  const csv = contactsToCsv([contactRowExample, tricky], meta(2));

  it('round-trips commas, quotes, newlines, # and Cyrillic through papaparse', () => {
    const { data, errors } = parse(csv);
    expect(errors).toEqual([]);
    expect(data).toHaveLength(2);
    expect(data[1].summary).toBe(tricky.summary);
    expect(data[0].summary).toBe(contactRowExample.summary);
    expect(data[1].source_publishers).toBe('ТАСС');
  });

  it('states the export time and the filters in # lines above the header', () => {
    const lines = csv.split('\r\n');
    expect(lines.slice(0, 4)).toEqual([
      '# Counterpart contacts export',
      '# exported_at: 2025-06-01T09:30:00.000Z',
      '# filters: country=RU&type=CALL&from=2022-01-01',
      '# total: 2',
    ]);
    expect(lines.find((line) => !line.startsWith('#'))).toMatch(/^id,date,date_precision,/);
  });

  it('writes ISO dates, one row per contact, lists in one cell', () => {
    const [row] = parse(csv).data;
    expect(row).toMatchObject({
      id: 'cm0call0513',
      date: '2022-05-13',
      date_precision: 'DAY',
      type: 'CALL',
      status: 'HELD',
      participants: 'Lloyd Austin; Sergei Shoigu',
      participant_slugs: 'lloyd-austin; sergei-shoigu',
      countries: 'US; RU',
      office_keys: 'US:SECDEF; RU:MINDEF',
      initiator: 'lloyd-austin',
      duration_minutes: '60',
      topics: 'ukraine; ceasefire',
      date_disputed: 'false',
      source_count: '1',
      source_urls: contactRowExample.sources[0].url,
    });
  });

  it('flags a date the sources dispute, and keeps URLs apart by a space', () => {
    const row = parse(csv).data[1];
    expect(row.date_disputed).toBe('true');
    expect(row.claimed_dates).toBe('2022-03-25');
    expect(row.source_urls.split(' ')).toEqual([tricky.sources[0].url, 'https://example.org/a;b']);
  });

  it('quotes text but not numbers or booleans, and defuses spreadsheet formulae', () => {
    const line = csv.split('\r\n').find((l) => l.startsWith('"cm0call0513"'))!;
    expect(line).toContain(',60,');
    expect(line).toContain(',false,');
    expect(parse(csv).data[1].location).toBe(`'${tricky.location}`);
  });

  it('still states its metadata when nothing matched', () => {
    const empty = contactsToCsv([], meta(0));
    expect(empty).toContain('# total: 0');
    expect(empty).toContain('# exported_at: 2025-06-01T09:30:00.000Z');
    const { data, meta: parsed } = parse(empty);
    expect(data).toEqual([]);
    expect(parsed.fields).toContain('summary');
  });

  it('says "none" when no filter is set, and keeps a query on one line', () => {
    const none = contactsToCsv([], contactsExportMeta({ filters: { page: 1, pageSize: 50 }, total: 0, at }));
    expect(none).toContain('# filters: none\r\n');
    const multiline = contactsToCsv(
      [],
      contactsExportMeta({ filters: { q: 'a\nb', page: 1, pageSize: 50 }, total: 0, at }),
    );
    expect(multiline).toContain('# filters: q=a%0Ab\r\n');
  });
});

describe('contactsToJson', () => {
  it('holds the meta block and the items exactly as the API gives them', () => {
    const json = JSON.parse(contactsToJson([contactRowExample, tricky], meta(2)));
    expect(json.meta).toEqual({
      generator: 'Counterpart',
      kind: 'contacts',
      exportedAt: '2025-06-01T09:30:00.000Z',
      filters: { country: ['RU'], type: ['CALL'], from: '2022-01-01' },
      query: 'country=RU&type=CALL&from=2022-01-01',
      total: 2,
    });
    expect(json.items).toEqual([contactJson(contactRowExample), contactJson(tricky)]);
  });
});

describe('exportFilename', () => {
  it('names a file by kind, pair and day', () => {
    expect(exportFilename({ kind: 'contacts', at, format: 'csv' })).toBe('counterpart-contacts-20250601.csv');
    expect(exportFilename({ kind: 'gaps', parts: ['US:SECDEF', 'RU:MINDEF'], at, format: 'json' })).toBe(
      'counterpart-gaps-us-secdef-ru-mindef-20250601.json',
    );
    expect(exportFilename({ kind: 'contacts', at, format: 'plover' })).toBe('counterpart-contacts-20250601.jsonl');
  });
});
