import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../scripts/lib/database';
import { migrateDeploy } from '../../scripts/lib/prisma';

declare module 'vitest' {
  export interface ProvidedContext {
    /** What the data layer connects with: the app's own role on an embedded server, so a missing grant fails a test. */
    databaseUrl: string;
    /** The tables' owner: for emptying them between tests (TRUNCATE … RESTART IDENTITY needs the owner). */
    ownerDatabaseUrl: string;
  }
}

/** One throw-away, migrated database for the whole unit test run; dropped at the end. */
export default async function setup(project: TestProject) {
  const database = await openDatabase({ mode: 'throwaway', log: () => {} });
  const error = await migrateDeploy(database.ownerUrl);
  if (error) {
    await database.stop();
    throw new Error(error);
  }
  project.provide('databaseUrl', database.url);
  project.provide('ownerDatabaseUrl', database.ownerUrl);
  return () => database.stop();
}
