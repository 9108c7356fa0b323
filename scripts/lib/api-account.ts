import { randomBytes } from 'node:crypto';
import type { Role } from '../../lib/auth/permissions';

/**
 * An account of a measuring script (the bench's, the fault runs'), made with the app's own data layer
 * against DATABASE_URL when missing (with a random password nobody needs), given `role` when it has
 * another, and a new API token named `tokenName`. The caller disconnects the data layer when done.
 */
export async function accountToken(options: {
  email: string;
  name: string;
  role: Role;
  tokenName: string;
  log: (line: string) => void;
}): Promise<{ id: string; token: string; userId: string }> {
  const { createUser, findUserByEmail, changeRole, getUserForAdmin } = await import('../../lib/data/users');
  const { createApiToken } = await import('../../lib/data/api-tokens');
  const actor = { userId: null, via: 'cli' as const };
  let account = await findUserByEmail(options.email);
  if (account === null) {
    await createUser(
      { email: options.email, name: options.name, role: options.role, password: randomBytes(24).toString('base64url') },
      actor,
    );
    account = await findUserByEmail(options.email);
    options.log(`Made the account ${options.email}`);
  } else if (account.role !== options.role) {
    const current = (await getUserForAdmin(account.id))!;
    await changeRole(account.id, options.role, { version: current.version }, actor);
  }
  const token = await createApiToken({ email: options.email, name: options.tokenName }, actor);
  return { id: token.id, token: token.token, userId: account!.id };
}
