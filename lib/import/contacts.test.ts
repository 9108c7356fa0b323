/**
 * The contacts importer on a real database: every problem a dry run must name, all or nothing,
 * idempotence by external id, updates and their audit, officials made on request, officials of a country
 * met unnamed, bad files, and the pair statistics after a bulk import equal the pure engine's.
 */
import { Readable } from 'node:stream';
import { addDays } from 'date-fns';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../data/actor';
import { updateContact } from '../data/contact-edits';
import { snapshotInput } from '../data/contact-snapshot';
import { getDb } from '../db';
import { parseIsoDate, todayUtc, toIsoDate } from '../gaps/dates';
import { setupTestDatabase } from '../testing/database';
import { expectStatsToMatchEngine } from '../testing/stats-check';
import { ZContactInput } from '../validation/contact';
import { importContacts } from './contacts';
import { CONTACT_CSV } from './contract';
import { csvRows, ImportFileError } from './csv';
import { makeOfficial } from '../testing/factories';

setupTestDatabase();

const actor: Actor = { userId: null, via: 'import' };
const HEADER = 'external_id,date,type,status,participant_a,country_a,participant_b,country_b,source_url';

async function officials() {
  return {
    ann: await makeOfficial({
      name: 'Ann Alpha',
      country: 'US',
      positions: [{ title: 'Secretary of Defense', officeKey: 'US:SECDEF', startDate: '2000-01-01' }],
    }),
    dan: await makeOfficial({ name: 'Dan Delta', country: 'RU', otherNames: ['Дан Дельта'], wikidataId: 'Q42' }),
    eva: await makeOfficial({ name: 'Eva Echo', country: 'RU' }),
    same1: await makeOfficial({ name: 'Sam Same', country: 'FR' }),
    same2: await makeOfficial({ name: 'Sam Same', country: 'FR', wikidataId: 'Q7' }),
  };
}

function run(csv: string | Buffer, options: { dryRun?: boolean; createOfficials?: boolean; fileName?: string } = {}) {
  return importContacts(csvRows(Readable.from([typeof csv === 'string' ? Buffer.from(csv) : csv]), CONTACT_CSV), {
    fileName: options.fileName ?? 'contacts.csv',
    dryRun: options.dryRun ?? false,
    createOfficials: options.createOfficials ?? false,
    actor,
  });
}

const count = () => getDb().contact.count();

