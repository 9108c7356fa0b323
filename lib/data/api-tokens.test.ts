import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '../db';
import { AppError } from '../errors';
import { setupTestDatabase } from '../testing/database';
import { ZApiTokenInput, ZUserInput } from '../validation/user';
import type { Actor } from './actor';
import {
  authenticateApiToken,
  createApiToken,
  createOwnApiToken,
  listApiTokens,
  listOwnApiTokens,
  revokeApiToken,
  revokeOwnApiToken,
} from './api-tokens';
import { createUser } from './users';

setupTestDatabase();

const actor: Actor = { userId: null, via: 'cli' };

async function anaWithToken(name?: string) {
  const user = await createUser(
    ZUserInput.parse({ email: 'ana@example.org', name: 'Ana', role: 'researcher', password: 'long enough 123' }),
    actor,
  );
  const created = await createApiToken(ZApiTokenInput.parse({ email: 'ana@example.org', name }), actor);
  return { user, created };
}

describe('issuing a token', () => {
  it('returns the token once and stores only its SHA-256 hash', async () => {
    const { user, created } = await anaWithToken('laptop');
    expect(created.token).toMatch(/^cp_[A-Za-z0-9_-]{32}$/);
    expect(created).toMatchObject({ userId: user.id, name: 'laptop', role: 'RESEARCHER' });
    expect(created.prefix).toBe(created.token.slice(0, 10));

    const rows = await getDb().$queryRawUnsafe<Record<string, unknown>[]>('SELECT * FROM api_token');
    expect(rows).toHaveLength(1);
    for (const value of Object.values(rows[0])) expect(String(value)).not.toContain(created.token);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));
  });

  it('refuses an email without an account', async () => {
    await expect(createApiToken(ZApiTokenInput.parse({ email: 'nobody@example.org' }), actor)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('writes an audit row without the token', async () => {
    const { created } = await anaWithToken();
    const rows = await getDb().auditLog.findMany({ where: { entityType: 'api_token', entityId: created.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ via: 'cli', action: 'create' });
    expect(JSON.stringify(rows[0].after)).not.toContain(created.token);
  });
});

describe('authenticating with a token', () => {
  it('returns the user of a good token and records its use', async () => {
    const { user, created } = await anaWithToken();
    expect(await authenticateApiToken(created.token)).toEqual({ userId: user.id, role: 'RESEARCHER' });
    const [listed] = await listApiTokens('ana@example.org');
    expect(listed.lastUsedAt).toBeInstanceOf(Date);
  });

  it('returns null for an unknown token and for one without the cp_ prefix', async () => {
    const { created } = await anaWithToken();
    // Its last character changed (to one it is not: a random token ends in "x" one time in 64).
    const other = created.token.endsWith('x') ? 'y' : 'x';
    expect(await authenticateApiToken(`${created.token.slice(0, -1)}${other}`)).toBeNull();
    expect(await authenticateApiToken(created.token.slice(3))).toBeNull();
    expect(await authenticateApiToken('')).toBeNull();
  });

  it('returns null for a revoked token', async () => {
    const { created } = await anaWithToken();
    await revokeApiToken(created.id, actor);
    expect(await authenticateApiToken(created.token)).toBeNull();
  });

  it('returns null when the user is disabled', async () => {
    const { user, created } = await anaWithToken();
    await getDb().user.update({ where: { id: user.id }, data: { banned: true } });
    expect(await authenticateApiToken(created.token)).toBeNull();
  });
});

describe('revoking a token', () => {
  it.each([
    ['its id', (created: { id: string }) => created.id],
    ['its prefix', (created: { prefix: string }) => created.prefix],
    ['the token itself', (created: { token: string }) => ` ${created.token} `],
  ])('finds it by %s', async (_label, refOf) => {
    const { created } = await anaWithToken();
    const revoked = await revokeApiToken(refOf(created as never), actor);
    expect(revoked).toMatchObject({ id: created.id, revokedAt: expect.any(Date) });
    const [listed] = await listApiTokens('ana@example.org');
    expect(listed.revokedAt).toEqual(revoked.revokedAt);
  });

  it('says NOT_FOUND the second time', async () => {
    const { created } = await anaWithToken();
    await revokeApiToken(created.id, actor);
    const again = revokeApiToken(created.id, actor);
    await expect(again).rejects.toBeInstanceOf(AppError);
    await expect(again).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(revokeApiToken('cp_nothing', actor)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The error names a whole token by its prefix only.
    await expect(revokeApiToken(created.token, actor)).rejects.toMatchObject({
      message: `No active token “${created.prefix}…”`,
    });
  });

  it('writes an audit row with the time of revocation', async () => {
    const { created } = await anaWithToken();
    await revokeApiToken(created.prefix, actor);
    const rows = await getDb().auditLog.findMany({
      where: { entityType: 'api_token', entityId: created.id, action: 'revoke' },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ via: 'cli', before: { id: created.id }, after: { id: created.id } });
    expect(rows[0].before).not.toHaveProperty('revokedAt');
    expect(rows[0].after).toHaveProperty('revokedAt', expect.any(String));
  });
});

describe('a user’s own tokens', () => {
  const ui = (userId: string): Actor => ({ userId, via: 'ui' });

  it('makes a token that expires after the days asked for, and refuses it once expired', async () => {
    const { user } = await anaWithToken();
    const made = await createOwnApiToken(user.id, { name: 'a month', expiresInDays: 30 }, ui(user.id));
    expect(made.token).toMatch(/^cp_/);
    const days = (made.expiresAt!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThanOrEqual(30);
    expect(await authenticateApiToken(made.token)).toMatchObject({ userId: user.id });

    await getDb().apiToken.update({ where: { id: made.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await authenticateApiToken(made.token)).toBeNull();
  });

  it('lists only the user’s own tokens, newest first, never their hashes', async () => {
    const { user } = await anaWithToken('cli');
    const bo = await createUser(
      ZUserInput.parse({ email: 'bo@example.org', name: 'Bo', role: 'researcher', password: 'long enough 123' }),
      actor,
    );
    await createOwnApiToken(bo.id, { name: 'bo’s' }, ui(bo.id));
    await createOwnApiToken(user.id, { name: 'laptop' }, ui(user.id));
    const listed = await listOwnApiTokens(user.id);
    expect(listed.map((t) => t.name)).toEqual(['laptop', 'cli']);
    expect(listed[0]).toMatchObject({ expiresAt: null, revokedAt: null, lastUsedAt: null });
    expect(Object.keys(listed[0])).not.toContain('tokenHash');
  });

  it('revokes the user’s own token at once, and audits it', async () => {
    const { user, created } = await anaWithToken();
    const revoked = await revokeOwnApiToken(user.id, created.id, ui(user.id));
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await authenticateApiToken(created.token)).toBeNull();
    const rows = await getDb().auditLog.findMany({ where: { entityId: created.id, action: 'revoke' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: user.id, via: 'ui', before: { revokedAt: null } });
    await expect(revokeOwnApiToken(user.id, created.id, ui(user.id))).rejects.toMatchObject({ code: 'INVALID' });
  });

  it('treats someone else’s token as not found, and leaves it working', async () => {
    const { created } = await anaWithToken();
    const bo = await createUser(
      ZUserInput.parse({ email: 'bo@example.org', name: 'Bo', role: 'researcher', password: 'long enough 123' }),
      actor,
    );
    await expect(revokeOwnApiToken(bo.id, created.id, ui(bo.id))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await authenticateApiToken(created.token)).not.toBeNull();
    expect(await getDb().auditLog.count({ where: { action: 'revoke' } })).toBe(0);
  });
});
