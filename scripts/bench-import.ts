/**
 * The import part of `npm run bench`: how fast `npm run cli -- import contacts` takes a large CSV file,
 * against PostgreSQL's own COPY of the same file in the same run, on the same server.
 *
 * 1. A deterministic contacts file in the import contract's format (lib/import/contract.ts), in a temporary
 *    folder: BENCH_IMPORT_ROWS rows between officials that `npm run bench:data` made (ids `bench-o…`) of the
 *    two countries with most of them, named by name where that is unambiguous and by slug otherwise, on pairs
 *    with no scheduled contact (a held one would resolve it: an edit of a contact the bench did not make).
 *    Every row's source is under https://bench-import.counterpart.invalid/ and its external_id is
 *    `bench-import-<n>`.
 * 2. The baseline: `COPY … FROM STDIN (FORMAT csv, HEADER true)` of that file into a logged table of text
 *    columns, one per CSV column, timed from the start of the stream to the commit; the table is dropped.
 * 3. The import: the real command line in its own process, timed from spawn to exit, with the importer's own
 *    seconds read from the report line it prints; then the same file again (nothing to change).
 * 4. The imported contacts are removed in one transaction through the app's data layer: marked deleted, their
 *    pair statistics brought up to date (`syncContactStats`), then deleted with their audit rows and the
 *    import runs the command line recorded. The live contact count and a checksum of the statistics tables
 *    must then be as before the import.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { normalizeName } from '../lib/names';
import type { DatabaseHandle } from './lib/database';
import { bin, ROOT } from './lib/run';

/** The external ids of the bench's rows start so; the importer keeps them as `contact.import_key`. */
const KEY_PREFIX = 'bench-import-';
const SOURCE_URL = 'https://bench-import.counterpart.invalid/';
/** The name the command line records the import under (`import_run.file_name`). */
const FILE_NAME = 'counterpart-bench-import.csv';
const COPY_TABLE = 'bench_import_copy';
/** Officials per country the rows are spread over, at most. */
const OFFICIALS_PER_COUNTRY = 60;
/** A fixed span, so the file is the same every day and no held contact is in the future. */
const FIRST_DAY = Date.UTC(1980, 0, 1);
const LAST_DAY = Date.UTC(2024, 11, 31);
const DAY_MS = 86_400_000;

const COLUMNS = [
  'external_id',
  'date',
  'date_precision',
  'type',
  'status',
  'participant_a',
  'country_a',
  'participant_b',
  'country_b',
  'initiator',
  'duration_minutes',
  'location',
  'summary',
  'topics',
  'source_url',
  'source_publisher',
  'source_title',
  'source_published_at',
  'source_quote',
] as const;

const TOPICS = (
  'security arms-control trade energy sanctions nuclear maritime cyber climate prisoners deconfliction ' +
  'humanitarian terrorism space grain-exports missile-defence'
).split(' ');
const CITIES = 'Geneva Vienna Helsinki Brussels Istanbul Reykjavik Oslo Stockholm Doha Singapore Astana Malta'.split(
  ' ',
);
const PUBLISHERS = [
  'Reuters',
  'Associated Press',
  'Agence France-Presse',
  'TASS',
  'Ministry readout',
  'BBC Monitoring',
];
const OPENINGS = [
  'The two sides discussed',
  'Talks focused on',
  'The ministers exchanged views on',
  'A readout described a frank exchange on',
  'Both delegations reviewed',
  'The conversation covered',
];
const CLOSINGS = [
  'They agreed to keep the channel open and to speak again within weeks.',
  'No joint statement was issued; each side published its own account afterwards.',
  'Officials described the exchange as businesslike, with differences remaining on most points.',
  'Working groups were asked to report back before the next meeting of the principals.',
  'The readouts differed on who had asked for the contact and on what had been agreed.',
  'Both sides stressed the importance of avoiding miscalculation and of regular contact.',
];

