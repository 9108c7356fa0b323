import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../gaps/dates';
import { isCountryCode } from '../../validation/common';
import { REQUIRED_COLUMNS, type ImportRow } from '../contract';
import { oohOfficials } from './officials';
import { oohContactRows, type OohReject } from './rows';
import { OOH_DATA_DIR, OOH_TRAVELS_FILE, OOH_VISITS_FILE } from './source';

const rows: ImportRow[] = [];
const rejects: OohReject[] = [];
for await (const row of oohContactRows(OOH_DATA_DIR, { onReject: (reject) => rejects.push(reject) })) rows.push(row);
const officials = new Map((await oohOfficials()).map((official) => [official.slug, official]));

/** A file read the plain way, whole, for figures that must not depend on the code under test. */
function plain(file: string) {
  const text = fs.readFileSync(path.join(OOH_DATA_DIR, file), 'utf8');
  return {
    lines: text.split('\n'),
    records: Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data,
  };
}
const travels = plain(OOH_TRAVELS_FILE);
const visits = plain(OOH_VISITS_FILE);
const fromTravels = (row: ImportRow) => row.cells.external_id.startsWith('ooh:travels:');

describe('the contact rows of the OOH records', () => {
  it('account for all 7,535 records: mapped or rejected with a reason', () => {
    expect(travels.records.length + visits.records.length).toBe(7535);
    expect(rows.length + rejects.length).toBe(7535);
    expect(rows.filter(fromTravels)).toHaveLength(4270);
    for (const reject of rejects) expect(reject.reason.length).toBeGreaterThan(40);
    expect(rejects.map(({ file, sourceId }) => `${file}:${sourceId}`)).toEqual([
      `${OOH_TRAVELS_FILE}:3711`,
      `${OOH_VISITS_FILE}:2138`,
      `${OOH_VISITS_FILE}:2140`,
      `${OOH_VISITS_FILE}:2142`,
    ]);
    expect(
      rejects.filter((reject) => reject.reason.startsWith('Unknown') || reject.reason.startsWith('Malformed')),
    ).toEqual([]);
  });

  it('give each record one external id of its own', () => {
    const ids = rows.map((row) => row.cells.external_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^ooh:(travels|visits):\d+$/.test(id))).toBe(true);
  });

  it('name the CSV line of each record', () => {
    for (const row of rows) {
      const [, file, sourceId] = row.cells.external_id.split(':');
      const line = (file === 'travels' ? travels : visits).lines[row.line - 1];
      expect(line.startsWith(`${sourceId},${row.cells.date},`), row.cells.external_id).toBe(true);
    }
    for (const reject of rejects) {
      const line = (reject.file === OOH_TRAVELS_FILE ? travels : visits).lines[reject.line - 1];
      expect(line.startsWith(`${reject.sourceId},`)).toBe(true);
    }
  });

  it('fill the contract: held meetings on a real day, between the US and another country, with a source', () => {
    const url =
      /^https:\/\/history\.state\.gov\/departmenthistory\/(travels\/(president|secretary)|visits)\/[a-z0-9-]+$/;
    const stay = /Stay: \d+ days? \(\d{4}-\d\d-\d\d( to \d{4}-\d\d-\d\d)?\)\.$/;
    // One expect per row and column would take seconds; the rows that break a rule are collected instead.
    const broken = rows.filter(
      ({ cells }) =>
        !REQUIRED_COLUMNS.every((column) => typeof cells[column] === 'string') ||
        cells.type !== 'MEETING' ||
        cells.status !== 'HELD' ||
        cells.date_precision !== 'DAY' ||
        cells.duration_minutes !== '' ||
        !isIsoDate(cells.date) ||
        cells.participant_b !== '' ||
        ![cells.country_a, cells.country_b].includes('US') ||
        cells.country_a === cells.country_b ||
        !isCountryCode(cells.country_a) ||
        !isCountryCode(cells.country_b) ||
        !url.test(cells.source_url) ||
        cells.source_publisher !== 'Office of the Historian, U.S. Department of State' ||
        cells.location.length > 200 ||
        !stay.test(cells.summary),
    );
    expect(broken).toEqual([]);
  });

  it('keep the length of every stay', () => {
    const byId = new Map<string, Record<string, string>>([
      ...travels.records.map((r) => [`ooh:travels:${r.source_id}`, r] as const),
      ...visits.records.map((r) => [`ooh:visits:${r.source_id}`, r] as const),
    ]);
    for (const { cells } of rows) {
      const record = byId.get(cells.external_id)!;
      const days = (Date.parse(record.end_date) - Date.parse(record.start_date)) / 86_400_000 + 1;
      expect(Number(record.duration_days)).toBe(days);
      expect(cells.summary).toContain(`Stay: ${days} day`);
    }
    const lansing = rows.find((row) => row.cells.external_id === 'ooh:travels:1206');
    expect(lansing?.cells.summary).toMatch(/Stay: 213 days \(1918-12-14 to 1919-07-14\)\.$/);
  });

  it('name participants who are officials of the right country', () => {
    for (const { cells } of rows) {
      for (const letter of ['a', 'c', 'd']) {
        const slug = cells[`participant_${letter}`];
        if (slug === undefined) continue;
        expect(officials.get(slug)?.country, `${cells.external_id} ${slug}`).toBe(cells[`country_${letter}`]);
      }
    }
    const travel = rows.filter(fromTravels);
    expect(travel.every((row) => row.cells.country_a === 'US')).toBe(true);
    expect(rows.filter((row) => !fromTravels(row)).every((row) => row.cells.country_b === 'US')).toBe(true);
  });

  it('name both leaders of a joint visit', () => {
    const tusk = rows.find((row) => row.cells.external_id === 'ooh:visits:3246')!;
    expect(tusk.cells).toMatchObject({
      participant_a: 'andrzej-duda',
      country_a: 'PL',
      participant_b: '',
      country_b: 'US',
      participant_c: 'donald-tusk',
      country_c: 'PL',
    });
    expect(rows.filter((row) => row.cells.participant_c !== undefined)).toHaveLength(7);
  });

  it('describe a trip and a visit as the source does', () => {
    const trip = rows.find((row) => row.cells.external_id === 'ooh:travels:1914')!;
    expect(trip).toEqual({
      line: 2,
      cells: expect.objectContaining({
        participant_a: 'william-h-seward',
        country_b: 'DK',
        location: 'St. Thomas, St. Croix, Frederikstadt, Christianstadt (Virgin Islands)',
        source_url: 'https://history.state.gov/departmenthistory/travels/secretary/seward-william-henry',
        source_title: 'Travels of the Secretary of State: William Henry Seward',
      }),
    });
    const visit = rows.find((row) => row.cells.external_id === 'ooh:visits:3246')!;
    expect(visit.cells).toMatchObject({
      date: '2024-03-12',
      summary: expect.stringMatching(/^President Andrzej Duda and Prime Minister Donald Tusk — .+ Stay: \d+ days? /),
      source_url: 'https://history.state.gov/departmenthistory/visits/poland',
      source_title: 'Visits by Foreign Leaders: Poland',
    });
  });

  it('count the distinct US–France contact days as plain arithmetic on the CSVs does', () => {
    // Straight from the files: every record filed under France, by its first day.
    const france = [...travels.records, ...visits.records].filter((record) => record.country_id === 'france');
    const days = new Set(france.map((record) => record.start_date));
    expect(france).toHaveLength(304);
    expect(days.size).toBe(285);
    const mapped = new Set(
      rows.filter((row) => row.cells.country_a === 'FR' || row.cells.country_b === 'FR').map((row) => row.cells.date),
    );
    expect(mapped).toEqual(days);
  });
});
