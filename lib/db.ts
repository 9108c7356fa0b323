import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

export type { PrismaClient };

const globalForPrisma = globalThis as unknown as { counterpartPrisma?: PrismaClient };

/**
 * The one PrismaClient of this process, created on first use (so that building
 * the app needs no database) and kept across hot reloads in development.
 */
export function getDb(): PrismaClient {
  globalForPrisma.counterpartPrisma ??= createClient();
  return globalForPrisma.counterpartPrisma;
}

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error('DATABASE_URL is not set. Start Counterpart with `npm start`, which provides one.');
  }
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

/** Closes the client, for scripts and tests that must exit cleanly. */
export async function disconnectDb(): Promise<void> {
  await globalForPrisma.counterpartPrisma?.$disconnect();
  globalForPrisma.counterpartPrisma = undefined;
}
