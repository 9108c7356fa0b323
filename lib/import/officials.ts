import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { Actor } from '../data/actor';
import { writeAudits, type AuditEntry } from '../data/audit';
import { reresolvePositions, type IsoPosition } from '../data/officials';
import { checkTenures, type HeldTenure, type Tenure } from '../tenures';
import type { Prisma } from '../generated/prisma/client';
import { newId } from '../ids';
import { normalizeName, slugForName } from '../names';
import { searchKey } from '../search-key.mjs';
import { contactIdsOfOfficials, syncContactStats } from '../stats/maintain';
import { ZOfficialInput } from '../validation/official';
import type { OfficialPositionRecord, OfficialRecord, RowProblem } from './contract';

/*
 * The officials CSV: one official a row, header names exact, their order free.
 *
 *   slug             optional; matches an existing official, or is the new one's address
 *   name             required
 *   country          required, ISO 3166-1 alpha-2
 *   other_spellings  "; "-separated
 *   wikidata_id      optional, Q123
 *   bio              optional
 *   positions        "; "-separated, each OFFICE_KEY|Title|YYYY-MM-DD|YYYY-MM-DD or empty, and optionally
 *                    |Organisation after the end date
 *
 * `#` lines before a row are skipped (the export's metadata), as are blank lines. A row's line is the
 * file line it starts on, so a bio with line breaks still points the report at the right line.
 *
 * An import only adds: it matches each row to an official (Wikidata id, then slug, then the name or another
 * spelling within the country), creates those it does not find, and to those it finds adds the spellings,
 * positions, Wikidata id, bio and tenure end dates they lack. It never renames, removes or overwrites; a row
 * that disagrees with what is recorded (another end date, another country) is reported, not applied. A
 * row with any problem is left out whole. Everything else is written in a handful of statements, whatever
 * the number of rows, in the caller's transaction.
 */

/** The columns of the officials CSV, in the order the export writes them. */
export const OFFICIAL_COLUMNS = ['slug', 'name', 'country', 'other_spellings', 'wikidata_id', 'bio', 'positions'];
const REQUIRED = ['name', 'country'];
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A lock key for imports of officials among PostgreSQL advisory locks: one import at a time. */
const IMPORT_LOCK = 7_302_001;

type Tx = Prisma.TransactionClient;

/** The problem list of a parse, and the records it could read. */
export type OfficialsParse = { records: OfficialRecord[]; problems: RowProblem[] };

/** Lines of text from a stream (split by node:readline) or as given. */
function linesOf(input: Readable | AsyncIterable<string>): AsyncIterable<string> {
  return input instanceof Readable ? createInterface({ input, crlfDelay: Infinity }) : input;
}

/**
 * CSV records with the line each starts on: lines are gathered until their quotes balance (a quoted cell
 * may hold line breaks), then papaparse reads the record.
 */
async function* csvRecords(
  input: Readable | AsyncIterable<string>,
): AsyncGenerator<{ line: number; cells: string[]; open?: true }> {
  let buffer: string[] = [];
  let quotes = 0;
  let start = 0;
  let line = 0;
  for await (const raw of linesOf(input)) {
    line += 1;
    const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (buffer.length === 0) {
      if (text.trim() === '' || text.startsWith('#')) continue;
      start = line;
    }
    buffer.push(text);
    quotes += text.split('"').length - 1;
    if (quotes % 2 !== 0) continue;
    // The delimiter is set: papaparse would guess, and a row of positions has more | than commas.
    const parsed = Papa.parse<string[]>(buffer.join('\n'), { header: false, delimiter: ',', newline: '\n' });
    yield { line: start, cells: parsed.data[0] ?? [] };
    buffer = [];
    quotes = 0;
  }
  if (buffer.length > 0) yield { line: start, cells: [], open: true };
}

