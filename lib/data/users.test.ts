import { verifyPassword } from 'better-auth/crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '../db';
import { AppError } from '../errors';
import { setupTestDatabase } from '../testing/database';
import { ZUserInput } from '../validation/user';
import type { Actor } from './actor';
import { createUser, findUserByEmail } from './users';

setupTestDatabase();

const actor: Actor = { userId: null, via: 'cli' };
const PASSWORD = 'correct horse battery';

function ana(extra: Record<string, unknown> = {}) {
  return ZUserInput.parse({
    email: 'ana@example.org',
    name: 'Ana Analyst',
    role: 'researcher',
    password: PASSWORD,
    ...extra,
  });
}

describe('creating a user', () => {
  it('stores a hash the auth library accepts, never the password', async () => {
    const user = await createUser(ana(), actor);
    expect(user).toMatchObject({ email: 'ana@example.org', name: 'Ana Analyst', role: 'RESEARCHER' });

    const accounts = await getDb().account.findMany({ where: { userId: user.id } });
    expect(accounts).toHaveLength(1);
    const [account] = accounts;
    expect(account.providerId).toBe('credential');
    expect(account.password).toBeTruthy();
    expect(account.password).not.toContain(PASSWORD);
    expect(await verifyPassword({ hash: account.password!, password: PASSWORD })).toBe(true);
    expect(await verifyPassword({ hash: account.password!, password: 'wrong horse battery' })).toBe(false);
  });

  it('refuses an email that already has an account, whatever its case', async () => {
    await createUser(ana(), actor);
    const again = createUser({ ...ana(), email: 'ANA@Example.org' }, actor);
    await expect(again).rejects.toBeInstanceOf(AppError);
    await expect(again).rejects.toMatchObject({ code: 'CONFLICT', fields: { email: expect.any(Array) } });
    expect(await getDb().user.count()).toBe(1);
  });

  it('refuses the second of two simultaneous creations of one email', async () => {
    const results = await Promise.allSettled([createUser(ana(), actor), createUser(ana(), actor)]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const [refused] = results.filter((result) => result.status === 'rejected');
    expect(refused.reason).toMatchObject({ code: 'CONFLICT' });
  });

  it('writes an audit row that holds neither the password nor its hash', async () => {
    const user = await createUser(ana(), actor);
    const rows = await getDb().auditLog.findMany({ where: { entityType: 'user', entityId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ via: 'cli', action: 'create', userId: null });
    const { password: hash } = await getDb().account.findFirstOrThrow({ where: { userId: user.id } });
    const stored = JSON.stringify(rows[0].after);
    expect(stored).toContain('ana@example.org');
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain(hash!);
    expect(stored).not.toMatch(/password/i);
  });

  it('finds an account by email in any case, without its secrets', async () => {
    await createUser(ana(), actor);
    const found = await findUserByEmail(' Ana@EXAMPLE.org ');
    expect(found).toMatchObject({ email: 'ana@example.org', role: 'RESEARCHER', banned: false });
    expect(Object.keys(found!)).not.toContain('password');
    expect(await findUserByEmail('nobody@example.org')).toBeNull();
  });
});

describe('the user input schema', () => {
  it('trims and lower-cases the email and upper-cases the role', () => {
    expect(ana({ email: '  Ana@Example.ORG ', role: ' Admin ' })).toMatchObject({
      email: 'ana@example.org',
      role: 'ADMIN',
    });
  });

  it('says what to fix for each bad field', () => {
    const result = ZUserInput.safeParse({ email: 'ana', name: 'x'.repeat(201), role: 'boss', password: 'short' });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path[0], issue.message]));
    expect(messages).toEqual({
      email: 'Enter an email address, e.g. ana@example.org',
      name: 'Use at most 200 characters',
      role: 'Choose a role: viewer, researcher or admin',
      password: 'Use at least 10 characters',
    });
  });
});
