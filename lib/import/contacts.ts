/**
 * The contacts importer: rows in (from a CSV file, PLOVER JSON Lines or a dataset's mapping), contacts out,
 * all in one transaction, so an import that fails or is killed half-way leaves the database as it was.
 *
 * - Idempotent by `external_id` (stored as `contact.import_key`, with a hash of what the row states): a row
 *   already imported unchanged is left alone; a changed one updates its contact (version bumped, audited
 *   "via import" with the file's name, and returned to UNVERIFIED when its date, participants or status
 *   changed).
 * - Streamed: rows are checked one by one against officials loaded once, and written in batches by
 *   set-based statements (one per table per batch), so a million rows never sit in memory and a row costs
 *   no round trip of its own.
 * - A dry run, or a real import that met a problem, keeps checking to the end and reports every problem;
 *   nothing is written.
 * - The pair statistics are brought up to date once, at the end, by the same `syncContactStats` every
 *   write uses, inside the same transaction.
 */
import { ALL, publishInvalidation } from '../cache/invalidate';
import type { Actor } from '../data/actor';
import { contactSnapshot } from '../data/contact-snapshot';
import { getDb } from '../db';
import { newId } from '../ids';
import type { Prisma } from '../generated/prisma/client';
import { normalizeName } from '../names';
import { searchKey } from '../search-key.mjs';
import { syncContactStats } from '../stats/maintain';
import type { ImportRow, RowProblem } from './contract';
import { ContactRowChecker, type NewOfficial, type OfficialIndex, type PreparedRow } from './contact-rows';

type Tx = Prisma.TransactionClient;

/** Rows written per statement. */
const BATCH = 2_000;
/** Problems a report lists; past this it counts them. */
export const LISTED_PROBLEMS = 1_000;
/** How long after its expected date a held contact still fulfils an expected one (as in lib/data/contacts). */
const EXPECTED_CONTACT_GRACE_DAYS = 30;

export type ImportProgress = { rows: number; phase: 'reading' | 'statistics' | 'done' };

export type ImportOptions = {
  fileName: string;
  dryRun: boolean;
  createOfficials: boolean;
  actor: Actor;
  onProgress?: (progress: ImportProgress) => void;
};

export type ContactImportReport = {
  kind: 'contacts';
  fileName: string;
  dryRun: boolean;
  /** Whether anything was written: false for a dry run and for an import with problems. */
  written: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows whose contact was deleted in Counterpart since: left deleted. */
  keptDeleted: number;
  problemCount: number;
  problems: RowProblem[];
  newOfficials: { name: string; country: string; slug: string; line: number }[];
  seconds: number;
};

/** Every official, spelling and position, once, for rows to be checked against without a query each. */
export async function loadOfficialIndex(tx: Tx): Promise<OfficialIndex> {
  const officials = await tx.$queryRaw<
    {
      id: string;
      slug: string;
      name: string;
      country: string;
      wikidata: string | null;
      merged: string | null;
      search: string;
    }[]
  >`SELECT id, slug, name, country, wikidata_id AS wikidata, merged_into_id AS merged, name_search AS search FROM official`;
  const aliases = await tx.$queryRaw<{ official: string; search: string }[]>`
    SELECT official_id AS official, name_search AS search FROM official_alias`;
  const positions = await tx.$queryRaw<
    { id: string; official: string; office: string; start: string; end: string | null }[]
  >`SELECT id, official_id AS official, office_key AS office, to_char(start_date, 'YYYY-MM-DD') AS start,
           to_char(end_date, 'YYYY-MM-DD') AS "end"
    FROM position ORDER BY start_date DESC`;

  const index: OfficialIndex = {
    byId: new Map(),
    byWikidata: new Map(),
    bySlug: new Map(),
    byName: new Map(),
    byAnyName: new Map(),
    positions: new Map(),
  };
  const mergedInto = new Map<string, string>();
  for (const o of officials) {
    if (o.merged) mergedInto.set(o.id, o.merged);
    else index.byId.set(o.id, { id: o.id, slug: o.slug, name: o.name, country: o.country });
  }
  // A merged official's slug and Wikidata id still find the one it became (merges can chain).
  const live = (id: string) => {
    let current = id;
    for (let hops = 0; mergedInto.has(current) && hops < 50; hops += 1) current = mergedInto.get(current)!;
    return current;
  };
  const addName = (id: string, country: string, search: string) => {
    for (const [map, key] of [
      [index.byName, `${country}|${normalizeName(search)}`],
      [index.byAnyName, normalizeName(search)],
    ] as const) {
      const ids = map.get(key) ?? [];
      if (!ids.includes(id)) map.set(key, [...ids, id]);
    }
  };
  for (const o of officials) {
    const id = live(o.id);
    const target = index.byId.get(id);
    if (target === undefined) continue;
    index.bySlug.set(o.slug, id);
    if (o.wikidata) index.byWikidata.set(o.wikidata.toUpperCase(), id);
    if (!o.merged) addName(id, o.country, o.search);
  }
  for (const a of aliases) {
    const id = live(a.official);
    const target = index.byId.get(id);
    if (target) addName(id, target.country, a.search);
  }
  for (const p of positions) {
    const list = index.positions.get(p.official) ?? [];
    list.push({ id: p.id, officeKey: p.office, start: p.start, end: p.end });
    index.positions.set(p.official, list);
  }
  return index;
}

