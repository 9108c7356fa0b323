/**
 * `npm start`: picks the database (DATABASE_URL, or the embedded server), applies
 * pending migrations, loads the demo data into an empty embedded database,
 * builds the app when its sources changed, and serves it until stopped.
 * `npm run dev` does the same with Next.js's development server.
 * Its log (and the server's) is readable lines in a terminal, JSON lines otherwise; LOG_FORMAT chooses.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import readline from 'node:readline';
import { isColorSupported, prettyFactory } from 'pino-pretty';
import { createLogger, logFormatFromEnv, logLevelFromEnv, PRETTY_OPTIONS } from '../lib/logging.mjs';
import { buildIsCurrent } from './lib/build';
import { openDatabaseOrExit, redactUrl } from './lib/database';
import { migrateDeploy } from './lib/prisma';
import { bin, fail, ROOT, run } from './lib/run';
import { authSecretProblem } from './lib/auth-secret.mjs';
import { authSecret } from './lib/secret';
import { seedIfWanted } from './lib/seed';
import { serverNodeArgs } from './lib/server-heap';

const isDev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);

/** LOG_LEVEL and LOG_FORMAT, or one line saying what to fix, before anything starts. */
function logSettings() {
  try {
    return { level: logLevelFromEnv(process.env.LOG_LEVEL), format: logFormatFromEnv(process.env.LOG_FORMAT) };
  } catch (error) {
    return fail((error as Error).message);
  }
}

const settings = logSettings();
// Readable lines for a person at a terminal; JSON lines, as the server writes them, for anything else.
const pretty = settings.format === 'pretty' || (settings.format === null && process.stdout.isTTY === true);
const prettify = pretty
  ? prettyFactory({ ...PRETTY_OPTIONS, colorize: process.stdout.isTTY === true && isColorSupported })
  : null;
/** Writes one JSON log line to standard output, made readable when it goes to a person. */
const print = (line: string) => process.stdout.write(prettify === null ? line : prettify(line));
const logger = createLogger({ level: settings.level, destination: { write: print } });

function log(line: string) {
  logger.info(line);
}

/** The production server's heap flags, or one line saying what to fix. */
function heapArgs(): string[] {
  try {
    return serverNodeArgs();
  } catch (error) {
    return fail((error as Error).message);
  }
}

/** Fails fast, before any slow step, when the web port is taken. */
async function checkPortFree(): Promise<void> {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    fail(`PORT must be a number from 1 to 65535, not "${process.env.PORT}".`);
  await new Promise<void>((resolve) => {
    const server = net.createServer();
    server.once('error', () =>
      fail(`Port ${port} is already in use. Stop what runs there, or choose another port: PORT=3001 npm start`),
    );
    server.listen(port, () => server.close(() => resolve()));
  });
}

async function main() {
  const heap = isDev ? [] : heapArgs();
  const secret = authSecret();
  // The server would refuse it too (next.config.js), but only after the database and the build.
  const secretProblem = isDev ? null : authSecretProblem(secret);
  if (secretProblem !== null) fail(secretProblem);
  await checkPortFree();

  const database = await openDatabaseOrExit({ mode: 'app', log });

  let stopping = false;
  const stopDatabase = async () => {
    if (stopping) return;
    stopping = true;
    await database.stop();
  };

  // Migrations as the tables' owner; the app itself connects as database.url (no superuser when embedded).
  const migrationError = await migrateDeploy(database.ownerUrl);
  if (migrationError) {
    await stopDatabase();
    fail(migrationError);
  }
  await seedIfWanted(database, log);

  if (!isDev && !buildIsCurrent()) {
    log('Building the app (first run, or sources changed)…');
    const code = await run(bin('next'), ['build'], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (code !== 0) {
      await stopDatabase();
      fail('The build failed: see the errors above.');
    }
  }

  log(`Database: ${database.describe} (${redactUrl(database.url)})`);
  log(`Serving on http://localhost:${port}`);
  // scripts/server.mjs serves the app as `next start` (or `next dev`) would, and also says which address each
  // request came from and refuses oversized API bodies.
  const serverArgs = [...heap, 'scripts/server.mjs', '--port', String(port), ...(isDev ? ['--dev'] : [])];
  const server = spawn(process.execPath, serverArgs, {
    cwd: ROOT,
    // The server writes JSON lines on its standard output: passed on as they are, or made readable here.
    stdio: pretty ? ['inherit', 'pipe', 'inherit'] : 'inherit',
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      BETTER_AUTH_SECRET: secret,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  const printed = server.stdout
    ? once(readline.createInterface({ input: server.stdout, crlfDelay: Infinity }).on('line', print), 'close')
    : Promise.resolve();

  const shutdown = (signal: NodeJS.Signals) => {
    log(`Stopping (${signal})…`);
    server.kill(signal);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  server.on('exit', async (code, signal) => {
    // Its last lines (say, why it stopped) are printed before this process ends.
    await Promise.all([stopDatabase(), printed]);
    process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
  });
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
