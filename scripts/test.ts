/**
 * `npm test`: unit tests (Vitest, with their own throw-away database), then the
 * end-to-end tests (Playwright in Chromium) against a production build served on
 * a second throw-away database holding the demo data. Nothing is left running.
 * `--unit` or `--e2e` runs one half. Uses the server in DATABASE_URL (a local one
 * only) for the throw-away databases, or embedded PostgreSQL without it.
 * UNIT_TEST_TZ sets the time zone of the unit tests alone.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openDatabaseOrExit } from './lib/database';
import { migrateDeploy } from './lib/prisma';
import { bin, ROOT, run } from './lib/run';
import { throwawaySecret } from './lib/secret';
import { seedInto } from './lib/seed';
import { createTestAccounts } from './lib/test-accounts';
import { freePort } from './lib/free-port';
import { checkServerLog, parseLog, runSecrets, serverLogFile } from './lib/server-log';

const args = process.argv.slice(2);
const runUnit = !args.includes('--e2e');
const runE2e = !args.includes('--unit');
const extra = args.filter((arg) => arg !== '--unit' && arg !== '--e2e');
const reports = path.resolve(ROOT, process.env.TEST_RESULTS_DIR || 'test-results');

type Tally = { passed: number; failed: number; skipped: number };

function log(line: string) {
  process.stderr.write(`[test] ${line}\n`);
}

function readJson(file: string): Record<string, unknown> | null {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

async function unitTests(): Promise<{ code: number; tally: Tally }> {
  const output = path.join(reports, 'vitest.json');
  // UNIT_TEST_TZ runs the unit tests (only) in another time zone, e.g. Pacific/Auckland,
  // to show that nothing counts days in the machine's zone.
  const zone = process.env.UNIT_TEST_TZ;
  const code = await run(
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${output}`, ...extra],
    zone ? { env: { ...process.env, TZ: zone } } : undefined,
  );
  const report = readJson(output) as { numPassedTests: number; numFailedTests: number; numPendingTests: number } | null;
  return {
    code,
    tally: report
      ? { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests }
      : { passed: 0, failed: 1, skipped: 0 },
  };
}

async function e2eTests(): Promise<{ code: number; tally: Tally }> {
  const broken = { code: 1, tally: { passed: 0, failed: 1, skipped: 0 } };
  log('Building the app for the end-to-end tests…');
  if ((await run(bin('next'), ['build'], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } })) !== 0) {
    log('The build failed.');
    return broken;
  }
  const database = await openDatabaseOrExit({ mode: 'throwaway', log });
  const stop = () => database.stop();
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    // Migrations as the owner; the seed, the accounts and the app as the app's own role, so a missing grant fails here.
    const migrationError = await migrateDeploy(database.ownerUrl);
    if (migrationError) {
      log(migrationError);
      return broken;
    }
    // The founding story only: specs count its contacts. The historian's records are loaded by the spec
    // that reads them, after every other (e2e/historian.changes-demo.spec.ts).
    await seedInto(database.url, log, { historian: false });
    const accounts = path.join(reports, 'e2e-accounts.json');
    await createTestAccounts(database.url, accounts);
    const output = path.join(reports, 'playwright.json');
    const authSecret = throwawaySecret();
    const code = await run(bin('playwright'), ['test', ...extra], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        PORT: String(await freePort()),
        NEXT_TELEMETRY_DISABLED: '1',
        PLAYWRIGHT_JSON_OUTPUT_NAME: output,
        BETTER_AUTH_SECRET: authSecret,
        E2E_ACCOUNTS_FILE: accounts,
        TEST_RESULTS_DIR: reports,
      },
    });
    const report = readJson(output) as {
      stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    } | null;
    const tally = report
      ? {
          passed: report.stats.expected + report.stats.flaky,
          failed: report.stats.unexpected,
          skipped: report.stats.skipped,
        }
      : { ...broken.tally };
    // One more test, over the whole run: the server's log is JSON lines and holds no secret the run used.
    const logFile = serverLogFile(reports);
    const secrets = await runSecrets({
      accountsFile: accounts,
      authSecret,
      databaseUrl: database.url,
      resultsDir: reports,
    });
    const text = existsSync(logFile) ? readFileSync(logFile, 'utf8') : null;
    // A server that would not start says why in its log, which nothing else shows.
    for (const line of parseLog(text ?? '').lines.filter((l) => l.level === 'fatal')) log(`The server: ${line.msg}`);
    const problems = checkServerLog(text, secrets);
    if (problems.length === 0) {
      log(`The server's log (${logFile}) holds none of the run's ${secrets.length} secrets.`);
      tally.passed += 1;
    } else {
      for (const problem of problems) log(`Server log: ${problem}`);
      log(`The server's log is ${logFile}.`);
      tally.failed += 1;
    }
    return { code: problems.length === 0 ? code : 1, tally };
  } finally {
    await stop();
  }
}

async function main() {
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  const results: { code: number; tally: Tally }[] = [];
  if (runUnit) results.push(await unitTests());
  if (runE2e) results.push(await e2eTests());
  const total = results.reduce(
    (sum, { tally }) => ({
      passed: sum.passed + tally.passed,
      failed: sum.failed + tally.failed,
      skipped: sum.skipped + tally.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  const failed = results.some((r) => r.code !== 0) || total.failed > 0 || total.passed === 0;
  process.stdout.write(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
