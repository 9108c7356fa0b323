import { verifyPassword } from 'better-auth/crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '../db';
import { AppError } from '../errors';
import { emptyTables, setupTestDatabase } from '../testing/database';
import { zPassword, ZUserInput } from '../validation/user';
import type { Actor } from './actor';
import { authenticateApiToken, createApiToken } from './api-tokens';
import {
  changeRole,
  createUser,
  disableUser,
  enableUser,
  findUserByEmail,
  generatePassword,
  listUsers,
  resetPassword,
} from './users';

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

describe('managing accounts', () => {
  const admin: Actor = { userId: null, via: 'ui' };

  async function make(email: string, role: 'VIEWER' | 'RESEARCHER' | 'ADMIN') {
    const user = await createUser({ email, name: email.split('@')[0], role, password: PASSWORD }, actor);
    return { ...user, version: await versionOf(user.id) };
  }

  async function versionOf(id: string) {
    return (await getDb().user.findUniqueOrThrow({ where: { id } })).updatedAt.toISOString();
  }

  async function session(userId: string, createdAt = new Date()) {
    return getDb().session.create({
      data: { userId, token: `s-${Math.random()}`, expiresAt: new Date(Date.now() + 86_400_000), createdAt },
    });
  }

  async function auditRows(id: string) {
    return getDb().auditLog.findMany({
      where: { entityType: 'user', entityId: id },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    });
  }

  it('lists accounts with their last sign-in and live tokens, and nothing secret', async () => {
    const ana = await make('ana@example.org', 'RESEARCHER');
    await make('bo@example.org', 'VIEWER');
    await session(ana.id, new Date('2026-01-02T10:00:00Z'));
    await session(ana.id, new Date('2026-03-04T10:00:00Z'));
    const db = getDb();
    const token = (name: string, extra: object = {}) =>
      db.apiToken.create({ data: { userId: ana.id, name, tokenHash: name, prefix: name, ...extra } });
    await token('live');
    await token('revoked', { revokedAt: new Date() });
    await token('expired', { expiresAt: new Date(Date.now() - 1000) });
    await token('later', { expiresAt: new Date(Date.now() + 86_400_000) });

    const users = await listUsers();
    expect(users.map((u) => u.email)).toEqual(['ana@example.org', 'bo@example.org']);
    expect(users[0]).toMatchObject({
      role: 'RESEARCHER',
      banned: false,
      lastSignInAt: new Date('2026-03-04T10:00:00Z'),
      activeTokens: 2,
    });
    expect(users[1]).toMatchObject({ lastSignInAt: null, activeTokens: 0 });
    expect(JSON.stringify(users)).not.toMatch(/password|tokenHash/i);
  });

  it('changes a role on the version the admin saw, and audits it without secrets', async () => {
    const ana = await make('ana@example.org', 'RESEARCHER');
    const changed = await changeRole(ana.id, 'VIEWER', { version: ana.version }, admin);
    expect(changed).toMatchObject({ role: 'VIEWER' });
    expect(changed.version).not.toBe(ana.version);
    const [, audit] = await auditRows(ana.id);
    expect(audit).toMatchObject({ action: 'change_role', before: { role: 'RESEARCHER' }, after: { role: 'VIEWER' } });
    expect(JSON.stringify([audit.before, audit.after])).not.toMatch(/password|hash/i);
  });

  it('refuses an edit on a stale version, saying what the account is now', async () => {
    const ana = await make('ana@example.org', 'RESEARCHER');
    await changeRole(ana.id, 'ADMIN', { version: ana.version }, admin);
    const stale = disableUser(ana.id, { version: ana.version }, admin);
    await expect(stale).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('it is now admin and enabled'),
      details: { current: { role: 'ADMIN', banned: false } },
    });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: ana.id } })).banned).toBe(false);
  });

  it('says NOT_FOUND for an account that does not exist', async () => {
    await expect(changeRole('nobody', 'VIEWER', { version: new Date().toISOString() }, admin)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('never demotes or disables the last enabled admin, even by themselves', async () => {
    const ada = await make('ada@example.org', 'ADMIN');
    await make('ana@example.org', 'RESEARCHER');
    await expect(changeRole(ada.id, 'RESEARCHER', { version: ada.version }, admin)).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('You cannot demote the last admin'),
    });
    await expect(disableUser(ada.id, { version: ada.version }, admin)).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('You cannot disable the last admin'),
    });
    expect(await getDb().user.findUniqueOrThrow({ where: { id: ada.id } })).toMatchObject({
      role: 'ADMIN',
      banned: false,
    });
    expect(await auditRows(ada.id)).toHaveLength(1);
  });

  it('lets one of two admins go, then keeps the other; a disabled admin does not count', async () => {
    const ada = await make('ada@example.org', 'ADMIN');
    const abe = await make('abe@example.org', 'ADMIN');
    const disabled = await disableUser(abe.id, { version: abe.version }, admin);
    expect(disabled.banned).toBe(true);
    await expect(changeRole(ada.id, 'VIEWER', { version: ada.version }, admin)).rejects.toMatchObject({
      code: 'INVALID',
    });
    await enableUser(abe.id, { version: disabled.version }, admin);
    expect(await changeRole(ada.id, 'VIEWER', { version: ada.version }, admin)).toMatchObject({ role: 'VIEWER' });
  });

  it('lets only one of two admins who demote each other at the same moment succeed', async () => {
    for (let round = 0; round < 5; round++) {
      await emptyTables(['audit_log', 'account', 'session', '"user"'], false);
      const ada = await make('ada@example.org', 'ADMIN');
      const abe = await make('abe@example.org', 'ADMIN');
      const results = await Promise.allSettled([
        changeRole(ada.id, 'RESEARCHER', { version: ada.version }, admin),
        disableUser(abe.id, { version: abe.version }, admin),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const [refused] = results.filter((r) => r.status === 'rejected');
      expect(refused.reason).toMatchObject({ code: 'INVALID' });
      expect(await getDb().user.count({ where: { role: 'ADMIN', banned: false } })).toBe(1);
    }
  });

  it('disabling ends every session at once and refuses the API tokens; enabling lets the account back in', async () => {
    const ana = await make('ana@example.org', 'RESEARCHER');
    await session(ana.id);
    await session(ana.id);
    const token = await createApiToken({ email: 'ana@example.org', name: 'script' }, actor);
    expect(await authenticateApiToken(token.token)).not.toBeNull();

    const disabled = await disableUser(ana.id, { version: ana.version, reason: 'Left the team' }, admin);
    expect(disabled).toMatchObject({ banned: true, banReason: 'Left the team', sessionsEnded: 2 });
    expect(await getDb().session.count({ where: { userId: ana.id } })).toBe(0);
    expect(await authenticateApiToken(token.token)).toBeNull();
    const [, audit] = await auditRows(ana.id);
    expect(audit).toMatchObject({ action: 'disable', before: { banned: false }, after: { banned: true } });

    await expect(disableUser(ana.id, { version: disabled.version }, admin)).rejects.toMatchObject({
      code: 'INVALID',
      message: 'This account is already disabled.',
    });
    const enabled = await enableUser(ana.id, { version: disabled.version }, admin);
    expect(enabled).toMatchObject({ banned: false, banReason: null });
    expect(await authenticateApiToken(token.token)).toMatchObject({ userId: ana.id });
  });

  it('signs a disabled account out of the auth library on its very next request, and answers its password as a wrong one', async () => {
    process.env.BETTER_AUTH_SECRET ??= 'users-test-secret-0123456789abcdef0123456789';
    process.env.BETTER_AUTH_URL ??= 'http://localhost:3000';
    const { getAuth } = await import('../auth/auth');
    const ana = await make('ana@example.org', 'RESEARCHER');
    const signIn = () =>
      getAuth().api.signInEmail({ body: { email: 'ana@example.org', password: PASSWORD }, asResponse: true });
    const response = await signIn();
    expect(response.status).toBe(200);
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const headers = new Headers({ cookie });
    expect(await getAuth().api.getSession({ headers })).toMatchObject({ user: { email: 'ana@example.org' } });

    await disableUser(ana.id, { version: await versionOf(ana.id) }, admin);
    expect(await getAuth().api.getSession({ headers })).toBeNull();
    // Its right password is answered exactly as a wrong one, so a guesser learns nothing.
    const refused = await signIn();
    const wrong = await getAuth().api.signInEmail({
      body: { email: 'ana@example.org', password: 'not-the-password-0' },
      asResponse: true,
    });
    expect(refused.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await refused.json()).toEqual(await wrong.json());
  });

  it('resets a password: the old one stops working, sessions end, nothing secret is audited', async () => {
    const ana = await make('ana@example.org', 'RESEARCHER');
    await session(ana.id);
    const fresh = generatePassword();
    const reset = await resetPassword(ana.id, fresh, { version: ana.version }, admin);
    expect(reset.sessionsEnded).toBe(1);
    expect(reset.version).not.toBe(ana.version);
    const { password: hash } = await getDb().account.findFirstOrThrow({ where: { userId: ana.id } });
    expect(await verifyPassword({ hash: hash!, password: fresh })).toBe(true);
    expect(await verifyPassword({ hash: hash!, password: PASSWORD })).toBe(false);
    expect(await getDb().session.count({ where: { userId: ana.id } })).toBe(0);

    const [, audit] = await auditRows(ana.id);
    expect(audit.action).toBe('reset_password');
    const stored = JSON.stringify([audit.before, audit.after]);
    expect(stored).not.toContain(fresh);
    expect(stored).not.toContain(hash!);
    // A reset moves the version on, so an edit begun before it is a conflict.
    await expect(changeRole(ana.id, 'VIEWER', { version: ana.version }, admin)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('audits a user changing their own password, with who and when but no password; a wrong one writes nothing', async () => {
    process.env.BETTER_AUTH_SECRET ??= 'users-test-secret-0123456789abcdef0123456789';
    process.env.BETTER_AUTH_URL ??= 'http://localhost:3000';
    const { getAuth } = await import('../auth/auth');
    const ana = await make('ana@example.org', 'RESEARCHER');
    const response = await getAuth().api.signInEmail({
      body: { email: 'ana@example.org', password: PASSWORD },
      asResponse: true,
    });
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const change = (currentPassword: string) =>
      getAuth().api.changePassword({
        body: { currentPassword, newPassword: 'a new long password' },
        headers: new Headers({ cookie }),
        asResponse: true,
      });

    expect((await change('not the password')).status).toBe(400);
    expect((await auditRows(ana.id)).map((row) => row.action)).toEqual(['create']);

    expect((await change(PASSWORD)).status).toBe(200);
    const rows = await auditRows(ana.id);
    expect(rows.map((row) => [row.action, row.userId, row.via])).toEqual([
      ['create', null, 'cli'],
      ['change_password', ana.id, 'ui'],
    ]);
    expect(rows[1].after).toMatchObject({ email: 'ana@example.org', passwordChangedAt: expect.any(String) });
    expect(JSON.stringify([rows[1].before, rows[1].after])).not.toContain('a new long password');
  });

  it('generates strong passwords the password rules accept, never the same twice', () => {
    const passwords = Array.from({ length: 50 }, generatePassword);
    for (const password of passwords) {
      expect(password).toMatch(/^([a-zA-Z2-9]{5}-){3}[a-zA-Z2-9]{5}$/);
      expect(password).not.toMatch(/[01oOlI]/);
      expect(zPassword.safeParse(password).success).toBe(true);
    }
    expect(new Set(passwords).size).toBe(50);
  });
});
