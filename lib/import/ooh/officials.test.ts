import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZOfficialInput } from '../../validation/official';
import { mapOohCountry } from './countries';
import {
  oohOfficials,
  readOohVisits,
  spellingKey,
  US_PRESIDENT,
  US_SECSTATE,
  US_TRAVELERS,
  usTraveler,
  VISITOR_ALIASES,
  visitorsOf,
} from './officials';
import { OOH_DATA_DIR, OOH_TRAVEL_COLUMNS, OOH_TRAVELS_FILE, readOohCsv, type OohTravel } from './source';

const officials = await oohOfficials();
const visits = await readOohVisits(OOH_DATA_DIR);
const trips: OohTravel[] = [];
for await (const row of readOohCsv(path.join(OOH_DATA_DIR, OOH_TRAVELS_FILE), OOH_TRAVEL_COLUMNS)) {
  if (row.problem === undefined) trips.push(row.record);
}
const bySlug = new Map(officials.map((official) => [official.slug, official]));
const foreign = officials.filter((official) => official.country !== 'US');
/** The foreign officials whose name or other spellings include one of these, in one country. */
const named = (country: string, spelling: string) =>
  foreign.filter((o) => o.country === country && [o.name, ...o.otherSpellings].includes(spelling));

describe('the US travelers', () => {
  it('are the 21 Presidents and 34 Secretaries of State of the travels file, spelt as the source spells them', () => {
    const inData = new Map(trips.map((trip) => [trip.traveler_id, trip]));
    expect(inData.size).toBe(55);
    expect(US_TRAVELERS.map((t) => t.travelerId).sort()).toEqual([...inData.keys()].sort());
    for (const [id, trip] of inData) {
      const traveler = usTraveler(id)!;
      expect(traveler.oohName, id).toBe(trip.traveler_name);
      // Nobody in this data travelled in both roles; the table would take it (two lists of terms).
      const terms = trip.traveler_role === 'President' ? traveler.president : traveler.secretary;
      expect(terms.length, id).toBeGreaterThan(0);
    }
    expect(US_TRAVELERS.filter((t) => t.president.length > 0)).toHaveLength(21);
    expect(US_TRAVELERS.filter((t) => t.secretary.length > 0)).toHaveLength(34);
  });

  it('keep the OOH spelling as another spelling and their Wikidata ids unique', () => {
    const biden = bySlug.get('joe-biden')!;
    expect(biden).toMatchObject({ name: 'Joe Biden', country: 'US', otherSpellings: ['Joseph R. Biden'] });
    expect(biden.wikidataId).toBe('Q6279');
    const ids = officials.map((o) => o.wikidataId).filter((id) => id !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([US_PRESIDENT.officeKey, US_SECSTATE.officeKey])('hold %s one at a time (half-open terms)', (office) => {
    const terms = officials
      .flatMap((o) => o.positions.filter((p) => p.officeKey === office).map((p) => ({ ...p, who: o.slug })))
      .sort((a, b) => a.startDate.localeCompare(b.startDate));
    for (const term of terms) if (term.endDate) expect(term.endDate > term.startDate, term.who).toBe(true);
    for (let i = 1; i < terms.length; i++) {
      const before = terms[i - 1];
      expect(before.endDate, `${before.who} then ${terms[i].who}`).toBeDefined();
      expect(before.endDate! <= terms[i].startDate, `${before.who} overlaps ${terms[i].who}`).toBe(true);
    }
    expect(terms.filter((term) => term.endDate === undefined)).toHaveLength(1);
  });

  it('hand over on 20 January 2025: Biden and Blinken out, Trump in, Rubio on duty the next day', () => {
    const position = (slug: string, office: string) =>
      bySlug.get(slug)!.positions.filter((p) => p.officeKey === office);
    expect(position('joe-biden', 'US:PRESIDENT')).toEqual([
      expect.objectContaining({ startDate: '2021-01-20', endDate: '2025-01-20' }),
    ]);
    expect(position('donald-trump', 'US:PRESIDENT').at(-1)).toMatchObject({
      startDate: '2025-01-20',
      endDate: undefined,
    });
    expect(position('antony-blinken', 'US:SECSTATE')).toEqual([
      expect.objectContaining({ startDate: '2021-01-26', endDate: '2025-01-20' }),
    ]);
    expect(position('marco-rubio', 'US:SECSTATE')).toEqual([
      expect.objectContaining({ startDate: '2025-01-21', endDate: undefined }),
    ]);
  });

  it('travelled within their terms, but for the trips the source marks as made as President-elect', () => {
    const outside = trips.filter((trip) => {
      const traveler = usTraveler(trip.traveler_id)!;
      const terms = trip.traveler_role === 'President' ? traveler.president : traveler.secretary;
      // Inclusive of the last day, as the data layer reads a position (end_date >= the contact's date).
      return !terms.some((t) => t.start <= trip.start_date && (t.end === undefined || trip.start_date <= t.end));
    });
    expect(outside.every((trip) => trip.remarks.includes('[Visit made as President-elect'))).toBe(true);
    expect(outside.map((trip) => trip.traveler_id)).toEqual([
      'taft-william-howard',
      'wilson-woodrow',
      ...Array(2).fill('harding-warren-g'),
      ...Array(10).fill('hoover-herbert-c'),
      'roosevelt-franklin-d',
      'eisenhower-dwight-d',
      'reagan-ronald',
    ]);
  });
});

describe('the officials of the OOH records', () => {
  it('are 55 US travelers and 1,249 foreign visitors, each valid as an official', () => {
    expect(officials.filter((o) => o.country === 'US')).toHaveLength(55);
    expect(foreign).toHaveLength(1249);
    for (const official of officials) {
      const parsed = ZOfficialInput.safeParse({ ...official, otherNames: official.otherSpellings });
      expect(parsed.error?.issues, official.slug).toBeUndefined();
    }
    expect(officials.map((o) => o.line)).toEqual(officials.map((_, i) => i + 1));
  });

  it('have unique slugs that clash with none of the demo data', () => {
    expect(new Set(officials.map((o) => o.slug)).size).toBe(officials.length);
    const demo = fs.readFileSync(path.join(OOH_DATA_DIR, '..', 'demo.ts'), 'utf8');
    const demoSlugs = [...demo.matchAll(/slug: '([a-z0-9-]+)'/g)].map((m) => m[1]);
    expect(demoSlugs.length).toBeGreaterThan(0);
    for (const slug of demoSlugs) expect(bySlug.has(slug), slug).toBe(false);
  });

  it('give foreign visitors no positions, and a bio of their recorded titles', () => {
    for (const official of foreign) expect(official.positions).toEqual([]);
    expect(bySlug.get('kyriakos-mitsotakis')!.bio).toBe(
      'Prime Minister of Greece, 2020–2024 (as recorded by the Office of the Historian, U.S. Department of State)',
    );
    expect(bySlug.get('vaclav-havel')!.bio).toMatch(
      /^President of Czechoslovakia, 1990–1991; President of the Czech Republic, 1993–2002 \(as recorded/,
    );
  });

  it('merge the spellings of one person the data README names as quirks', () => {
    expect(named('IR', 'Mohammad Reza Pahlavi')).toEqual(named('IR', 'Mohammed Reza Pahlavi'));
    expect(named('IR', 'Mohammad Reza Pahlavi')).toHaveLength(1);
    expect(named('BN', 'Hassanal Bolkiah')).toEqual(named('BN', 'Hassinal Bolkiah'));
    expect(named('BN', 'Hassanal Bolkiah')).toHaveLength(1);
    // "Prime MinisterHaidar al- Abadi": one official, and the broken spelling is not kept.
    expect(foreign.filter((o) => /abadi/i.test(o.name))).toEqual([
      expect.objectContaining({ slug: 'haidar-al-abadi', name: 'Haidar al-Abadi', otherSpellings: [] }),
    ]);
  });

  it('merge one person across the slugs of one country, and keep namesakes apart', () => {
    expect(named('TR', 'Recep Tayyip Erdoğan')).toEqual(named('TR', 'Recep Erdogan'));
    expect(named('CZ', 'Vaclav Havel')).toHaveLength(1);
    expect(named('KR', 'Moon Jae-in')).toHaveLength(1);
    expect(
      named('JO', 'Hussein')
        .map((o) => o.slug)
        .sort(),
    ).toEqual(['hussein-bin-abdullah', 'hussein-jo']);
    expect(
      named('GR', 'Konstantinos Karamanlis')
        .map((o) => o.slug)
        .sort(),
    ).toEqual(['konstandinos-karamanlis', 'konstantinos-karamanlis']);
    expect(
      named('IS', 'Bjarni Benediktsson')
        .map((o) => o.slug)
        .sort(),
    ).toEqual(['bjarni-benediktsson-1908', 'bjarni-benediktsson-1970']);
    expect(
      named('CO', 'Ospina')
        .map((o) => o.name)
        .sort(),
    ).toEqual(['Mariano Ospina Perez', 'Pedro Nel Ospina']);
  });

  it('give a single name its country in the slug, so a later namesake cannot take it', () => {
    expect(bySlug.get('abdullah-ii-jo')?.name).toBe('Abdullah II');
    expect(bySlug.get('churchill-gb')?.name).toBe('Churchill');
    expect(bySlug.get('albert-be')?.name).toBe('Albert');
    expect(bySlug.get('albert-i-mc')?.name).toBe('Albert I');
  });

  it('use every alias of the table on some record (no alias for a spelling the data does not have)', () => {
    const people = visits.flatMap(({ record }) => {
      const code = mapOohCountry(record.country_id, record.country).code;
      return visitorsOf(record).map((visitor) => ({ ...visitor, code, date: record.start_date }));
    });
    for (const alias of VISITOR_ALIASES) {
      for (const variant of alias.variants) {
        const used = people.some(
          (p) =>
            p.code === alias.code &&
            spellingKey(p.name) === spellingKey(variant) &&
            (alias.title === undefined || p.title === alias.title) &&
            (alias.from === undefined || p.date >= alias.from) &&
            (alias.until === undefined || p.date <= alias.until),
        );
        expect(used, `${alias.code} ${variant} → ${alias.name}`).toBe(true);
      }
    }
  });
});

describe('visitorsOf', () => {
  it('splits the records that name two leaders, each with their title', () => {
    expect(
      visitorsOf({ visitor_title: 'President', visitor_name: 'Anwar Sadat, Prime Minister Mustafa Khalil' }),
    ).toEqual([
      { name: 'Anwar Sadat', title: 'President' },
      { name: 'Mustafa Khalil', title: 'Prime Minister' },
    ]);
    expect(visitorsOf({ visitor_title: 'King', visitor_name: 'Abdullah and Crown Prince Hussein' })).toEqual([
      { name: 'Abdullah', title: 'King' },
      { name: 'Hussein', title: 'Crown Prince' },
    ]);
  });

  it('repairs the titles the converter cut', () => {
    expect(visitorsOf({ visitor_title: 'Premier', visitor_name: '& Prince Sihanouk' })).toEqual([
      { name: 'Sihanouk', title: 'Premier and Prince' },
    ]);
    expect(
      visitorsOf({ visitor_title: 'President', visitor_name: 'of the Council of Ministers Hussain Mohammad Ershad' }),
    ).toEqual([{ name: 'Hussain Mohammad Ershad', title: 'President of the Council of Ministers' }]);
    expect(visitorsOf({ visitor_title: 'Prime Minister', visitor_name: 'Haidar al- Abadi' })).toEqual([
      { name: 'Haidar al-Abadi', title: 'Prime Minister' },
    ]);
  });

  it('leaves a name with a comma of its own whole', () => {
    expect(visitorsOf({ visitor_title: 'President', visitor_name: 'Benigno S. Aquino, 3rd' })).toEqual([
      { name: 'Benigno S. Aquino, 3rd', title: 'President' },
    ]);
  });
});
