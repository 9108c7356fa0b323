/**
 * PLOVER out and back in on a real database: contacts exported as PLOVER JSON Lines, read by ploverRows and
 * written by the contacts importer, are the same contacts (as far as the import format carries them), and
 * importing the file again changes nothing.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../data/actor';
import { createContact, type ContactRow } from '../data/contacts';
import { contactBatchesForExport } from '../data/exports';
import { contactsExportChunks, contactsExportMeta } from '../export/contacts';
import { emptyTables, setupTestDatabase } from '../testing/database';
import { ZContactInput } from '../validation/contact';
import { ZContactFilters } from '../validation/filters';
import { importContacts } from './contacts';
import type { RowProblem } from './contract';
import { ploverRows } from './plover';
import { makeOfficial, type OfficialFields } from '../testing/factories';

setupTestDatabase();

const actor: Actor = { userId: null, via: 'import' };
const source = (n: number) => ({
  url: `https://example.org/${n}`,
  publisher: 'Example',
  title: `Readout ${n}`,
  publishedAt: '2022-05-14',
  quote: 'They spoke, “briefly”.',
});

async function exportPlover(): Promise<{ text: string; rows: ContactRow[] }> {
  const filters = ZContactFilters.parse({});
  const rows: ContactRow[] = [];
  let text = '';
  const meta = contactsExportMeta({ filters, total: 0, at: new Date() });
  async function* batches() {
    for await (const batch of contactBatchesForExport(filters)) {
      rows.push(...batch);
      yield batch;
    }
  }
  for await (const chunk of contactsExportChunks('plover', batches(), meta)) text += chunk;
  return { text, rows };
}

async function importPlover(text: string) {
  const problems: RowProblem[] = [];
  const report = await importContacts(ploverRows(Readable.from([text]), { onProblem: (p) => problems.push(p) }), {
    fileName: 'contacts.jsonl',
    dryRun: false,
    createOfficials: false,
    actor,
  });
  return { report, problems };
}

/** What the import format carries of a contact. */
function carried(c: ContactRow) {
  const [first] = c.sources;
  return {
    date: c.date,
    datePrecision: c.datePrecision,
    type: c.type,
    status: c.status,
    participants: c.participants.map((p) => `${p.slug}/${p.country}`).sort(),
    unnamedCountries: [...c.unnamedCountries].sort(),
    initiator: c.initiator?.slug ?? null,
    durationMinutes: c.durationMinutes,
    location: c.location,
    summary: c.summary,
    topics: [...c.topics].sort(),
    source: [first.url, first.publisher, first.title, first.publishedAt, first.quote],
  };
}

describe('PLOVER export and import', () => {
  it('gives back the same contacts, and changes nothing the second time', async () => {
    const make = (fields: OfficialFields) => makeOfficial(fields, actor);
    const austin = await make({
      name: 'Lloyd Austin',
      country: 'US',
      positions: [{ title: 'Secretary of Defense', officeKey: 'US:SECDEF', startDate: '2021-01-22' }],
    });
    const milley = await make({ name: 'Mark Milley', country: 'US' });
    const shoigu = await make({ name: 'Sergei Shoigu', country: 'RU', otherNames: ['Шойгу'] });
    const contact = (input: Record<string, unknown>) => createContact(ZContactInput.parse(input), actor);
    await contact({
      date: '2022-05-13',
      type: 'CALL',
      status: 'HELD',
      participants: [austin.slug, shoigu.slug],
      initiator: austin.slug,
      durationMinutes: 60,
      summary: 'First call since 18 February.',
      topics: ['ukraine', 'ceasefire'],
      sources: [source(1), source(2)],
    });
    await contact({
      date: '2022-03-24',
      type: 'CALL',
      status: 'REFUSED',
      participants: [austin.slug, milley.slug, shoigu.slug],
      initiator: milley.slug,
      sources: [source(3)],
    });
    await contact({
      date: '2023-06-01',
      datePrecision: 'MONTH',
      type: 'MEETING',
      status: 'HELD',
      location: 'Paris',
      participants: [austin.slug],
      unnamedCountries: ['FR'],
      sources: [source(4)],
    });
    await contact({
      date: '2025-01-01',
      datePrecision: 'YEAR',
      type: 'VIDEO_CALL',
      status: 'SCHEDULED',
      participants: [shoigu.slug, milley.slug],
      sources: [source(5)],
    });

    const first = await exportPlover();
    expect(first.rows).toHaveLength(4);
    await emptyTables([
      'pair_stat',
      'pair_gap_length',
      'pair_contact',
      'audit_log',
      'source',
      'participant',
      'contact',
    ]);

    const { report, problems } = await importPlover(first.text);
    expect(problems).toEqual([]);
    expect(report).toMatchObject({ written: true, created: 4, problemCount: 0 });
    const second = await exportPlover();
    const byDate = (rows: ContactRow[]) => [...rows].sort((a, b) => (a.date < b.date ? -1 : 1)).map(carried);
    expect(byDate(second.rows)).toEqual(byDate(first.rows));
    // The contacts now carry the ids they had as their import keys.
    expect(second.rows.map((c) => c.importKey).sort()).toEqual(first.rows.map((c) => c.id).sort());

    const again = await importPlover(second.text);
    expect(again.report).toMatchObject({ created: 0, problemCount: 0 });
    expect((await exportPlover()).rows).toHaveLength(4);
  });
});
