/**
 * `npm run db:*`: migrations and demo data on the database the app would use
 * (DATABASE_URL, or the embedded server).
 *   db:migrate            apply pending migrations
 *   db:migrate:new NAME   create a migration from changes to prisma/schema.prisma, and apply it
 *   db:status             show which migrations are applied
 *   db:seed               load the demo data (idempotent)
 *   db:reset              drop everything, re-apply all migrations (asks no question: embedded database only
 *                         unless --force is given)
 */
import { openDatabaseOrExit, type DatabaseHandle } from './lib/database';
import { migrateDeploy, prisma } from './lib/prisma';
import { fail, runMain } from './lib/run';
import { seedInto } from './lib/seed';

const USAGE = 'Usage: npm run db:migrate | db:migrate:new -- NAME | db:status | db:seed | db:reset [-- --force]';

function log(line: string) {
  process.stderr.write(`[db] ${line}\n`);
}

async function withDatabase(action: (database: DatabaseHandle) => Promise<number>): Promise<never> {
  const database = await openDatabaseOrExit({ mode: 'app', log });
  let code = 1;
  try {
    code = await action(database);
  } finally {
    await database.stop();
  }
  process.exit(code);
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case 'migrate':
      return withDatabase(async ({ ownerUrl }) => {
        const error = await migrateDeploy(ownerUrl);
        if (error) fail(error);
        log('Migrations are up to date.');
        return 0;
      });
    case 'migrate:new': {
      const name = args.find((arg) => !arg.startsWith('-'));
      if (!name || !/^[a-z0-9_]+$/.test(name))
        fail(`Name the migration in snake_case: npm run db:migrate:new -- add_topics`);
      return withDatabase(({ ownerUrl }) => prisma(['migrate', 'dev', '--name', name], ownerUrl));
    }
    case 'status':
      return withDatabase(({ ownerUrl }) => prisma(['migrate', 'status'], ownerUrl));
    case 'seed':
      return withDatabase(async ({ url }) => {
        await seedInto(url, log);
        return 0;
      });
    case 'reset':
      return withDatabase(async (database) => {
        if (!database.embedded && !args.includes('--force')) {
          fail(
            'db:reset deletes every row. For a database named by DATABASE_URL, confirm with: npm run db:reset -- --force',
          );
        }
        return prisma(['migrate', 'reset', '--force'], database.ownerUrl);
      });
    default:
      fail(command ? `Unknown command "${command}". ${USAGE}` : USAGE);
  }
}

runMain(main);
