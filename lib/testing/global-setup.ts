import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../scripts/lib/database';
import { migrateDeploy } from '../../scripts/lib/prisma';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One throw-away, migrated database for the whole unit test run; dropped at the end. */
export default async function setup(project: TestProject) {
  const database = await openDatabase({ mode: 'throwaway', log: () => {} });
  const error = await migrateDeploy(database.url);
  if (error) {
    await database.stop();
    throw new Error(error);
  }
  project.provide('databaseUrl', database.url);
  return () => database.stop();
}