/** A cell as written: an export's ' before a formula-like start (csv.ts) taken off again. */
function cellValue(value: string | undefined): string {
  const text = (value ?? '').trim();
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

function splitList(value: string): string[] {
  return value
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

const POSITION_FORMAT =
  'OFFICE_KEY|Title|YYYY-MM-DD|YYYY-MM-DD or empty (e.g. US:SECDEF|Secretary of Defense|2021-01-22|)';

/** The cell of each ZOfficialInput field, for problems. */
const COLUMN_OF: Record<string, string> = {
  name: 'name',
  country: 'country',
  otherNames: 'other_spellings',
  wikidataId: 'wikidata_id',
  bio: 'bio',
  positions: 'positions',
};

/**
 * A record's problems by the rules of an official (ZOfficialInput, as the forms and the API check them),
 * and the record as those rules clean it (country in capitals, spaces trimmed).
 */
export function checkOfficialRecord(record: OfficialRecord): { record: OfficialRecord; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  if (record.slug !== undefined && !SLUG.test(record.slug)) {
    problems.push({
      line: record.line,
      column: 'slug',
      message: `“${record.slug}” is not a slug: lower-case letters, digits and single hyphens, e.g. lloyd-austin`,
    });
  }
  const parsed = ZOfficialInput.safeParse({
    name: record.name,
    country: record.country,
    otherNames: record.otherSpellings,
    wikidataId: record.wikidataId,
    bio: record.bio,
    positions: record.positions.map((p) => ({
      officeKey: p.officeKey,
      title: p.title,
      organisation: p.organisation,
      startDate: p.startDate,
      endDate: p.endDate,
    })),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [field, index] = issue.path;
      const column = COLUMN_OF[String(field)] ?? String(field);
      const where = field === 'positions' && typeof index === 'number' ? `Position ${index + 1}: ` : '';
      problems.push({ line: record.line, column, message: `${where}${issue.message}` });
    }
    return { record, problems };
  }
  const input = parsed.data;
  return {
    record: {
      line: record.line,
      slug: record.slug,
      name: input.name,
      country: input.country,
      otherSpellings: input.otherNames,
      wikidataId: input.wikidataId,
      bio: input.bio,
      positions: input.positions.map((p) => ({
        officeKey: p.officeKey,
        title: p.title,
        ...(p.organisation !== undefined && { organisation: p.organisation }),
        startDate: p.startDate,
        ...(p.endDate !== undefined && { endDate: p.endDate }),
      })),
    },
    problems,
  };
}

/**
 * Reads an officials CSV (see the top of this file): the records it holds, and a problem for each thing
 * to fix (`{ line, column, message }`): a header that lacks `name` or `country` or has an unknown column,
 * a row with too many cells, a wrong country code or date, a position not written as the format says, a
 * slug or Wikidata id given twice in the file. A row with a problem gives no record.
 */
export async function readOfficialsCsv(input: Readable | AsyncIterable<string>): Promise<OfficialsParse> {
  const records: OfficialRecord[] = [];
  const problems: RowProblem[] = [];
  let header: string[] | null = null;
  const seenSlug = new Map<string, number>();
  const seenWikidata = new Map<string, number>();
  for await (const { line, cells, open } of csvRecords(input)) {
    if (open) {
      problems.push({ line, column: 'file', message: 'A quoted cell starting on this line is never closed' });
      break;
    }
    if (header === null) {
      header = cells.map((cell) => cell.trim());
      const missing = REQUIRED.filter((name) => !header!.includes(name));
      for (const name of missing) {
        problems.push({ line, column: name, message: `The header has no “${name}” column: it is required` });
      }
      header.forEach((name, i) => {
        if (!OFFICIAL_COLUMNS.includes(name)) {
          problems.push({
            line,
            column: name,
            message: `Unknown column “${name}”: the columns are ${OFFICIAL_COLUMNS.join(', ')}`,
          });
        } else if (header!.indexOf(name) !== i) {
          problems.push({ line, column: name, message: `The column “${name}” is given twice` });
        }
      });
      if (missing.length > 0) return { records, problems };
      continue;
    }
    if (cells.length > header.length) {
      problems.push({
        line,
        column: 'file',
        message: `This row has ${cells.length} cells and the header ${header.length}: quote cells that hold commas`,
      });
      continue;
    }
    const cell = (name: string) => {
      const i = header!.indexOf(name);
      return i < 0 ? '' : cellValue(cells[i]);
    };
    const rowProblems: RowProblem[] = [];
    const positions: OfficialPositionRecord[] = [];
    splitList(cell('positions')).forEach((text, i) => {
      const parts = text.split('|').map((part) => part.trim());
      if (parts.length < 3 || parts.length > 5 || !parts[0] || !parts[1] || !parts[2]) {
        rowProblems.push({
          line,
          column: 'positions',
          message: `Position ${i + 1} (“${text}”): write it as ${POSITION_FORMAT}`,
        });
        return;
      }
      const [officeKey, title, startDate, endDate, organisation] = parts;
      positions.push({
        officeKey: officeKey.toUpperCase(),
        title,
        startDate,
        ...(endDate && { endDate }),
        ...(organisation && { organisation }),
      });
    });
    const checked = checkOfficialRecord({
      line,
      slug: cell('slug') || undefined,
      name: cell('name'),
      country: cell('country'),
      otherSpellings: splitList(cell('other_spellings')),
      wikidataId: cell('wikidata_id') || undefined,
      bio: cell('bio') || undefined,
      positions,
    });
    rowProblems.push(...checked.problems);
    const { slug, wikidataId } = checked.record;
    if (slug && seenSlug.has(slug)) {
      rowProblems.push({ line, column: 'slug', message: `The slug ${slug} is also on line ${seenSlug.get(slug)}` });
    }
    if (wikidataId && seenWikidata.has(wikidataId)) {
      rowProblems.push({
        line,
        column: 'wikidata_id',
        message: `The Wikidata id ${wikidataId} is also on line ${seenWikidata.get(wikidataId)}`,
      });
    }
    if (slug && !seenSlug.has(slug)) seenSlug.set(slug, line);
    if (wikidataId && !seenWikidata.has(wikidataId)) seenWikidata.set(wikidataId, line);
    if (rowProblems.length > 0) problems.push(...rowProblems);
    else records.push(checked.record);
  }
  if (header === null) problems.push({ line: 1, column: 'file', message: 'The file is empty: it needs a header row' });
  return { records, problems };
}

// ---------------------------------------------------------------------------------------------------------
// Writing

type Loaded = {
  id: string;
  slug: string;
  name: string;
  nameSearch: string;
  country: string;
  wikidataId: string | null;
  bio: string | null;
  mergedIntoId: string | null;
  version: number;
  aliases: { name: string; nameSearch: string }[];
  positions: IsoPosition[];
};

/** One official the import creates: its line, name, country and (new) address. */
export type CreatedOfficial = { line: number; name: string; country: string; slug: string };

/** What an import did, or (dry run) would do. */
export type OfficialsImportReport = {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  problems: RowProblem[];
  createdOfficials: CreatedOfficial[];
  /** The officials found and added to, with what was added ("2 spellings", "position US:SECDEF …"). */
  updatedOfficials: { line: number; name: string; slug: string; changes: string[] }[];
};

type Change = {
  record: OfficialRecord;
  /** Null for an official the import creates. */
  official: Loaded | null;
  slug: string;
  aliases: { name: string; nameSearch: string }[];
  positions: OfficialPositionRecord[];
  endDates: { id: string; officeKey: string; startDate: string; endDate: string }[];
  wikidataId: string | null;
  bio: string | null;
};

/** Every official the records may name, with spellings and tenures, in four statements. */
async function loadCandidates(tx: Tx, records: OfficialRecord[]): Promise<Map<string, Loaded>> {
  const wikidata = records.flatMap((r) => (r.wikidataId ? [r.wikidataId] : []));
  const slugs = records.flatMap((r) => (r.slug ? [r.slug] : []));
  const names = [...new Set(records.flatMap((r) => [r.name, ...r.otherSpellings].map(normalizeName)))];
  type Row = Omit<Loaded, 'aliases' | 'positions'>;
  let rows = await tx.$queryRaw<Row[]>`
    SELECT o.id, o.slug, o.name, o.name_search AS "nameSearch", o.country, o.wikidata_id AS "wikidataId", o.bio,
           o.merged_into_id AS "mergedIntoId", o.version
    FROM official AS o
    WHERE o.wikidata_id = ANY(${wikidata}::text[]) OR o.slug = ANY(${slugs}::text[])
       OR (o.merged_into_id IS NULL AND (o.name_search = ANY(${names}::text[]) OR o.id IN (
         SELECT official_id FROM official_alias WHERE name_search = ANY(${names}::text[]))))`;
  const found = new Map<string, Row>(rows.map((row) => [row.id, row]));
  // Merged officials lead to the one kept (a merge may have been merged again).
  for (let depth = 0; depth < 5; depth++) {
    const missing = [...found.values()].flatMap((o) =>
      o.mergedIntoId && !found.has(o.mergedIntoId) ? [o.mergedIntoId] : [],
    );
    if (missing.length === 0) break;
    rows = await tx.$queryRaw<Row[]>`
      SELECT id, slug, name, name_search AS "nameSearch", country, wikidata_id AS "wikidataId", bio,
             merged_into_id AS "mergedIntoId", version
      FROM official WHERE id = ANY(${missing}::text[])`;
    for (const row of rows) found.set(row.id, row);
  }
  const ids = [...found.keys()];
  const aliases = await tx.$queryRaw<{ officialId: string; name: string; nameSearch: string }[]>`
    SELECT official_id AS "officialId", name, name_search AS "nameSearch" FROM official_alias
    WHERE official_id = ANY(${ids}::text[]) ORDER BY name`;
  const positions = await tx.$queryRaw<(Loaded['positions'][number] & { officialId: string })[]>`
    SELECT id, official_id AS "officialId", office_key AS "officeKey", title, organisation,
           to_char(start_date, 'YYYY-MM-DD') AS "startDate", to_char(end_date, 'YYYY-MM-DD') AS "endDate"
    FROM position WHERE official_id = ANY(${ids}::text[]) ORDER BY start_date, id`;
  const loaded = new Map<string, Loaded>(
    [...found.values()].map((row) => [row.id, { ...row, aliases: [], positions: [] }]),
  );
  for (const { officialId, ...alias } of aliases) loaded.get(officialId)!.aliases.push(alias);
  for (const { officialId, ...position } of positions) loaded.get(officialId)!.positions.push(position);
  return loaded;
}

/** The other holders of these offices (locked first when the import writes), for the one-holder rule. */
async function holdersOf(
  tx: Tx,
  keys: string[],
  lock: boolean,
): Promise<Map<string, (HeldTenure & { officialId: string })[]>> {
  if (lock) await tx.$queryRaw`SELECT key FROM office WHERE key = ANY(${keys}::text[]) ORDER BY key FOR UPDATE`;
  const rows = await tx.$queryRaw<(HeldTenure & { officialId: string })[]>`
    SELECT p.office_key AS "officeKey", p.official_id AS "officialId", o.name AS holder,
           to_char(p.start_date, 'YYYY-MM-DD') AS "startDate", to_char(p.end_date, 'YYYY-MM-DD') AS "endDate"
    FROM position AS p JOIN official AS o ON o.id = p.official_id
    WHERE p.office_key = ANY(${keys}::text[]) ORDER BY p.start_date`;
  const byOffice = new Map<string, (HeldTenure & { officialId: string })[]>();
  for (const row of rows) {
    if (!byOffice.has(row.officeKey)) byOffice.set(row.officeKey, []);
    byOffice.get(row.officeKey)!.push(row);
  }
  return byOffice;
}

/** Addresses for new officials: the slug a row gives, else `name`, `name-2`, … not taken. */
async function assignSlugs(tx: Tx, changes: Change[]): Promise<void> {
  const creates = changes.filter((c) => c.official === null);
  const bases = [...new Set(creates.map((c) => c.record.slug ?? slugForName(c.record.name)))];
  const taken = new Set(
    (
      await tx.$queryRaw<{ slug: string }[]>`
        SELECT slug FROM official
        WHERE slug = ANY(${bases}::text[]) OR regexp_replace(slug, '-[0-9]+$', '') = ANY(${bases}::text[])`
    ).map((row) => row.slug),
  );
  for (const change of creates) {
    const base = change.record.slug ?? slugForName(change.record.name);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    change.slug = slug;
  }
}

function positionSnapshot(p: {
  title: string;
  officeKey: string;
  organisation?: string | null;
  startDate: string;
  endDate?: string | null;
}) {
  return {
    title: p.title,
    officeKey: p.officeKey,
    organisation: p.organisation ?? undefined,
    startDate: p.startDate,
    endDate: p.endDate ?? undefined,
  };
}

/** An official as the audit log keeps it (the fields of lib/data/official-edits.ts's snapshot that an import touches). */
function snapshotOf(o: {
  id?: string;
  slug: string;
  name: string;
  country: string;
  wikidataId: string | null;
  bio: string | null;
  otherNames: string[];
  positions: Parameters<typeof positionSnapshot>[0][];
}) {
  return {
    ...(o.id && { id: o.id }),
    slug: o.slug,
    name: o.name,
    country: o.country,
    wikidataId: o.wikidataId,
    bio: o.bio,
    otherNames: [...o.otherNames].sort(),
    positions: [...o.positions].sort((a, b) => (a.startDate < b.startDate ? -1 : 1)).map(positionSnapshot),
  };
}

/** The officials loaded, by Wikidata id, by slug (merged ones leading to the one kept) and by country and name. */
type OfficialIndex = {
  byWikidata: Map<string, Loaded>;
  bySlug: Map<string, Loaded>;
  byName: Map<string, Set<Loaded>>;
};

function indexOfficials(loaded: Map<string, Loaded>): OfficialIndex {
  const kept = (o: Loaded): Loaded => {
    for (let depth = 0; o.mergedIntoId && loaded.has(o.mergedIntoId) && depth < 5; depth++) {
      o = loaded.get(o.mergedIntoId)!;
    }
    return o;
  };
  const officials = [...loaded.values()];
  const byName = new Map<string, Set<Loaded>>();
  for (const o of officials) {
    if (o.mergedIntoId) continue;
    for (const nameSearch of [o.nameSearch, ...o.aliases.map((a) => a.nameSearch)]) {
      const key = `${o.country}|${nameSearch}`;
      byName.set(key, (byName.get(key) ?? new Set()).add(o));
    }
  }
  return {
    byWikidata: new Map(officials.flatMap((o) => (o.wikidataId ? [[o.wikidataId, kept(o)] as const] : []))),
    bySlug: new Map(officials.map((o) => [o.slug, kept(o)])),
    byName,
  };
}

/**
 * The official a record names: by Wikidata id, else slug, else its name or another spelling in the
 * country (not one with another Wikidata id: that is another person of the same name). Disagreements
 * (a slug of someone else, two officials of that name, another country) go to `problem`.
 */
function matchOfficial(
  record: OfficialRecord,
  { byWikidata, bySlug, byName }: OfficialIndex,
  problem: (column: string, message: string) => void,
): Loaded | undefined {
  const byId = record.wikidataId ? byWikidata.get(record.wikidataId) : undefined;
  const bySlugMatch = record.slug ? bySlug.get(record.slug) : undefined;
  let official: Loaded | undefined;
  if (byId) {
    official = byId;
    if (bySlugMatch && bySlugMatch.id !== byId.id) {
      problem(
        'slug',
        `${record.wikidataId} is ${byId.name}’s (${byId.slug}), but ${record.slug} is ${bySlugMatch.name}`,
      );
    }
  } else if (bySlugMatch) {
    official = bySlugMatch;
    if (record.wikidataId && official.wikidataId && official.wikidataId !== record.wikidataId) {
      problem('wikidata_id', `${official.slug} has the Wikidata id ${official.wikidataId}, not ${record.wikidataId}`);
    }
  } else {
    const candidates = new Set<Loaded>();
    for (const name of [record.name, ...record.otherSpellings]) {
      for (const o of byName.get(`${record.country}|${normalizeName(name)}`) ?? []) {
        if (!record.wikidataId || !o.wikidataId || o.wikidataId === record.wikidataId) candidates.add(o);
      }
    }
    if (candidates.size > 1) {
      const list = [...candidates].map((o) => o.slug).sort();
      problem(
        'name',
        `Matches ${list.length} officials of ${record.country} (${list.join(', ')}): give the slug or Wikidata id`,
      );
    }
    official = candidates.size === 1 ? [...candidates][0] : undefined;
  }
  if (official && official.country !== record.country) {
    problem(
      'country',
      `${official.name} (${official.slug}) is an official of ${official.country}, not ${record.country}`,
    );
  }
  return official;
}

/** In words, what an import adds to an official: "2 spellings", "position US:SECDEF from 2021-01-22", … */
function describeChange(change: Change): string[] {
  const lines: string[] = [];
  if (change.aliases.length > 0) {
    lines.push(
      `${change.aliases.length === 1 ? 'spelling' : `${change.aliases.length} spellings`} ${change.aliases.map((a) => a.name).join(', ')}`,
    );
  }
  for (const p of change.positions)
    lines.push(`position ${p.officeKey} from ${p.startDate}${p.endDate ? ` to ${p.endDate}` : ''}`);
  for (const p of change.endDates) lines.push(`end of ${p.officeKey} from ${p.startDate}: ${p.endDate}`);
  if (change.wikidataId) lines.push(`Wikidata id ${change.wikidataId}`);
  if (change.bio) lines.push('bio');
  return lines;
}

/**
 * Writes officials read from a file (or a dataset's mapping) in the caller's transaction: matches each to
 * an existing official by Wikidata id, then slug, then name or other spelling in the country (an official
 * with another Wikidata id is another person); creates the ones not found, with a free slug; adds to the
 * ones found the spellings, positions (and their offices), Wikidata id, bio and tenure end dates they lack.
 * A position that would give an office two holders at once, against the record or another row of the
 * file, is refused with the holder's name. A record with any problem is left out whole. `dryRun` reads
 * and reports, and writes nothing. Every official changed gets an audit row noting `import of <fileName>`.
 */
export async function upsertOfficials(
  tx: Tx,
  records: OfficialRecord[],
  actor: Actor,
  options: { dryRun: boolean; fileName: string },
): Promise<OfficialsImportReport> {
  const problems: RowProblem[] = [];
  const valid: OfficialRecord[] = [];
  for (const given of records) {
    const checked = checkOfficialRecord(given);
    if (checked.problems.length > 0) problems.push(...checked.problems);
    else valid.push(checked.record);
  }
  if (!options.dryRun) await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK}::bigint)`;

  const loaded = await loadCandidates(tx, valid);
  const index = indexOfficials(loaded);

  const officeKeys = [...new Set(valid.flatMap((r) => r.positions.map((p) => p.officeKey)))];
  const holders = await holdersOf(tx, officeKeys, !options.dryRun);
  /** Tenures this import adds, by office, for rows further down the file. */
  const added = new Map<string, (HeldTenure & { officialKey: string })[]>();

  const changes: Change[] = [];
  const unchanged: OfficialRecord[] = [];
  const claimedBy = new Map<string, number>();
  for (const record of valid) {
    const issues: RowProblem[] = [];
    const problem = (column: string, message: string) => issues.push({ line: record.line, column, message });
    const official = matchOfficial(record, index, problem);
    // Two rows for one person: the same official found, or (to create) the same Wikidata id, slug or name
    // (namesakes to create are told apart by their slugs).
    const claimKey = official
      ? official.id
      : record.wikidataId
        ? `new|${record.wikidataId}`
        : record.slug
          ? `new|slug|${record.slug}`
          : `new|${record.country}|${normalizeName(record.name)}`;
    if (claimedBy.has(claimKey)) {
      problem('name', `The same official as on line ${claimedBy.get(claimKey)}`);
    }

    // What the row adds: spellings, Wikidata id, bio, tenures and tenure ends the record lacks.
    const known = new Set(
      official ? [official.nameSearch, ...official.aliases.map((a) => a.nameSearch)] : [normalizeName(record.name)],
    );
    const aliases: Change['aliases'] = [];
    for (const name of official ? [record.name, ...record.otherSpellings] : record.otherSpellings) {
      const nameSearch = normalizeName(name);
      if (known.has(nameSearch)) continue;
      known.add(nameSearch);
      aliases.push({ name, nameSearch });
    }
    const existing = official?.positions ?? [];
    const positions: OfficialPositionRecord[] = [];
    const endDates: Change['endDates'] = [];
    const tenures: Tenure[] = existing.map((p) => ({
      officeKey: p.officeKey,
      startDate: p.startDate,
      endDate: p.endDate,
    }));
    for (const p of record.positions) {
      const same = existing.find((e) => e.officeKey === p.officeKey && e.startDate === p.startDate);
      if (!same) {
        positions.push(p);
        tenures.push({ officeKey: p.officeKey, startDate: p.startDate, endDate: p.endDate ?? null });
      } else if (same.endDate === null && p.endDate) {
        endDates.push({ id: same.id, officeKey: p.officeKey, startDate: p.startDate, endDate: p.endDate });
        tenures[existing.indexOf(same)] = { ...tenures[existing.indexOf(same)], endDate: p.endDate };
      } else if ((same.endDate ?? '') !== (p.endDate ?? '')) {
        problem(
          'positions',
          `${p.officeKey} from ${p.startDate} is recorded as ending ${same.endDate ?? 'never (current)'}; the file says ` +
            `${p.endDate ?? 'no end'}. Change it on the official’s page`,
        );
      }
    }
    const ownKey = official?.id ?? `line:${record.line}`;
    const others = [...new Set(tenures.map((t) => t.officeKey))].flatMap((key) => [
      ...(holders.get(key) ?? []).filter((h) => h.officialId !== official?.id),
      ...(added.get(key) ?? []).filter((h) => h.officialKey !== ownKey),
    ]);
    const tenureErrors = checkTenures(tenures, others);
    for (const [field, messages] of Object.entries(tenureErrors)) {
      const index = Number(field.split('.')[1]);
      if (index < existing.length) continue;
      const position = positions[index - existing.length];
      for (const message of messages)
        problem('positions', `${position.officeKey} from ${position.startDate}: ${message}`);
    }

    if (issues.length > 0) {
      problems.push(...issues);
      continue;
    }
    claimedBy.set(claimKey, record.line);
    for (const p of positions) {
      const list = added.get(p.officeKey) ?? [];
      list.push({
        officeKey: p.officeKey,
        startDate: p.startDate,
        endDate: p.endDate ?? null,
        holder: record.name,
        officialKey: ownKey,
      });
      added.set(p.officeKey, list);
    }
    const change: Change = {
      record,
      official: official ?? null,
      slug: official?.slug ?? '',
      aliases,
      positions,
      endDates,
      wikidataId: record.wikidataId && !official?.wikidataId ? record.wikidataId : null,
      bio: record.bio && !official?.bio ? record.bio : null,
    };
    const isChange =
      !official || aliases.length + positions.length + endDates.length > 0 || change.wikidataId || change.bio;
    if (isChange) changes.push(change);
    else unchanged.push(record);
  }

  await assignSlugs(tx, changes);
  const creates = changes.filter((c) => c.official === null);
  const updates = changes.filter((c): c is Change & { official: Loaded } => c.official !== null);
  const report: OfficialsImportReport = {
    dryRun: options.dryRun,
    created: creates.length,
    updated: updates.length,
    unchanged: unchanged.length,
    problems: problems.sort((a, b) => a.line - b.line),
    createdOfficials: creates.map((c) => ({
      line: c.record.line,
      name: c.record.name,
      country: c.record.country,
      slug: c.slug,
    })),
    updatedOfficials: updates.map((c) => ({
      line: c.record.line,
      name: c.official.name,
      slug: c.slug,
      changes: describeChange(c),
    })),
  };
  if (options.dryRun || changes.length === 0) return report;

  // Offices first (a position names one), then officials, spellings, tenures: a statement each.
  const offices = new Map<string, { key: string; country: string; title: string; organisation: string | null }>();
  for (const c of changes) {
    for (const p of c.positions) {
      if (!offices.has(p.officeKey)) {
        offices.set(p.officeKey, {
          key: p.officeKey,
          country: p.officeKey.slice(0, 2),
          title: p.title,
          organisation: p.organisation ?? null,
        });
      }
    }
  }
  // Raw statements over arrays: Prisma's createMany spends seconds on 10,000 rows, one of these milliseconds.
  if (offices.size > 0) {
    const list = [...offices.values()];
    await tx.$executeRaw`
      INSERT INTO office (key, country, title, organisation)
      SELECT * FROM unnest(${list.map((o) => o.key)}::text[], ${list.map((o) => o.country)}::text[],
                           ${list.map((o) => o.title)}::text[], ${list.map((o) => o.organisation)}::text[])
      ON CONFLICT (key) DO NOTHING`;
  }
  const ids = new Map(creates.map((c) => [c, newId()]));
  const idOf = (c: Change) => c.official?.id ?? ids.get(c)!;
  if (creates.length > 0) {
    await tx.$executeRaw`
      INSERT INTO official (id, slug, name, name_search, search_key, country, wikidata_id, bio, updated_at)
      SELECT u.*, now() FROM unnest(
        ${creates.map(idOf)}::text[], ${creates.map((c) => c.slug)}::text[], ${creates.map((c) => c.record.name)}::text[],
        ${creates.map((c) => normalizeName(c.record.name))}::text[], ${creates.map((c) => searchKey(c.record.name))}::text[],
        ${creates.map((c) => c.record.country)}::text[],
        ${creates.map((c) => c.record.wikidataId ?? null)}::text[], ${creates.map((c) => c.record.bio ?? null)}::text[]
      ) AS u`;
  }
  const aliases = changes.flatMap((c) => c.aliases.map((a) => ({ officialId: idOf(c), ...a })));
  if (aliases.length > 0) {
    await tx.$executeRaw`
      INSERT INTO official_alias (id, official_id, name, name_search, search_key)
      SELECT * FROM unnest(${aliases.map(() => newId())}::text[], ${aliases.map((a) => a.officialId)}::text[],
                           ${aliases.map((a) => a.name)}::text[], ${aliases.map((a) => a.nameSearch)}::text[],
                           ${aliases.map((a) => searchKey(a.name))}::text[])
      ON CONFLICT (official_id, name_search) DO NOTHING`;
  }
  const tenures = changes.flatMap((c) => c.positions.map((p) => ({ officialId: idOf(c), ...p })));
  if (tenures.length > 0) {
    await tx.$executeRaw`
      INSERT INTO position (id, official_id, office_key, title, organisation, start_date, end_date)
      SELECT u.id, u.official_id, u.office_key, u.title, u.organisation, u.start_date::date, u.end_date::date
      FROM unnest(${tenures.map(() => newId())}::text[], ${tenures.map((t) => t.officialId)}::text[],
                  ${tenures.map((t) => t.officeKey)}::text[], ${tenures.map((t) => t.title)}::text[],
                  ${tenures.map((t) => t.organisation ?? null)}::text[], ${tenures.map((t) => t.startDate)}::text[],
                  ${tenures.map((t) => t.endDate ?? null)}::text[])
        AS u(id, official_id, office_key, title, organisation, start_date, end_date)`;
  }
  const ends = updates.flatMap((c) => c.endDates);
  if (ends.length > 0) {
    await tx.$executeRaw`
      UPDATE position AS p SET end_date = u.end_date::date, version = p.version + 1
      FROM unnest(${ends.map((e) => e.id)}::text[], ${ends.map((e) => e.endDate)}::text[]) AS u(id, end_date)
      WHERE p.id = u.id`;
  }
  if (updates.length > 0) {
    await tx.$executeRaw`
      UPDATE official AS o
      SET wikidata_id = COALESCE(o.wikidata_id, u.wikidata_id), bio = COALESCE(NULLIF(o.bio, ''), u.bio),
          version = o.version + 1, updated_at = now()
      FROM unnest(${updates.map((c) => c.official.id)}::text[], ${updates.map((c) => c.wikidataId)}::text[],
                  ${updates.map((c) => c.bio)}::text[]) AS u(id, wikidata_id, bio)
      WHERE o.id = u.id`;
  }
  // New tenures move the contacts of officials already recorded between office pairs.
  const retenured = updates.filter((c) => c.positions.length + c.endDates.length > 0).map((c) => c.official.id);
  if (retenured.length > 0) {
    await reresolvePositions(tx, retenured);
    await syncContactStats(tx, await contactIdsOfOfficials(tx, retenured));
  }

  const note = `import of ${options.fileName}`;
  const entries: AuditEntry[] = changes.map((c) => {
    const before = c.official && {
      ...snapshotOf({
        ...c.official,
        otherNames: c.official.aliases.map((a) => a.name),
        positions: c.official.positions,
      }),
      version: c.official.version,
    };
    const after = snapshotOf({
      id: idOf(c),
      slug: c.slug,
      name: c.official?.name ?? c.record.name,
      country: c.record.country,
      wikidataId: c.official?.wikidataId ?? c.record.wikidataId ?? null,
      bio: c.official?.bio || c.record.bio || null,
      otherNames: [...(c.official?.aliases.map((a) => a.name) ?? []), ...c.aliases.map((a) => a.name)],
      positions: [
        ...(c.official?.positions.map((p) => ({
          ...p,
          endDate: c.endDates.find((e) => e.id === p.id)?.endDate ?? p.endDate,
        })) ?? []),
        ...c.positions,
      ],
    });
    return {
      action: c.official ? 'update' : 'create',
      entityType: 'official',
      entityId: idOf(c),
      before: before ?? undefined,
      after: c.official ? { ...after, version: c.official.version + 1 } : { ...after, version: 1 },
      note,
    };
  });
  await writeAudits(tx, actor, entries);
  return report;
}
