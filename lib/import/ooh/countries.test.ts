import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCountryCode } from '../../validation/common';
import { mapOohCountry, OOH_COUNTRIES } from './countries';
import {
  OOH_DATA_DIR,
  OOH_TRAVEL_COLUMNS,
  OOH_TRAVELS_FILE,
  OOH_VISIT_COLUMNS,
  OOH_VISITS_FILE,
  readOohCsv,
} from './source';

/** Every distinct (country_id, country) pair of one file. */
async function countriesOf(file: string, columns: typeof OOH_TRAVEL_COLUMNS | typeof OOH_VISIT_COLUMNS) {
  const pairs = new Map<string, { id: string; label: string }>();
  for await (const row of readOohCsv(path.join(OOH_DATA_DIR, file), columns)) {
    if (row.problem !== undefined) throw new Error(`line ${row.line} ${row.problem}`);
    const { country_id: id, country: label } = row.record;
    pairs.set(`${id}|${label}`, { id, label });
  }
  return pairs;
}

const travels = await countriesOf(OOH_TRAVELS_FILE, OOH_TRAVEL_COLUMNS);
const visits = await countriesOf(OOH_VISITS_FILE, OOH_VISIT_COLUMNS);
const all = [...new Map([...travels, ...visits]).values()];

// Codes ISO 3166 has withdrawn, which Intl.DisplayNames still names (AN reads "Curaçao", SU "Russia").
const WITHDRAWN = ['AN', 'BU', 'CS', 'DD', 'SU', 'TP', 'YU', 'ZR'];

describe('the OOH country table', () => {
  it('sees the labels the data README counts', () => {
    expect(new Set([...travels.values()].map((pair) => pair.label)).size).toBe(197);
    // The README gives 262 for the visits file; that is the count of both files together.
    expect(new Set([...visits.values()].map((pair) => pair.label)).size).toBe(235);
    expect(new Set(all.map((pair) => pair.label)).size).toBe(262);
    expect(new Set(all.map((pair) => pair.id)).size).toBe(210);
  });

  it('maps every country of both files to a code or gives a reason, never "unknown"', () => {
    const unmapped = all.filter(({ id, label }) => {
      const country = mapOohCountry(id, label);
      return country.code === undefined && (!country.reject || country.reject.startsWith('Unknown'));
    });
    expect(unmapped).toEqual([]);
  });

  it('gives only current ISO 3166-1 codes that name a country or territory, and never the US', () => {
    const codes = new Set(all.map(({ id, label }) => mapOohCountry(id, label).code).filter((code) => code));
    for (const code of codes) {
      expect(isCountryCode(code!), code).toBe(true);
      expect(WITHDRAWN).not.toContain(code);
    }
    expect(codes).not.toContain('US');
  });

  it('rejects only what is no foreign country', () => {
    const rejects = all.filter(({ id, label }) => mapOohCountry(id, label).code === undefined);
    expect(rejects.map((pair) => pair.label).sort()).toEqual(['Antarctica', 'Hawaii']);
  });

  it('lists no slug or label the data does not use', () => {
    const used = new Set(all.map(({ id, label }) => `${id}|${label}`));
    const listed = Object.entries(OOH_COUNTRIES).flatMap(([id, entry]) =>
      entry.labels.map((label) => `${id}|${label}`),
    );
    expect(listed.filter((pair) => !used.has(pair))).toEqual([]);
  });

  it('maps states that no longer exist to the states that continue them', () => {
    expect(mapOohCountry('russia', 'U.S.S.R.')).toEqual({ code: 'RU' });
    expect(mapOohCountry('yugoslavia', 'Yugoslavia')).toEqual({ code: 'RS' });
    expect(mapOohCountry('serbia', 'Serbia and Montenegro')).toEqual({ code: 'RS' });
    expect(mapOohCountry('czechoslovakia', 'Czechoslovakia')).toEqual({ code: 'CZ' });
    expect(mapOohCountry('german-democratic-republic', 'German Democratic Republic')).toEqual({ code: 'DE' });
    expect(mapOohCountry('germany', 'Germany, Federal Republic of')).toEqual({ code: 'DE' });
    expect(mapOohCountry('yemen', 'Yemen Arab Republic')).toEqual({ code: 'YE' });
    expect(mapOohCountry('china', 'China, Republic of')).toEqual({ code: 'CN' });
    expect(mapOohCountry('taiwan', 'China, Republic of')).toEqual({ code: 'TW' });
    expect(mapOohCountry('netherlands-antilles', 'Netherlands Antilles')).toEqual({ code: 'NL' });
    expect(mapOohCountry('hawaii', 'Hawaii').reject).toMatch(/annexed by the United States in 1898/);
  });

  it('refuses a label the table does not list, even under a known slug', () => {
    expect(mapOohCountry('china', 'Republic of China').reject).toMatch(
      /^Unknown country “Republic of China” \(china\)/,
    );
    expect(mapOohCountry('atlantis', 'Atlantis').reject).toMatch(/^Unknown/);
    expect(mapOohCountry('constructor', 'constructor').reject).toMatch(/^Unknown/);
  });
});
