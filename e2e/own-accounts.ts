import { randomBytes } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { getDb } from '../lib/db';

/*
 * Accounts a spec makes for itself, so that no sign-in counter (per account)
 * is shared with another spec, and removes again with everything they left:
 * sessions, the credential and their sign-in counters.
 */

export type OwnAccount = { id: string; email: string; password: string; name: string };

/** A new account that signs in with a random password; `disabled` makes it one an admin disabled. */
export async function createOwnAccount(
  label: string,
  options: { role?: 'VIEWER' | 'RESEARCHER' | 'ADMIN'; disabled?: boolean } = {},
): Promise<OwnAccount> {
  const tag = randomBytes(4).toString('hex');
  const email = `${label}-${tag}@own.e2e.test`;
  const password = randomBytes(12).toString('base64url');
  const name = `${label} ${tag}`;
  const user = await getDb().user.create({
    data: { email, name, role: options.role ?? 'VIEWER', emailVerified: true, banned: options.disabled ?? false },
    select: { id: true },
  });
  await getDb().account.create({
    data: { userId: user.id, accountId: user.id, providerId: 'credential', password: await hashPassword(password) },
  });
  return { id: user.id, email, password, name };
}

/** Removes the accounts and their sign-in counters. */
export async function removeOwnAccounts(accounts: OwnAccount[]): Promise<void> {
  const ids = accounts.map((account) => account.id);
  const db = getDb();
  await db.session.deleteMany({ where: { userId: { in: ids } } });
  await db.account.deleteMany({ where: { userId: { in: ids } } });
  await db.user.deleteMany({ where: { id: { in: ids } } });
  await db.signInThrottle.deleteMany({ where: { key: { in: accounts.map((a) => `account:${a.email}`) } } });
}

let forged = 0;

/** A made-up X-Forwarded-For, different on every call, as a client guessing passwords would send. */
export function forgedForwardedFor(): Record<string, string> {
  forged += 1;
  const n = (process.pid * 131 + forged * 7919) % 16_000_000;
  return { 'X-Forwarded-For': `${10 + (n % 200)}.${(n >> 8) % 256}.${(n >> 16) % 256}.${(n % 250) + 1}` };
}
