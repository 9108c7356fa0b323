/**
 * `npm run fuzz`: hostile input against every API route and every server action, ten thousand generated
 * cases unless told (lib/testing/fuzz). Every answer must be below 500, an error must be JSON with a code
 * and a message, and whatever is refused must leave every table as it was.
 *
 *   npm run fuzz -- [--cases N] [--seed N] [--only NAME] [--replay 3,17] [--json FILE]
 *       In-process, on a new throw-away database (on DATABASE_URL's server, or embedded).
 *   npm run fuzz -- --database-url URL …
 *       In-process, on that database as it is (it gets a fuzz admin, and whatever valid input creates).
 *   npm run fuzz -- --origin http://127.0.0.1:3000 [--token cp_…] --database-url URL [--no-db-check]
 *       Over HTTP against a running server (its body limits and proxy included; routes only). The URL is
 *       the server's database, for the checksums; --no-db-check while other clients write to it.
 *
 * Exits 1 when any case failed; each failure names its case, to rerun with --seed and --replay.
 */
import { writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { openDatabaseOrExit, type DatabaseHandle } from './lib/database';
import { migrateDeploy } from './lib/prisma';
import { ROOT } from './lib/run';
import { throwawaySecret } from './lib/secret';

const USAGE =
  'Usage: npm run fuzz -- [--cases N] [--seed N] [--origin URL [--token T]] [--database-url URL] [--only NAME] [--replay N,N] [--no-db-check] [--json FILE]';

function fail(message: string): never {
  process.stderr.write(`fuzz: ${message}\n${USAGE}\n`);
  process.exit(2);
}

/** A whole number option, or a one-line complaint. */
function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value)) fail(`--${name} takes a whole number, not “${value}”`);
  return Number(value);
}

/**
 * Route handlers and actions import next/headers, next/cache and next/navigation, which only work inside
 * a Next.js request; called in-process they get lib/testing/fuzz/next-shim.ts instead.
 */
function shimNext(): void {
  const shim = pathToFileURL(path.join(ROOT, 'lib/testing/fuzz/next-shim.ts')).href;
  const hooks = `
    const SHIMMED = new Set(['next/headers', 'next/cache', 'next/navigation']);
    export async function resolve(specifier, context, next) {
      if (SHIMMED.has(specifier) || SHIMMED.has(specifier.replace(/\\.js$/, ''))) return { url: ${JSON.stringify(shim)}, shortCircuit: true };
      return next(specifier, context);
    }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        cases: { type: 'string' },
        seed: { type: 'string' },
        origin: { type: 'string' },
        token: { type: 'string' },
        'database-url': { type: 'string' },
        only: { type: 'string', multiple: true },
        replay: { type: 'string' },
        'no-db-check': { type: 'boolean' },
        json: { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const origin = parsed.origin?.replace(/\/$/, '');
  if (origin !== undefined && !/^https?:\/\/[^/]+$/.test(origin))
    fail(`--origin takes a server's origin, e.g. http://127.0.0.1:3000, not “${origin}”`);
  if (origin !== undefined && !parsed['database-url'])
    fail('--origin needs --database-url: the server’s database, for the world and the checksums');
  const replay = parsed.replay?.split(',').map((n) => wholeNumber('replay', n.trim(), 0));
  const cases = wholeNumber('cases', parsed.cases, 10_000);
  const seed = wholeNumber('seed', parsed.seed, Date.now() % 1_000_000);
  const log = (line: string) => process.stderr.write(`[fuzz] ${line}\n`);

  let database: DatabaseHandle | null = null;
  let databaseUrl = parsed['database-url'];
  if (databaseUrl === undefined) {
    database = await openDatabaseOrExit({ mode: 'throwaway', log });
    const error = await migrateDeploy(database.ownerUrl);
    if (error) {
      await database.stop();
      fail(error);
    }
    // The app connects as its own role; the checksums read every table as the owner.
    process.env.DATABASE_URL = database.url;
    databaseUrl = database.ownerUrl;
  }
  process.env.DATABASE_URL ??= databaseUrl;
  process.env.BETTER_AUTH_SECRET ??= throwawaySecret();
  process.env.BETTER_AUTH_URL ??= 'http://localhost:3000';
  if (origin === undefined) shimNext();

  try {
    const { formatReport, runFuzz } = await import('../lib/testing/fuzz/run');
    log(
      `${replay ? `replaying cases ${replay.join(', ')}` : `${cases} cases`}, seed ${seed}, ${origin ? `over HTTP to ${origin}` : 'in-process'}`,
    );
    const report = await runFuzz({
      cases,
      seed,
      databaseUrl,
      origin,
      token: parsed.token ?? process.env.FUZZ_TOKEN,
      only: parsed.only,
      replay,
      checkDatabase: !parsed['no-db-check'],
      log,
    });
    process.stdout.write(`${formatReport(report)}\n`);
    if (parsed.json) writeFileSync(parsed.json, `${JSON.stringify(report, null, 2)}\n`);
    process.exitCode = report.failures.length > 0 ? 1 : 0;
  } finally {
    const { disconnectDb } = await import('../lib/db');
    await disconnectDb();
    await database?.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`fuzz: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
