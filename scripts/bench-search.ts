/**
 * `npm run bench:search`: how fast officials are found by a misspelt or transliterated name, measured in the
 * data layer, uncached (no response cache in the way: each query is asked once), on the database the app uses
 * (DATABASE_URL, or the embedded one). It needs at least 10,000 officials: `npm run bench:data` makes them
 * (BENCH_OFFICIALS, default 10,000, with other spellings in Latin, German transliteration and Cyrillic).
 *
 * BENCH_SEARCHES (default 1,000) distinct queries are made from the officials' own names, deterministically:
 * a letter dropped, two letters swapped, a German or Cyrillic spelling (not the ones stored), a surname alone.
 * Each is asked one after the other, as the search page asks it (searchOfficials, 12 a page) and as the
 * contact list asks it (the ids of every official it matches); the baseline, in the same run, is an
 * official's profile read by slug (getOfficialBySlug), what an official page reads. Prints a Markdown table
 * with p50, p99 and max, and PASS or FAIL against the target: search p99 at most 50 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabaseOrExit } from './lib/database';
import { migrateDeploy } from './lib/prisma';
import { fail, runMainIfScript } from './lib/run';

const TARGET_P99_MS = 50;
const MIN_OFFICIALS = 10_000;
const OUT_DIR = path.join(process.cwd(), 'bench');

function log(line: string) {
  process.stderr.write(`[bench:search] ${line}\n`);
}

/** A small deterministic generator (mulberry32), so that the same data gives the same queries. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CYRILLIC: Record<string, string> = {
  a: 'а',
  b: 'б',
  v: 'в',
  g: 'г',
  d: 'д',
  e: 'е',
  z: 'з',
  i: 'и',
  y: 'й',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  f: 'ф',
  h: 'х',
  c: 'ц',
  j: 'ж',
  w: 'в',
  q: 'к',
  x: 'кс',
};

/** A way of writing a name that is not stored: misspelt, or transliterated another way. */
function variant(name: string, next: () => number): string {
  const words = name.split(' ');
  const surname = words.at(-1) ?? name;
  const at = (s: string) => 1 + Math.floor(next() * Math.max(1, s.length - 2));
  switch (Math.floor(next() * 5)) {
    case 0: {
      const i = at(name);
      return name.slice(0, i) + name.slice(i + 1);
    }
    case 1: {
      const i = at(name);
      return name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
    }
    case 2:
      return name.replace(/sh/g, 'sch').replace(/v/g, 'w').replace(/ch/g, 'tsch').replace(/y/g, 'j') + 'h';
    case 3:
      return [...name.toLowerCase()].map((c) => CYRILLIC[c] ?? c).join('');
    default: {
      const i = at(surname);
      return surname.slice(0, i) + surname.slice(i + 1);
    }
  }
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
}

async function time(samples: number[], run: () => Promise<unknown>) {
  const started = performance.now();
  await run();
  samples.push(performance.now() - started);
}

/** What measureSpellingSearch found: milliseconds per query, as percentiles. */
export type SpellingSearchResult = {
  officials: number;
  aliases: number;
  queries: number;
  found: number;
  baseline: Percentiles;
  page: Percentiles;
  contacts: Percentiles;
  pass: boolean;
};
type Percentiles = ReturnType<typeof percentiles>;

/**
 * Asks `count` distinct misspelt or transliterated names of the officials in the database that
 * DATABASE_URL names (the app's login), one after the other, through the data layer, with the baseline
 * beside them. Throws when there are fewer than 10,000 officials.
 */
