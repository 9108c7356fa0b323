import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createApiToken } from '../../lib/data/api-tokens';
import { createUser } from '../../lib/data/users';
import { disconnectDb } from '../../lib/db';
import type { Role } from '../../lib/auth/permissions';

/** The accounts the end-to-end tests sign in with, one per role and a second researcher. */
export const TEST_ACCOUNTS = {
  viewer: { name: 'Vera Viewer', role: 'VIEWER' },
  researcher: { name: 'Rhea Researcher', role: 'RESEARCHER' },
  researcher2: { name: 'Reza Second', role: 'RESEARCHER' },
  admin: { name: 'Ada Admin', role: 'ADMIN' },
  // Signed in by no setup: free for tests that change a password or sign out everywhere.
  member: { name: 'Mo Member', role: 'VIEWER' },
} as const satisfies Record<string, { name: string; role: Role }>;

export type TestAccountName = keyof typeof TEST_ACCOUNTS;

/**
 * Creates the test accounts in a throw-away database, each with a random
 * password and an API token, and writes them to `file` for the tests to read.
 */
export async function createTestAccounts(url: string, file: string): Promise<void> {
  process.env.DATABASE_URL = url;
  const accounts: Record<string, { email: string; password: string; name: string; role: Role; token: string }> = {};
  try {
    for (const [key, { name, role }] of Object.entries(TEST_ACCOUNTS)) {
      const email = `${key}@e2e.test`;
      const password = randomBytes(12).toString('base64url');
      await createUser({ email, name, role, password }, { userId: null, via: 'cli' });
      const { token } = await createApiToken({ email, name: 'e2e' }, { userId: null, via: 'cli' });
      accounts[key] = { email, password, name, role, token };
    }
  } finally {
    await disconnectDb();
  }
  writeFileSync(file, JSON.stringify(accounts, null, 2), { mode: 0o600 });
}
