/**
 * What the measuring scripts share (`npm run bench`, `npm run soak`): the large history `npm run bench:data`
 * loads, a server's memory as Linux reports it, and removing what a run wrote. (The server itself:
 * scripts/lib/app-server.ts.)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { redactUrl, type DatabaseHandle } from './database';
import { migrateDeploy } from './prisma';
import { ROOT } from './run';

const STATE_FILE = path.join(ROOT, '.data', 'bench-data.json');

function log(line: string) {
  process.stderr.write(`[bench] ${line}\n`);
}

export type BenchData = {
  contacts: number;
  busiest: { officials: [string, string]; offices: [string, string]; countries: [string, string] };
};

function isPair(value: unknown): value is [string, string] {
  return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string' && v !== '');
}

function parseBenchData(line: string | undefined): BenchData | null {
  try {
    const data = JSON.parse(line ?? '') as BenchData;
    const { busiest } = data;
    return typeof data.contacts === 'number' &&
      isPair(busiest?.officials) &&
      isPair(busiest?.offices) &&
      isPair(busiest?.countries)
      ? data
      : null;
  } catch {
    return null;
  }
}

type State = Record<string, { loadedAt: string; liveContacts: number; data: BenchData }>;

function readState(): State {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as State;
  } catch {
    return {};
  }
}

/** Which database the state file speaks of: the embedded data folder, or the URL without its password. */
function databaseKey(database: DatabaseHandle): string {
  return database.dataDir ?? redactUrl(database.url);
}

export async function liveContacts(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM contact WHERE deleted_at IS NULL');
  return rows[0].n;
}

/** Runs `npm run bench:data` on this database, its progress shown; its last stdout line is the result. */
async function loadBenchData(database: DatabaseHandle): Promise<BenchData> {
  log('Loading the bench data: npm run bench:data …');
  const lines: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'bench:data'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, DATABASE_URL: database.ownerUrl },
    });
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        if (line.trim() === '') continue;
        lines.push(line);
        process.stderr.write(`[bench:data] ${line}\n`);
      }
    });
    child.stdout.on('end', () => {
      if (pending.trim() !== '') lines.push(pending);
    });
    child.on('error', reject);
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 128 : 1)));
  });
  if (code !== 0) throw new Error(`npm run bench:data failed (exit code ${code}).`);
  const data = parseBenchData(lines.at(-1));
  if (data === null) {
    throw new Error(
      `npm run bench:data did not end with {"contacts": N, "busiest": {"officials": [a, b], "offices": [a, b], "countries": [a, b]}}; its last line: ${lines.at(-1) ?? '(none)'}`,
    );
  }
  return data;
}

/** The bench data this database holds, loading it first when needed (always with `force`). */
export async function benchData(database: DatabaseHandle, client: pg.Client, force = false): Promise<BenchData> {
  const key = databaseKey(database);
  const state = readState();
  const known = state[key];
  if (!force && known) {
    const live = await liveContacts(client);
    const { rows } = await client.query<{ officials: number; generated: number }>(
      `SELECT (SELECT count(*)::int FROM official WHERE slug = ANY($1)) AS officials,
              (SELECT count(*)::int FROM contact WHERE id LIKE 'bench-%') AS generated`,
      [known.data.busiest.officials],
    );
    // bench:data's rows have ids starting `bench-`; what else the database holds may change meanwhile.
    const same = rows[0].generated === known.data.contacts || live === known.liveContacts;
    if (same && rows[0].officials === 2) {
      log(`Using the bench data loaded ${known.loadedAt} (${known.data.contacts.toLocaleString('en-GB')} contacts)`);
      return known.data;
    }
    log(
      `The bench data is not what was loaded (${rows[0].generated} generated contacts of ${known.data.contacts}, ${live} live contacts of ${known.liveContacts}): loading it again`,
    );
  }
  const data = await loadBenchData(database);
  state[key] = { loadedAt: new Date().toISOString(), liveContacts: await liveContacts(client), data };
  fs.mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  fs.writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
  return data;
}

/** Fields of /proc/<pid>/status in kB (Linux only; null elsewhere). */
export function procStatus(pid: number): { hwmKb: number; rssKb: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1]);
    return { hwmKb: field('VmHWM'), rssKb: field('VmRSS') };
  } catch {
    return null;
  }
}

/**
 * Deletes the contacts a measuring run wrote, those with a source under `markerUrl` (this run's, and any an
 * interrupted run left), as an admin would, through the app's data layer (so its derived data follows), then
 * removes them and their audit rows from the database. Returns how many there were.
 */
export async function removeMarkedWrites(client: pg.Client, markerUrl: string): Promise<number> {
  const { rows } = await client.query<{ id: string; version: number; deleted: boolean }>(
    `SELECT DISTINCT c.id, c.version, c.deleted_at IS NOT NULL AS deleted
       FROM contact c JOIN source s ON s.contact_id = c.id
      WHERE s.url LIKE $1`,
    [`${markerUrl}%`],
  );
  const { deleteContact } = await import('../../lib/data/contact-edits');
  const { disconnectDb } = await import('../../lib/db');
  const live = rows.filter((row) => !row.deleted);
  let next = 0;
  await Promise.all(
    Array.from({ length: 5 }, async () => {
      while (next < live.length) {
        const row = live[next++];
        await deleteContact(row.id, { version: row.version }, { userId: null, via: 'cli' });
      }
    }),
  );
  await disconnectDb();
  const ids = rows.map((row) => row.id);
  await client.query('BEGIN');
  await client.query(`DELETE FROM audit_log WHERE entity_type = 'contact' AND entity_id = ANY($1)`, [ids]);
  await client.query('DELETE FROM contact WHERE id = ANY($1)', [ids]);
  await client.query('COMMIT');
  return ids.length;
}

/**
 * Runs a load generator (`scripts/<script>`, given one job as JSON) in its own process, so that neither the
 * server nor the measuring script spends its CPU making the load; its last stdout line is the result.
 */
export function runLoadProcess<T>(script: string, job: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', script), JSON.stringify(job)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`The load generator failed (exit code ${code}).`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`The load generator printed no result: ${last.slice(0, 200)}`));
      }
    });
  });
}

/** A run's id, sorting by its start: the start to the second (UTC) and four random hex digits. */
export function runIdFor(started: Date): string {
  return `${started.toISOString().replace(/\D/g, '').slice(0, 14)}-${randomBytes(2).toString('hex')}`;
}

/** Brings the database's schema up to date, then connects `client`; a migration's failure is thrown. */
export async function migrateAndConnect(client: pg.Client, ownerUrl: string): Promise<void> {
  const migrationError = await migrateDeploy(ownerUrl);
  if (migrationError) throw new Error(migrationError);
  await client.connect();
}

/** One PostgreSQL setting as the server runs with it (e.g. `fsync`), as text. */
export async function currentSetting(client: pg.ClientBase, name: string): Promise<string> {
  return (await client.query<{ v: string }>('SELECT current_setting($1) AS v', [name])).rows[0].v;
}

/** The machine a run measured on, for its report. */
export function describeMachine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1e9) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}