describe('importing contacts from CSV', () => {
  it('reports every problem of a dry run by row, column and what to fix, and writes nothing', async () => {
    await officials();
    const future = toIsoDate(addDays(parseIsoDate(todayUtc()), 30));
    const csv = [
      HEADER,
      'ok1,2022-05-13,call,held,Ann Alpha,US,Dan Delta,RU,https://example.org/1',
      'bad-date,2022-02-30,CALL,HELD,Ann Alpha,US,Dan Delta,RU,https://example.org/2',
      'bad-country,2022-05-13,CALL,HELD,Ann Alpha,US,Dan Delta,XX,https://example.org/3',
      'unknown,2022-05-13,CALL,HELD,Nobody Known,US,Dan Delta,RU,https://example.org/4',
      'ambiguous,2022-05-13,CALL,HELD,Ann Alpha,US,Sam Same,FR,https://example.org/5',
      'no-source,2022-05-13,CALL,HELD,Ann Alpha,US,Dan Delta,RU,',
      'one-country,2022-05-13,CALL,HELD,Dan Delta,RU,Eva Echo,RU,https://example.org/7',
      `future,${future},CALL,HELD,Ann Alpha,US,Dan Delta,RU,https://example.org/8`,
      'ok1,2022-05-14,CALL,HELD,Ann Alpha,US,Dan Delta,RU,https://example.org/9',
      'bad-type,2022-05-13,PIGEON,HELD,Ann Alpha,US,Dan Delta,RU,https://example.org/10',
      'wrong-country,2022-05-13,CALL,HELD,Ann Alpha,US,Dan Delta,FR,https://example.org/11',
    ].join('\n');
    const report = await run(csv, { dryRun: true });
    expect(report.problems.map((p) => [p.line, p.column])).toEqual([
      [3, 'date'],
      [4, 'country_b'],
      [5, 'participant_a'],
      [6, 'participant_b'],
      [7, 'source_url'],
      [8, 'participant_b'],
      [9, 'date'],
      [10, 'external_id'],
      [11, 'type'],
      [12, 'participant_b'],
    ]);
    const message = (line: number) => report.problems.find((p) => p.line === line)!.message;
    expect(message(3)).toBe('Enter a real date as YYYY-MM-DD');
    expect(message(4)).toMatch(/“XX” is not a country code/);
    expect(message(5)).toMatch(/No official “Nobody Known” of US/);
    expect(message(6)).toMatch(
      /“Sam Same” names 2 officials of FR \(sam-same, sam-same-2\): use a slug or Wikidata id/,
    );
    expect(message(7)).toMatch(/every contact needs one/);
    expect(message(8)).toMatch(/All participants are from Russia/);
    expect(message(9)).toBe('A held contact cannot be in the future: use Scheduled');
    expect(message(10)).toMatch(/“ok1” is used by an earlier row/);
    expect(message(11)).toMatch(/Use one of CALL, VIDEO_CALL, MEETING/);
    expect(message(12)).toMatch(/“Dan Delta” is an official of RU, not FR/);
    // Row 10 reuses an id of this file; the second "ok1" is not counted as a contact.
    expect(report).toMatchObject({ dryRun: true, written: false, rows: 11, created: 1, problemCount: 10 });
    expect(await count()).toBe(0);

    // The real import of the same file is all or nothing: it writes nothing either.
    expect(await run(csv)).toMatchObject({ written: false, created: 1, problemCount: 10 });
    expect(await count()).toBe(0);
    expect(await getDb().auditLog.count({ where: { via: 'import' } })).toBe(0);
  });

  it('imports once, changes nothing the second time, and updates a changed row with its audit', async () => {
    const { dan, ann } = await officials();
    const rows = [
      'external_id,date,date_precision,type,status,participant_a,country_a,participant_b,country_b,initiator,duration_minutes,location,summary,topics,source_url,source_publisher,source_title,source_published_at,source_quote',
      // Names by spelling (any script, any case), slug and Wikidata id; enums in any case.
      'c1,2022-05-13,,Video call,held,ann alpha,us,Дан Дельта,RU,b,60,Pentagon,"A call, with a comma",ukraine; ceasefire,https://example.org/c1,DoD,Readout,2022-05-13,"""Quote"""',
      'c2,2022-06,month,meeting,Held,ann-alpha,US,Q42,RU,,,,=HYPERLINK("http://evil.example"),,https://example.org/c2,,,,',
      'c3,2023-01-02,,call,refused,Ann Alpha,US,Dan Delta,RU,Dan Delta,,,<script>alert(1)</script>,,https://example.org/c3,,,,',
    ].join('\n');
    const first = await run(rows, { fileName: 'first.csv' });
    expect(first).toMatchObject({ written: true, created: 3, updated: 0, unchanged: 0, problemCount: 0 });

    const c1 = await getDb().contact.findUniqueOrThrow({
      where: { importKey: 'c1' },
      include: { participants: true, sources: true },
    });
    expect(c1).toMatchObject({
      type: 'VIDEO_CALL',
      status: 'HELD',
      initiatorId: dan.id,
      durationMinutes: 60,
      location: 'Pentagon',
      summary: 'A call, with a comma',
      topics: ['ukraine', 'ceasefire'],
      version: 1,
    });
    expect(c1.participants.map((p) => [p.officialId, p.officeKey]).sort()).toEqual(
      [
        [ann.id, 'US:SECDEF'],
        [dan.id, null],
      ].sort(),
    );
    expect(c1.sources).toMatchObject([
      { url: 'https://example.org/c1', publisher: 'DoD', title: 'Readout', quote: '"Quote"' },
    ]);
    const c2 = await getDb().contact.findUniqueOrThrow({ where: { importKey: 'c2' } });
    expect(c2).toMatchObject({ datePrecision: 'MONTH', summary: '=HYPERLINK("http://evil.example")' });
    expect(c2.date.toISOString().slice(0, 10)).toBe('2022-06-01');
    expect(
      await getDb().auditLog.count({ where: { via: 'import', note: 'import of first.csv', action: 'create' } }),
    ).toBe(3);

    // Again: nothing changes, and it says so.
    expect(await run(rows, { fileName: 'first.csv' })).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await count()).toBe(3);

    // A verified contact whose summary changes stays verified; one whose date changes is unverified.
    await getDb().contact.updateMany({ data: { verification: 'VERIFIED' } });
    const changed = rows.replace('"A call, with a comma"', '"A new summary"').replace('c3,2023-01-02', 'c3,2023-01-03');
    const second = await run(changed, { fileName: 'second.csv' });
    expect(second).toMatchObject({ created: 0, updated: 2, unchanged: 1 });
    const after = await getDb().contact.findMany({ orderBy: { importKey: 'asc' } });
    expect(after.map((c) => [c.importKey, c.version, c.verification])).toEqual([
      ['c1', 2, 'VERIFIED'],
      ['c2', 1, 'VERIFIED'],
      ['c3', 2, 'UNVERIFIED'],
    ]);
    const audit = await getDb().auditLog.findMany({ where: { note: 'import of second.csv' } });
    expect(audit.map((a) => [a.action, a.via]).sort()).toEqual([
      ['update', 'import'],
      ['update', 'import'],
    ]);
    expect(audit.every((a) => a.before !== null && a.after !== null)).toBe(true);
    expect(await expectStatsToMatchEngine(todayUtc())).toBeGreaterThan(0);
  });

  it('creates unknown officials only when asked, once each, and lists them', async () => {
    await officials();
    const csv = [
      HEADER,
      'n1,2022-01-01,CALL,HELD,Zed Zulu,GB,Dan Delta,RU,https://example.org/n1',
      'n2,2022-02-01,CALL,HELD,zed zulu,GB,Eva Echo,RU,https://example.org/n2',
    ].join('\n');
    expect((await run(csv)).problems.map((p) => p.column)).toEqual(['participant_a', 'participant_a']);
    const dry = await run(csv, { dryRun: true, createOfficials: true });
    expect(dry).toMatchObject({
      problemCount: 0,
      created: 2,
      newOfficials: [{ name: 'Zed Zulu', country: 'GB', slug: 'zed-zulu', line: 2 }],
    });
    expect(await getDb().official.count({ where: { country: 'GB' } })).toBe(0);
    expect(await run(csv, { createOfficials: true })).toMatchObject({ written: true, created: 2 });
    expect(await getDb().official.findMany({ where: { country: 'GB' }, select: { slug: true } })).toEqual([
      { slug: 'zed-zulu' },
    ]);
    expect(await getDb().auditLog.count({ where: { entityType: 'official', via: 'import' } })).toBe(1);
  });

  it('counts officials of a country met unnamed for the country pair only', async () => {
    const { ann } = await officials();
    const csv = [
      HEADER,
      'u1,2001-03-01,MEETING,HELD,Ann Alpha,US,,FR,https://history.example/1',
      'u2,2001-04-15,MEETING,HELD,Ann Alpha,US,,FR,https://history.example/2',
      'u3,2001-04-20,MEETING,HELD,Ann Alpha,US,,JP,https://history.example/3',
      'u4,2001-05-01,CALL,HELD,Ann Alpha,US,Sam Same,FR,https://history.example/4',
    ].join('\n');
    const report = await run(csv.replace('Sam Same', 'Q7'));
    expect(report).toMatchObject({ written: true, created: 4 });
    expect(await getDb().official.count()).toBe(5);
    const pairs = await getDb().$queryRaw<{ level: string; a: string; b: string; held: number }[]>`
      SELECT level::text, a, b, held_count AS held FROM pair_stat ORDER BY level, a, b`;
    expect(pairs.filter((p) => p.level === 'COUNTRY')).toEqual([
      { level: 'COUNTRY', a: 'FR', b: 'US', held: 3 },
      { level: 'COUNTRY', a: 'JP', b: 'US', held: 1 },
    ]);
    // Only the named French official forms an official pair with Ann Alpha.
    const official = pairs.filter((p) => p.level === 'OFFICIAL');
    expect(official).toHaveLength(1);
    expect([official[0].a, official[0].b]).toContain(ann.id);
    expect(official[0].held).toBe(1);
    expect(await expectStatsToMatchEngine(todayUtc())).toBe(3);

    // An edit made from the contact as it stands (as the API's PATCH makes one) keeps the unnamed side.
    const u1 = await getDb().contact.findUniqueOrThrow({ where: { importKey: 'u1' } });
    await updateContact(
      u1.id,
      (current) => ZContactInput.parse({ ...snapshotInput(current), summary: 'Edited' }),
      { version: u1.version },
      actor,
    );
    expect(await getDb().contact.findUniqueOrThrow({ where: { id: u1.id } })).toMatchObject({
      summary: 'Edited',
      unnamedCountries: ['FR'],
    });
    // A new contact with one participant and nobody unnamed is refused, next to the participants.
    const alone = ZContactInput.safeParse({
      date: '2001-03-02',
      type: 'CALL',
      status: 'HELD',
      participants: [ann.slug],
      sources: [{ url: 'https://example.org/x' }],
    });
    expect(alone.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['participants', 'A contact needs at least two participants'],
    ]);
  });

  it('refuses a file it cannot read with one message saying what to fix', async () => {
    const fileError = async (csv: string | Buffer) => {
      const error = await run(csv).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportFileError);
      return (error as Error).message;
    };
    expect(
      await fileError(
        Buffer.from(`${HEADER}\nx,2022-01-01,CALL,HELD,Ann Alpha,US,J\xf6rg,DE,https://e.org\n`, 'latin1'),
      ),
    ).toMatch(/not UTF-8 text/);
    expect(await fileError(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2]))).toMatch(/not a CSV file/);
    expect(await fileError('date,type\n2022-01-01,CALL\n')).toMatch(/lacks the columns external_id, status/);
    expect(await fileError('hello world\n')).toMatch(/not a header/);
    expect(await fileError(`${HEADER},particpant_c\n`)).toMatch(/Unknown column “particpant_c”/);
    expect(await fileError('')).toMatch(/empty/);
    expect(await count()).toBe(0);
  });

  it('keeps the statistics exact after a bulk import of thousands of rows into existing pairs', async () => {
    await officials();
    const people = [
      ['ann-alpha', 'US'],
      ['dan-delta', 'RU'],
      ['eva-echo', 'RU'],
      ['Q7', 'FR'],
    ];
    const lines = [HEADER.replace('source_url', 'source_url,date_precision')];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i += 1) {
      const a = people[Math.floor(next() * people.length)];
      let b = people[Math.floor(next() * people.length)];
      while (b[1] === a[1]) b = people[Math.floor(next() * people.length)];
      const day = toIsoDate(addDays(parseIsoDate('1990-01-01'), Math.floor(next() * 12000)));
      const status = next() < 0.85 ? 'HELD' : 'REFUSED';
      const precision = next() < 0.05 ? 'MONTH' : 'DAY';
      const date = precision === 'MONTH' ? day.slice(0, 7) : day;
      const unnamed = next() < 0.1;
      lines.push(
        `b${i},${date},CALL,${status},${a[0]},${a[1]},${unnamed ? '' : b[0]},${b[1]},https://e.org/${i},${precision}`,
      );
    }
    // Half first, through the small-write path's neighbour; then all, so the second run updates nothing
    // and adds the rest into pairs that already have contacts.
    expect(await run(lines.slice(0, 41).join('\n'))).toMatchObject({ created: 40 });
    expect(await run(lines.join('\n'))).toMatchObject({ created: 2960, unchanged: 40, problemCount: 0 });
    // Five official pairs (only Ann Alpha holds an office, so none of offices) and three of countries.
    expect(await expectStatsToMatchEngine(todayUtc())).toBe(8);
  });
});