export async function measureSpellingSearch(options: {
  ownerUrl: string;
  count: number;
}): Promise<SpellingSearchResult> {
  const { ownerUrl, count } = options;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  let officials: { name: string; slug: string }[];
  let aliases: number;
  try {
    officials = (
      await client.query<{ name: string; slug: string }>(
        'SELECT name, slug FROM official WHERE merged_into_id IS NULL ORDER BY id',
      )
    ).rows;
    aliases = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM official_alias')).rows[0].n);
  } finally {
    await client.end();
  }
  if (officials.length < MIN_OFFICIALS) {
    throw new Error(
      `The database has ${officials.length} officials; the search target is at ${MIN_OFFICIALS}. Load them first: npm run bench:data`,
    );
  }
  const { searchOfficials, getOfficialBySlug } = await import('../lib/data/officials');
  const { matchingOfficialIds } = await import('../lib/data/official-search');
  const { disconnectDb } = await import('../lib/db');
  const next = random(20261205);
  const queries = new Set<string>();
  while (queries.size < count) queries.add(variant(officials[Math.floor(next() * officials.length)].name, next));
  const slugs = [...queries].map(() => officials[Math.floor(next() * officials.length)].slug);

  // A warm-up, unmeasured: the first queries open the pool's connections and read the indexes in.
  for (const q of [...queries].slice(0, 50)) await searchOfficials({ q, pageSize: 12 });
  const page: number[] = [];
  const contacts: number[] = [];
  const baseline: number[] = [];
  let found = 0;
  let i = 0;
  for (const q of queries) {
    await time(page, async () => {
      if ((await searchOfficials({ q, pageSize: 12 })).total > 0) found++;
    });
    await time(contacts, () => matchingOfficialIds(q));
    await time(baseline, () => getOfficialBySlug(slugs[i++]));
  }
  await disconnectDb();
  const result = {
    officials: officials.length,
    aliases,
    queries: count,
    found,
    baseline: percentiles(baseline),
    page: percentiles(page),
    contacts: percentiles(contacts),
  };
  return { ...result, pass: result.page.p99 <= TARGET_P99_MS && result.contacts.p99 <= TARGET_P99_MS };
}

/** The measurement as Markdown: a sentence, a table, the target. */
export function spellingSearchMarkdown(r: SpellingSearchResult): string {
  const ms = (n: number) => n.toFixed(1);
  const n = (x: number) => x.toLocaleString('en-GB');
  const rows = [
    ['official profile by slug (baseline)', r.baseline],
    ['search officials, 12 a page (search page, type-ahead, API)', r.page],
    ['officials matched, all ids (contact search)', r.contacts],
  ] as const;
  return [
    `Search by any spelling: ${n(r.officials)} officials, ${n(r.aliases)} other spellings, ${n(r.queries)} distinct ` +
      `misspelt or transliterated queries asked once each, in the data layer (uncached); ${n(r.found)} of them found someone.`,
    '',
    '| query | p50 ms | p99 ms | max ms |',
    '|---|---|---|---|',
    ...rows.map(([label, p]) => `| ${label} | ${ms(p.p50)} | ${ms(p.p99)} | ${ms(p.max)} |`),
    '',
    `Target: search p99 ≤ ${TARGET_P99_MS} ms: ${r.pass ? 'PASS' : '**FAIL**'}.`,
  ].join('\n');
}

async function main() {
  const count = Number(process.env.BENCH_SEARCHES ?? 1000);
  if (!Number.isInteger(count) || count < 100) fail('BENCH_SEARCHES must be a whole number, at least 100.');
  const database = await openDatabaseOrExit({ mode: 'app', log });
  try {
    const migrationError = await migrateDeploy(database.ownerUrl);
    if (migrationError) fail(migrationError);
    process.env.DATABASE_URL = database.url;
    const load = os.loadavg()[0];
    log(`load average ${load.toFixed(1)} on ${os.cpus().length} cores`);
    const result = await measureSpellingSearch({ ownerUrl: database.ownerUrl, count });
    const markdown = `${spellingSearchMarkdown(result)}\n\nLoad average at the start: ${load.toFixed(1)} on ${os.cpus().length} cores.\n`;
    process.stdout.write(markdown);
    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.writeFileSync(path.join(OUT_DIR, 'SEARCH.md'), `# npm run bench:search\n\n${markdown}`);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  } finally {
    await database.stop();
  }
}

// Run as a script (not when the bench imports the measurement).
runMainIfScript(import.meta.url, main);