/** What the bench reports of the import. */
export type ImportBenchResult = {
  rows: number;
  fileBytes: number;
  countries: [string, string];
  officials: number;
  pairs: number;
  copySeconds: number;
  import: ImportRun;
  rerun: ImportRun;
  /** Rows per second by the importer's own seconds, and by the wall clock from spawn to exit. */
  rowsPerSecond: number | null;
  rowsPerSecondWall: number | null;
  /** The import's seconds over COPY's: its own, and wall-clock. */
  timesCopy: number | null;
  timesCopyWall: number | null;
  cleanup: {
    removed: number;
    liveBefore: number;
    liveAfter: number;
    statisticsRestored: boolean;
  };
};

/** One run of the command line: its exit, the wall clock, and what its report line says. */
export type ImportRun = {
  exitCode: number;
  wallSeconds: number;
  /** The importer's own seconds, from its report line ("N rows in S s: …"); null when it printed none. */
  seconds: number | null;
  /** From spawn until the command line said it was updating the statistics (null if it never did). */
  statisticsStartedAt: number | null;
  created: number | null;
  updated: number | null;
  unchanged: number | null;
  problems: number | null;
  /** The command line's last lines when it failed. */
  error: string | null;
};

type Official = { id: string; slug: string; name: string; country: string; cell: string };

/** A deterministic stream of numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The officials the file names: `bench:data`'s, of the two countries with most of them. A row names an
 * official by name when that name (or spelling) is theirs alone in their country, else by slug.
 */
async function benchOfficials(client: pg.Client): Promise<{ countries: [string, string]; officials: Official[] }> {
  const top = await client.query<{ country: string }>(
    `SELECT country FROM official WHERE id LIKE 'bench-o%' AND merged_into_id IS NULL
      GROUP BY country ORDER BY count(*) DESC, country LIMIT 2`,
  );
  if (top.rows.length < 2)
    throw new Error('The database has no bench officials of two countries to import contacts between.');
  const countries: [string, string] = [top.rows[0].country, top.rows[1].country];
  const { rows } = await client.query<{ id: string; slug: string; name: string; country: string }>(
    `SELECT id, slug, name, country FROM (
       SELECT id, slug, name, country, row_number() OVER (PARTITION BY country ORDER BY id) AS n
         FROM official WHERE id LIKE 'bench-o%' AND merged_into_id IS NULL AND country = ANY($1)) o
      WHERE n <= $2 ORDER BY id`,
    [countries, OFFICIALS_PER_COUNTRY],
  );
  // Every name and spelling in these countries, as the importer matches them.
  const names = await client.query<{ country: string; search: string }>(
    `SELECT country, name_search AS search FROM official WHERE merged_into_id IS NULL AND country = ANY($1)
     UNION ALL
     SELECT o.country, a.name_search FROM official_alias a JOIN official o ON o.id = a.official_id
      WHERE o.country = ANY($1)`,
    [countries],
  );
  const uses = new Map<string, number>();
  for (const { country, search } of names.rows) {
    const key = `${country}|${normalizeName(search)}`;
    uses.set(key, (uses.get(key) ?? 0) + 1);
  }
  const officials = rows.map((o) => ({
    ...o,
    cell: uses.get(`${o.country}|${normalizeName(o.name)}`) === 1 ? o.name : o.slug,
  }));
  return { countries, officials };
}

/** Pairs of one official of each country with no scheduled contact between them. */
async function openPairs(client: pg.Client, officials: Official[], countries: [string, string]) {
  const { rows } = await client.query<{ a: string; b: string }>(
    `SELECT DISTINCT a, b FROM pair_contact
      WHERE level = 'OFFICIAL' AND status = 'SCHEDULED' AND a = ANY($1) AND b = ANY($1)`,
    [officials.map((o) => o.id)],
  );
  const scheduled = new Set(rows.map((r) => `${r.a}|${r.b}`));
  const side = (country: string) => officials.filter((o) => o.country === country);
  const pairs: [Official, Official][] = [];
  for (const a of side(countries[0])) {
    for (const b of side(countries[1])) {
      // Pair keys are sorted in "C" collation, as JavaScript compares these ASCII ids.
      const key = a.id < b.id ? `${a.id}|${b.id}` : `${b.id}|${a.id}`;
      if (!scheduled.has(key)) pairs.push([a, b]);
    }
  }
  if (pairs.length === 0) throw new Error('Every pair of the bench officials chosen has a scheduled contact.');
  return pairs;
}