/** Collects rows into batches, and problems up to the listed number. */
class Tally {
  rows = 0;
  created = 0;
  updated = 0;
  unchanged = 0;
  keptDeleted = 0;
  problemCount = 0;
  problems: RowProblem[] = [];

  add(problems: RowProblem[]) {
    this.problemCount += problems.length;
    for (const p of problems) if (this.problems.length < LISTED_PROBLEMS) this.problems.push(p);
  }
}

/**
 * Imports contact rows. Throws what the caller should show as one message (a bad file); everything wrong
 * with rows is in the report. Without `dryRun`, the import writes only if no row had a problem.
 */
export async function importContacts(
  rows: AsyncIterable<ImportRow>,
  options: ImportOptions,
): Promise<ContactImportReport> {
  const started = performance.now();
  const tally = new Tally();
  let newOfficials: NewOfficial[] = [];
  const abort = Symbol('rolled back');
  try {
    await getDb().$transaction(
      async (tx) => {
        const checker = new ContactRowChecker(await loadOfficialIndex(tx), {
          createOfficials: options.createOfficials,
          newId,
        });
        const writer = new ContactWriter(tx, options, checker);
        let batch: PreparedRow[] = [];
        const flush = async () => {
          const writing = !options.dryRun && tally.problemCount === 0;
          const counts = await writer.classify(batch, writing);
          tally.created += counts.created;
          tally.updated += counts.updated;
          tally.unchanged += counts.unchanged;
          tally.keptDeleted += counts.keptDeleted;
          batch = [];
          options.onProgress?.({ rows: tally.rows, phase: 'reading' });
        };
        for await (const row of rows) {
          tally.rows += 1;
          if (row.problems?.length) {
            tally.add(row.problems);
            continue;
          }
          const checked = checker.check(row);
          if (checked.prepared === null) tally.add(checked.problems);
          else batch.push(checked.prepared);
          if (batch.length >= BATCH) await flush();
        }
        await flush();
        newOfficials = [...checker.newOfficials.values()];
        if (options.dryRun || tally.problemCount > 0) throw abort;
        options.onProgress?.({ rows: tally.rows, phase: 'statistics' });
        await writer.finish();
      },
      // As long as the file takes: a million rows are minutes. Writers to the same pairs wait meanwhile.
      { timeout: 6 * 60 * 60 * 1000, maxWait: 60_000 },
    );
  } catch (error) {
    if (error !== abort) throw error;
  }
  options.onProgress?.({ rows: tally.rows, phase: 'done' });
  const written = !options.dryRun && tally.problemCount === 0;
  return {
    kind: 'contacts',
    fileName: options.fileName,
    dryRun: options.dryRun,
    written,
    rows: tally.rows,
    created: tally.created,
    updated: tally.updated,
    unchanged: tally.unchanged,
    keptDeleted: tally.keptDeleted,
    problemCount: tally.problemCount,
    problems: tally.problems,
    newOfficials: newOfficials.map(({ name, country, slug, line }) => ({ name, country, slug, line })),
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

type Existing = { id: string; key: string; hash: string | null; deleted: boolean };

/** Writes batches of prepared rows inside the import's transaction. */
class ContactWriter {
  private readonly written: string[] = [];
  private readonly createdHeld: string[] = [];
  private readonly officialsWritten = new Set<string>();
  private readonly note: string;

  constructor(
    private readonly tx: Tx,
    private readonly options: ImportOptions,
    private readonly checker: ContactRowChecker,
  ) {
    this.note = `import of ${options.fileName}`;
  }

  /** Sorts a batch into created, updated and unchanged, and writes it when `writing`. */
  async classify(batch: PreparedRow[], writing: boolean) {
    const counts = { created: 0, updated: 0, unchanged: 0, keptDeleted: 0 };
    if (batch.length === 0) return counts;
    const existing = await this.tx.$queryRaw<Existing[]>`
      SELECT id, import_key AS key, import_hash AS hash, deleted_at IS NOT NULL AS deleted
      FROM contact WHERE import_key = ANY(${batch.map((row) => row.externalId)}::text[])`;
    const byKey = new Map(existing.map((row) => [row.key, row]));
    const creates: PreparedRow[] = [];
    const updates: { row: PreparedRow; id: string }[] = [];
    for (const row of batch) {
      const found = byKey.get(row.externalId);
      if (found === undefined) creates.push(row);
      else if (found.deleted) counts.keptDeleted += 1;
      else if (found.hash === row.hash) counts.unchanged += 1;
      else updates.push({ row, id: found.id });
    }
    counts.created = creates.length;
    counts.updated = updates.length;
    if (writing) {
      await this.writeOfficials();
      await this.create(creates);
      for (const update of updates) await this.update(update.row, update.id);
    }
    return counts;
  }

  /** The officials planned so far that are not yet in the database, with their audit rows. */
  private async writeOfficials() {
    const fresh = [...this.checker.newOfficials.values()].filter((o) => !this.officialsWritten.has(o.id));
    if (fresh.length === 0) return;
    await this.tx.$executeRaw`
      INSERT INTO official (id, slug, name, name_search, search_key, country, updated_at)
      SELECT id, slug, name, name_search, search_key, country, now()
      FROM unnest(${fresh.map((o) => o.id)}::text[], ${fresh.map((o) => o.slug)}::text[], ${fresh.map((o) => o.name)}::text[],
                  ${fresh.map((o) => normalizeName(o.name))}::text[], ${fresh.map((o) => searchKey(o.name))}::text[],
                  ${fresh.map((o) => o.country)}::text[])
        AS t(id, slug, name, name_search, search_key, country)`;
    await this.audit(
      'official',
      'create',
      fresh.map((o) => ({ id: o.id, after: { id: o.id, slug: o.slug, name: o.name, country: o.country } })),
    );
    for (const o of fresh) this.officialsWritten.add(o.id);
  }

  private async create(rows: PreparedRow[]) {
    if (rows.length === 0) return;
    const ids = rows.map(() => newId());
    const col = <T>(pick: (row: PreparedRow) => T) => rows.map(pick);
    // Arrays of arrays do not unnest row by row: lists travel joined by the unit separator.
    const joined = (list: string[]) => list.join('\u001f');
    await this.tx.$executeRaw`
      INSERT INTO contact (id, date, date_precision, type, status, initiator_id, duration_minutes, location, summary,
                           topics, unnamed_countries, import_key, import_hash, created_by_id, updated_by_id, updated_at)
      SELECT id, date, precision::"DatePrecision", type::"ContactType", status::"ContactStatus", initiator, minutes,
             location, summary,
             CASE WHEN topics = '' THEN '{}'::text[] ELSE string_to_array(topics, chr(31)) END,
             CASE WHEN unnamed = '' THEN '{}'::text[] ELSE string_to_array(unnamed, chr(31)) END,
             key, hash, ${this.options.actor.userId}, ${this.options.actor.userId}, now()
      FROM unnest(${ids}::text[], ${col((r) => r.input.date)}::date[], ${col((r) => r.input.datePrecision)}::text[],
                  ${col((r) => r.input.type)}::text[], ${col((r) => r.input.status)}::text[],
                  ${col((r) => r.input.initiator ?? null)}::text[], ${col((r) => r.input.durationMinutes ?? null)}::int[],
                  ${col((r) => r.input.location ?? null)}::text[], ${col((r) => r.input.summary ?? null)}::text[],
                  ${col((r) => joined([...new Set(r.input.topics)]))}::text[],
                  ${col((r) => joined([...(r.input.unnamedCountries ?? [])].sort()))}::text[],
                  ${col((r) => r.externalId)}::text[], ${col((r) => r.hash)}::text[])
        AS t(id, date, precision, type, status, initiator, minutes, location, summary, topics, unnamed, key, hash)`;
    await this.insertChildren(rows, ids);
    await this.audit(
      'contact',
      'create',
      rows.map((row, i) => ({ id: ids[i], after: snapshotOf(row, ids[i]) })),
    );
    this.written.push(...ids);
    rows.forEach((row, i) => {
      if (row.input.status === 'HELD') this.createdHeld.push(ids[i]);
    });
  }

  private async insertChildren(rows: PreparedRow[], ids: string[]) {
    const parts = rows.flatMap((row, i) => row.participants.map((p) => ({ ...p, contactId: ids[i] })));
    await this.tx.$executeRaw`
      INSERT INTO participant (contact_id, official_id, position_id, country, office_key)
      SELECT * FROM unnest(${parts.map((p) => p.contactId)}::text[], ${parts.map((p) => p.officialId)}::text[],
                           ${parts.map((p) => p.positionId)}::text[], ${parts.map((p) => p.country)}::text[],
                           ${parts.map((p) => p.officeKey)}::text[])`;
    // In order, a moment apart: sources are listed by the time they were added.
    const sources = rows.flatMap((row, i) => row.input.sources.map((s, order) => ({ ...s, contactId: ids[i], order })));
    const column = <T>(pick: (s: (typeof sources)[number]) => T) => sources.map(pick);
    await this.tx.$executeRaw`
      INSERT INTO source (id, contact_id, url, publisher, title, published_at, side, quote, archive_url, claimed_date,
                          claimed_initiator_id, claimed_duration_minutes, created_at)
      SELECT id, contact_id, url, publisher, title, published_at, side, quote, archive_url, claimed_date, claimed_initiator,
             claimed_minutes, now() + make_interval(secs => ord / 1000.0)
      FROM unnest(${column(() => newId())}::text[], ${column((s) => s.contactId)}::text[], ${column((s) => s.url)}::text[],
                  ${column((s) => s.publisher ?? null)}::text[], ${column((s) => s.title ?? null)}::text[],
                  ${column((s) => s.publishedAt ?? null)}::date[], ${column((s) => s.side ?? null)}::text[],
                  ${column((s) => s.quote ?? null)}::text[], ${column((s) => s.archiveUrl ?? null)}::text[],
                  ${column((s) => s.claims?.date ?? null)}::date[], ${column((s) => s.claims?.initiator ?? null)}::text[],
                  ${column((s) => s.claims?.durationMinutes ?? null)}::int[], ${column((s) => s.order)}::int[])
        AS t(id, contact_id, url, publisher, title, published_at, side, quote, archive_url, claimed_date,
             claimed_initiator, claimed_minutes, ord)`;
  }

  /**
   * A changed row: the contact takes the row's fields, participants and source, its version goes up, and a
   * verified one becomes unverified when its date, participants or status changed. Rare next to creates,
   * so one contact at a time, with its audit row's before and after read as every edit reads them.
   */
  private async update(row: PreparedRow, id: string) {
    const before = (await contactSnapshot(this.tx, id))!;
    const reverify =
      before.date !== row.input.date ||
      before.status !== row.input.status ||
      JSON.stringify(before.participants) !== JSON.stringify(row.slugs) ||
      JSON.stringify(before.unnamedCountries ?? []) !== JSON.stringify([...(row.input.unnamedCountries ?? [])].sort());
    const i = row.input;
    await this.tx.$executeRaw`
      UPDATE contact SET date = ${i.date}::date, date_precision = ${i.datePrecision}::"DatePrecision",
        type = ${i.type}::"ContactType", status = ${i.status}::"ContactStatus", initiator_id = ${i.initiator ?? null},
        duration_minutes = ${i.durationMinutes ?? null}, location = ${i.location ?? null}, summary = ${i.summary ?? null},
        topics = ${[...new Set(i.topics)]}::text[], unnamed_countries = ${[...(i.unnamedCountries ?? [])].sort()}::text[],
        import_hash = ${row.hash}, version = version + 1, updated_by_id = ${this.options.actor.userId}, updated_at = now(),
        resolved_by_id = CASE WHEN ${i.status} = 'SCHEDULED' THEN resolved_by_id END,
        verification = CASE WHEN ${reverify} THEN 'UNVERIFIED'::"VerificationStatus" ELSE verification END,
        verified_by_id = CASE WHEN ${reverify} THEN NULL ELSE verified_by_id END,
        verified_at = CASE WHEN ${reverify} THEN NULL ELSE verified_at END
      WHERE id = ${id}`;
    await this.tx.$executeRaw`DELETE FROM participant WHERE contact_id = ${id}`;
    await this.tx.$executeRaw`DELETE FROM source WHERE contact_id = ${id}`;
    await this.insertChildren([row], [id]);
    // Expected contacts it had fulfilled are open again; the statistics step and `finish` settle the rest.
    await this.tx
      .$executeRaw`UPDATE contact SET resolved_by_id = NULL, version = version + 1 WHERE resolved_by_id = ${id}`;
    await this.audit('contact', 'update', [{ id, before, after: (await contactSnapshot(this.tx, id))! }]);
    this.written.push(id);
    if (i.status === 'HELD') this.createdHeld.push(id);
  }

  private async audit(entityType: string, action: string, entries: { id: string; before?: unknown; after: unknown }[]) {
    await this.tx.$executeRaw`
      INSERT INTO audit_log (user_id, via, action, entity_type, entity_id, before, after, note)
      SELECT ${this.options.actor.userId}, ${this.options.actor.via}, ${action}, ${entityType}, id, before, after, ${this.note}
      FROM unnest(${entries.map((e) => e.id)}::text[],
                  ${entries.map((e) => (e.before === undefined ? null : JSON.stringify(e.before)))}::jsonb[],
                  ${entries.map((e) => JSON.stringify(e.after))}::jsonb[]) AS t(id, before, after)`;
  }

  /**
   * After the last batch: the pair statistics of everything written, the expected contacts the new held
   * ones fulfil, and one message that empties every server's cache when the import commits.
   */
  async finish() {
    if (this.written.length === 0 && this.officialsWritten.size === 0) return;
    await syncContactStats(this.tx, this.written, { bulk: this.written.length > 100 });
    await this.resolveExpected();
    // New officials and changed contacts may show on any page.
    await publishInvalidation(this.tx, [ALL]);
  }

  /** As a logged held contact does (lib/data/contacts.ts), for all the import's held contacts at once. */
  private async resolveExpected() {
    if (this.createdHeld.length === 0) return;
    const resolved = await this.tx.$queryRaw<{ id: string; by: string }[]>`
      WITH held AS (
        SELECT h.a, h.b, h.contact_id, h.date FROM pair_contact h
        WHERE h.level = 'OFFICIAL' AND h.status = 'HELD' AND h.contact_id = ANY(${this.createdHeld}::text[])
      ),
      matches AS (
        SELECT DISTINCT ON (pc.contact_id) pc.contact_id AS id, held.contact_id AS by
        FROM held JOIN pair_contact pc
          ON pc.level = 'OFFICIAL' AND pc.a = held.a AND pc.b = held.b AND pc.status = 'SCHEDULED'
         AND pc.date <= held.date + ${EXPECTED_CONTACT_GRACE_DAYS}::int AND pc.contact_id <> held.contact_id
        ORDER BY pc.contact_id, held.date, held.contact_id
      )
      SELECT m.id, m.by FROM matches m JOIN contact c ON c.id = m.id
      WHERE c.status = 'SCHEDULED' AND c.resolved_by_id IS NULL AND c.deleted_at IS NULL`;
    for (const { id, by } of resolved) {
      const before = await contactSnapshot(this.tx, id);
      await this.tx.$executeRaw`UPDATE contact SET resolved_by_id = ${by}, version = version + 1 WHERE id = ${id}`;
      await this.audit('contact', 'resolve', [{ id, before, after: await contactSnapshot(this.tx, id) }]);
    }
  }
}

/** The audit snapshot of a created contact, in `contactSnapshot`'s shape, without reading it back. */
function snapshotOf(row: PreparedRow, id: string) {
  const i = row.input;
  const unnamed = [...(i.unnamedCountries ?? [])].sort();
  return {
    id,
    version: 1,
    date: i.date,
    datePrecision: i.datePrecision,
    time: null,
    timeZone: null,
    type: i.type,
    status: i.status,
    participants: row.slugs,
    ...(unnamed.length > 0 ? { unnamedCountries: unnamed } : {}),
    initiator: row.initiatorSlug,
    durationMinutes: i.durationMinutes ?? null,
    location: i.location ?? null,
    summary: i.summary ?? null,
    topics: [...new Set(i.topics)],
    channel: null,
    verification: 'UNVERIFIED',
    resolvedById: null,
    deletedAt: null,
    sources: i.sources.map((s, n) => ({
      url: s.url,
      publisher: s.publisher ?? null,
      title: s.title ?? null,
      publishedAt: s.publishedAt ?? null,
      side: s.side ?? null,
      quote: s.quote ?? null,
      archiveUrl: s.archiveUrl ?? null,
      claims: {
        date: s.claims?.date ?? null,
        initiator: row.claimSlugs[n],
        durationMinutes: s.claims?.durationMinutes ?? null,
      },
    })),
  };
}
