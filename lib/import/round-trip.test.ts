/**
 * Everything out and back into an empty database: the officials as their CSV, every contact as PLOVER
 * JSON Lines, on the demo data (the founding story, with disputed dates and expected contacts) and the
 * Office of the Historian's 7,531 records. Every gap series at every level is the same afterwards.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../prisma/seed/demo';
import type { Actor } from '../data/actor';
import { contactBatchesForExport, officialBatchesForExport } from '../data/exports';
import { loadGapContacts } from '../data/gaps';
import { getDb } from '../db';
import { contactsExportChunks, contactsExportMeta } from '../export/contacts';
import { officialsExportChunks } from '../export/officials';
import { computeAllSeries } from '../gaps/engine';
import type { PairLevel } from '../gaps/types';
import { emptyTables, setupTestDatabase } from '../testing/database';
import { expectStatsToMatchEngine } from '../testing/stats-check';
import { ZContactFilters } from '../validation/filters';
import { importContacts } from './contacts';
import type { RowProblem } from './contract';
import { readOfficialsCsv, upsertOfficials } from './officials';
import { loadOoh } from './ooh/load';
import { ploverRows } from './plover';
import { makeContact } from '../testing/factories';

setupTestDatabase();

const actor: Actor = { userId: null, via: 'import' };
const LEVELS: PairLevel[] = ['OFFICIAL', 'OFFICE', 'COUNTRY'];
/** A fixed "today" after every date in the data, for both computations. */
const TODAY = '2026-06-30';

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let all = '';
  for await (const chunk of chunks) all += chunk;
  return all;
}

/**
 * Every series at every level, with database ids replaced by what survives the trip: officials by slug,
 * contacts by what they are (day, type, status). Two contacts of one pair on one day are ordered by id,
 * which an import makes anew, so which of them a gap starts from is the only thing that may differ.
 */
async function allSeries() {
  const officials = new Map(
    (await getDb().official.findMany({ select: { id: true, slug: true } })).map((o) => [o.id, `official:${o.slug}`]),
  );
  const contacts = await loadGapContacts();
  const described = new Map(contacts.map((c) => [c.id, `contact:${c.date}:${c.type}:${c.status}`]));
  const stable = (value: string) => officials.get(value) ?? described.get(value) ?? value;
  return LEVELS.map((level) =>
    computeAllSeries(contacts, level, TODAY)
      .map((series) => JSON.parse(JSON.stringify(series, (_key, v) => (typeof v === 'string' ? stable(v) : v))))
      .map((series) => ({
        ...series,
        pair: { ...series.pair, a: undefined, b: undefined, sides: [series.pair.a, series.pair.b].sort() },
      }))
      .sort((x, y) => (JSON.stringify(x.pair) < JSON.stringify(y.pair) ? -1 : 1)),
  );
}

describe('export and import', () => {
  it('gives every gap series at every level back unchanged in an empty database', { timeout: 300_000 }, async () => {
    await seedDemo();
    await loadOoh(actor);
    // A disputed date (a source claims another day) and a range known only to the month.
    await makeContact(
      {
        date: '2023-02-10',
        participants: ['lloyd-austin', 'sergei-shoigu'],
        sources: [
          { url: 'https://example.org/a', claims: { date: '2023-02-12' } },
          { url: 'https://example.org/b', quote: 'Spoke on the 10th' },
        ],
      },
      actor,
    );
    await makeContact(
      {
        date: '2023-05-01',
        datePrecision: 'MONTH',
        type: 'MEETING',
        participants: ['lloyd-austin'],
        unnamedCountries: ['RU'],
        sources: [{ url: 'https://example.org/c' }],
      },
      actor,
    );

    const keys = new Map(
      (await getDb().contact.findMany({ select: { id: true, importKey: true } })).map((c) => [
        c.id,
        c.importKey ?? c.id,
      ]),
    );
    const before = await allSeries();
    expect(before[2].length).toBeGreaterThan(150);

    const officialsCsv = await text(
      officialsExportChunks(officialBatchesForExport([]), {
        exportedAt: new Date().toISOString(),
        countries: [],
        total: 0,
      }),
    );
    const filters = ZContactFilters.parse({});
    const plover = await text(
      contactsExportChunks(
        'plover',
        contactBatchesForExport(filters),
        contactsExportMeta({ filters, total: 0, at: new Date() }),
      ),
    );
    expect(plover.trim().split('\n')).toHaveLength(keys.size);

    await emptyTables();
    expect(await getDb().contact.count()).toBe(0);

    const { records, problems } = await readOfficialsCsv(Readable.from([officialsCsv]));
    expect(problems).toEqual([]);
    const officials = await getDb().$transaction((tx) =>
      upsertOfficials(tx, records, actor, { dryRun: false, fileName: 'officials.csv' }),
    );
    expect(officials.problems).toEqual([]);
    const readerProblems: RowProblem[] = [];
    const report = await importContacts(
      ploverRows(Readable.from([plover]), { onProblem: (p) => readerProblems.push(p) }),
      {
        fileName: 'contacts.jsonl',
        dryRun: false,
        createOfficials: false,
        actor,
      },
    );
    expect(readerProblems).toEqual([]);
    expect(report).toMatchObject({ written: true, created: keys.size, problemCount: 0 });

    // Every contact came back under the key it went out with.
    const after = await getDb().contact.findMany({ select: { importKey: true } });
    expect(after.map((c) => c.importKey).sort()).toEqual([...keys.values()].sort());
    const afterSeries = await allSeries();
    for (const [i, level] of LEVELS.entries()) {
      expect(afterSeries[i].length, level).toBe(before[i].length);
      expect(afterSeries[i], level).toEqual(before[i]);
    }
    // And the kept statistics agree with the engine on the imported history.
    expect(await expectStatsToMatchEngine(TODAY)).toBeGreaterThan(150);
  });
});