/** Writes the file; returns its size in bytes. */
function writeFile(file: string, rows: number, pairs: [Official, Official][]): number {
  const next = random(20_240_901);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  const write = (text: string) => {
    bytes += fs.writeSync(fd, text);
  };
  try {
    write(`${COLUMNS.join(',')}\n`);
    let chunk: string[] = [];
    for (let n = 1; n <= rows; n += 1) {
      const [a, b] = pick(pairs);
      const day = FIRST_DAY + Math.floor(next() * ((LAST_DAY - FIRST_DAY) / DAY_MS + 1)) * DAY_MS;
      const iso = isoDay(day);
      const roll = next();
      const [date, precision] =
        roll < 0.9 ? [iso, ''] : roll < 0.97 ? [iso.slice(0, 7), 'MONTH'] : [iso.slice(0, 4), 'YEAR'];
      const year = Number(iso.slice(0, 4));
      const typeRoll = next();
      const type =
        typeRoll < 0.4
          ? 'CALL'
          : typeRoll < 0.75
            ? 'MEETING'
            : typeRoll < 0.85 && year >= 2005
              ? 'VIDEO_CALL'
              : 'LETTER';
      const statusRoll = next();
      const status = statusRoll < 0.85 ? 'HELD' : statusRoll < 0.95 ? 'REQUESTED' : 'REFUSED';
      const swap = next() < 0.5;
      const [first, second] = swap ? [b, a] : [a, b];
      const topics = [...new Set([pick(TOPICS), pick(TOPICS), pick(TOPICS)].slice(0, 1 + Math.floor(next() * 3)))];
      const held = status === 'HELD';
      const subjects = topics.map((topic) => topic.replaceAll('-', ' '));
      const list = subjects.length > 1 ? `${subjects.slice(0, -1).join(', ')} and ${subjects.at(-1)}` : subjects[0];
      const kind = { CALL: 'call', VIDEO_CALL: 'video call', MEETING: 'meeting', LETTER: 'letter' }[type];
      const summary = held
        ? `${pick(OPENINGS)} ${list} in a ${kind}. ${pick(CLOSINGS)}${next() < 0.5 ? ` ${pick(CLOSINGS)}` : ''}`
        : `${first.country} ${status === 'REFUSED' ? 'was refused' : 'asked for'} a ${kind} on ${list}, ` +
          `according to accounts published afterwards. ${pick(CLOSINGS)}`;
      const published = isoDay(Math.min(day + Math.floor(next() * 3) * DAY_MS, LAST_DAY));
      const cells = [
        `${KEY_PREFIX}${n}`,
        date,
        precision,
        type,
        status,
        first.cell,
        first.country,
        second.cell,
        second.country,
        next() < 0.6 ? pick(['a', 'b']) : '',
        held && type !== 'LETTER' && next() < 0.7 ? String(10 + Math.floor(next() * 170)) : '',
        type === 'MEETING' ? pick(CITIES) : '',
        summary,
        topics.join(';'),
        `${SOURCE_URL}${n}`,
        pick(PUBLISHERS),
        `${first.country} and ${second.country} officials ${held ? 'hold talks' : status === 'REFUSED' ? 'decline talks' : 'seek talks'} on ${subjects[0]}`,
        published,
        held && next() < 0.3
          ? `“We had a ${pick(['useful', 'difficult', 'long', 'candid'])} conversation,” an official said.`
          : '',
      ];
      chunk.push(cells.map(csvCell).join(','));
      if (chunk.length === 1000) {
        write(`${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length > 0) write(`${chunk.join('\n')}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return bytes;
}

/** COPY of the file into a logged table of text columns, from the start of the stream to the commit. */
async function copySeconds(url: string, file: string, rows: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  const table = client.escapeIdentifier(COPY_TABLE);
  try {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(
      `CREATE TABLE ${table} (${COLUMNS.map((c) => `${client.escapeIdentifier(c)} text`).join(', ')})`,
    );
    await client.query('BEGIN');
    const started = performance.now();
    await pipeline(
      fs.createReadStream(file),
      client.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT csv, HEADER true)`)),
    );
    await client.query('COMMIT');
    const seconds = (performance.now() - started) / 1000;
    const copied = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
    if (copied !== rows) throw new Error(`COPY took ${copied} rows of the ${rows} in the file.`);
    return seconds;
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    await client.query(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
    await client.end().catch(() => {});
  }
}

const count = (text: string | undefined) => (text === undefined ? null : Number(text.replaceAll(',', '')));

/** Runs `import contacts FILE` on the command line, as a person would, timed from spawn to exit. */
function runCli(database: DatabaseHandle, file: string, log: (line: string) => void): Promise<ImportRun> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (database.embedded) {
    // As `npm run cli` beside `npm start`: the command line joins the embedded server this bench runs.
    delete env.DATABASE_URL;
    env.COUNTERPART_DATA_DIR = database.dataDir;
  } else env.DATABASE_URL = database.url;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let statisticsStartedAt: number | null = null;
    let stdout = '';
    let stderr = '';
    const child = spawn(bin('tsx'), ['--conditions=react-server', 'scripts/cli.ts', 'import', 'contacts', file], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stderr += text;
      if (statisticsStartedAt === null && text.includes('updating the statistics')) {
        statisticsStartedAt = (performance.now() - started) / 1000;
      }
      for (const line of text.split('\n')) if (line.trim() !== '') log(`  ${line.trim()}`);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = (performance.now() - started) / 1000;
      const line =
        /^([\d,]+) rows in ([\d.]+) s: ([\d,]+) created, ([\d,]+) updated, ([\d,]+) unchanged.*; ([\d,]+) problems?\.$/m.exec(
          stdout,
        );
      const exitCode = code ?? 1;
      const failed = exitCode !== 0 || line === null;
      resolve({
        exitCode,
        wallSeconds,
        seconds: line ? Number(line[2]) : null,
        statisticsStartedAt,
        created: count(line?.[3]),
        updated: count(line?.[4]),
        unchanged: count(line?.[5]),
        problems: count(line?.[6]),
        error: failed
          ? `${stdout}\n${stderr}`.trim().split('\n').slice(-5).join(' | ') || `exit code ${exitCode}`
          : null,
      });
    });
  });
}

/** A checksum of the pair statistics and pair rows, to see that they are as they were (versions aside). */
async function statisticsChecksum(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ sum: string }>(
    `SELECT concat_ws(' / ',
       (SELECT count(*) || ':' || coalesce(sum(hashtextextended(
          (level, a, b, country_a, country_b, contact_count, held_count, first_contact_id, first_date, last_contact_id,
           last_date, last_earliest, last_latest, last_approximate, last_disputed, gap_count, gap_sum, longest_days,
           longest_from_contact_id, longest_to_contact_id, median_days, any_approximate, any_disputed,
           approximate_gaps, disputed_gaps, open_until)::text, 0)), 0) FROM pair_stat),
       (SELECT count(*) || ':' || coalesce(sum(hashtextextended(g::text, 0)), 0) FROM pair_gap_length g),
       (SELECT count(*) || ':' || coalesce(sum(hashtextextended(p::text, 0)), 0) FROM pair_contact p)) AS sum`,
  );
  return rows[0].sum;
}

async function liveContacts(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM contact WHERE deleted_at IS NULL');
  return rows[0].n;
}

/**
 * Removes every contact the import bench made (this run's, or an interrupted run's), in one transaction
 * through the app's data layer so that the pair statistics stay exact, with their audit rows and the import
 * runs the command line recorded. The data layer must already point at the database (DATABASE_URL).
 * Returns how many contacts there were.
 */
export async function removeBenchImports(): Promise<number> {
  const { getDb, disconnectDb } = await import('../lib/db');
  const { syncContactStats } = await import('../lib/stats/maintain');
  try {
    return await getDb().$transaction(
      async (tx) => {
        const found = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM contact WHERE import_key LIKE ${`${KEY_PREFIX}%`}`;
        const ids = found.map((row) => row.id);
        if (ids.length > 0) {
          await tx.$executeRaw`UPDATE contact SET deleted_at = now() WHERE id = ANY(${ids}::text[]) AND deleted_at IS NULL`;
          await syncContactStats(tx, ids, { bulk: true });
          await tx.$executeRaw`
            DELETE FROM audit_log WHERE entity_type = 'contact' AND entity_id = ANY(${ids}::text[])`;
          // Participants, sources and pair rows go with their contact.
          await tx.$executeRaw`DELETE FROM contact WHERE id = ANY(${ids}::text[])`;
        }
        await tx.$executeRaw`DELETE FROM import_run WHERE file_name = ${FILE_NAME}`;
        return ids.length;
      },
      { timeout: 60 * 60 * 1000, maxWait: 60_000 },
    );
  } finally {
    await disconnectDb();
  }
}

const perSecond = (rows: number, seconds: number | null) => (seconds ? rows / seconds : null);
const ratio = (seconds: number | null, baseline: number) =>
  seconds !== null && baseline > 0 ? seconds / baseline : null;

/**
 * The whole measurement: file, COPY, import, import again, removal. `client` is the bench's own connection
 * (the tables' owner); the data layer must point at the database (DATABASE_URL set).
 */
export async function measureImport(options: {
  database: DatabaseHandle;
  client: pg.Client;
  rows: number;
  log: (line: string) => void;
}): Promise<ImportBenchResult> {
  const { database, client, rows, log } = options;
  const leftovers = await removeBenchImports();
  if (leftovers > 0) log(`Removed ${leftovers} contacts an interrupted import bench had imported`);
  const { countries, officials } = await benchOfficials(client);
  const pairs = await openPairs(client, officials, countries);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-bench-import-'));
  const file = path.join(folder, FILE_NAME);
  try {
    const fileBytes = writeFile(file, rows, pairs);
    log(
      `A ${rows.toLocaleString('en-GB')}-row file (${(fileBytes / 1e6).toFixed(1)} MB) between ${officials.length} officials of ${countries.join(' and ')} on ${pairs.length} pairs`,
    );
    const copy = await copySeconds(database.ownerUrl, file, rows);
    log(`  COPY: ${copy.toFixed(2)} s`);

    const liveBefore = await liveContacts(client);
    const statisticsBefore = await statisticsChecksum(client);
    log('  import contacts …');
    const first = await runCli(database, file, log);
    log(`  import: ${first.wallSeconds.toFixed(2)} s wall, ${first.seconds ?? '–'} s by the importer`);
    log('  import contacts again (unchanged) …');
    const rerun = await runCli(database, file, log);
    log(`  again: ${rerun.wallSeconds.toFixed(2)} s wall, ${rerun.seconds ?? '–'} s by the importer`);

    const removed = await removeBenchImports();
    const liveAfter = await liveContacts(client);
    const statisticsRestored = (await statisticsChecksum(client)) === statisticsBefore;
    log(
      `  removed the ${removed} imported contacts; live contacts ${liveAfter === liveBefore ? 'as before' : `NOT as before (${liveBefore} → ${liveAfter})`}, statistics ${statisticsRestored ? 'as before' : 'NOT as before'}`,
    );
    const ok = first.exitCode === 0 && first.created === rows;
    return {
      rows,
      fileBytes,
      countries,
      officials: officials.length,
      pairs: pairs.length,
      copySeconds: copy,
      import: first,
      rerun,
      rowsPerSecond: ok ? perSecond(rows, first.seconds) : null,
      rowsPerSecondWall: ok ? perSecond(rows, first.wallSeconds) : null,
      timesCopy: ok ? ratio(first.seconds, copy) : null,
      timesCopyWall: ok ? ratio(first.wallSeconds, copy) : null,
      cleanup: { removed, liveBefore, liveAfter, statisticsRestored },
    };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
