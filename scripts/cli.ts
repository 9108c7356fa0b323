/**
 * `npm run cli -- <command>`: Counterpart's command line, on the database the app
 * would use (DATABASE_URL, or the embedded server). Wrong arguments print the
 * usage and exit non-zero.
 */
import { openDatabaseOrExit } from './lib/database';
import { migrateDeploy } from './lib/prisma';
import { fail } from './lib/run';
import { seedInto } from './lib/seed';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  seed      load the demo data set (idempotent)
  help      show this text`;

function log(line: string) {
  process.stderr.write(`${line}\n`);
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command !== 'seed') fail(command ? `Unknown command "${command}".\n\n${USAGE}` : USAGE, 2);
  if (rest.length > 0) fail(`"seed" takes no arguments, got: ${rest.join(' ')}`, 2);

  const database = await openDatabaseOrExit({ mode: 'app', log });
  try {
    const migrationError = await migrateDeploy(database.url);
    if (migrationError) fail(migrationError);
    await seedInto(database.url, log);
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
