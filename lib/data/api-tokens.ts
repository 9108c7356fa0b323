import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { getDb } from '../db';
import { databaseRefusal } from '../db-refusal';
import { AppError } from '../errors';
import type { Role } from '../auth/permissions';
import type { Prisma } from '../generated/prisma/client';
import type { ApiTokenInput } from '../validation/user';
import type { Actor } from './actor';
import { writeAudit } from './audit';

const TOKEN_PREFIX = 'cp_';
/** How many leading characters of a token are stored and listed to tell tokens apart. */
const PREFIX_LENGTH = 10;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

type Tx = Prisma.TransactionClient;

/** Makes the token row and its audit row; the token itself is returned, never stored. */
async function issueToken(tx: Tx, data: { userId: string; name: string; expiresAt?: Date | null }, actor: Actor) {
  const token = `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
  const row = await tx.apiToken.create({
    data: {
      userId: data.userId,
      name: data.name,
      expiresAt: data.expiresAt ?? null,
      tokenHash: hashToken(token),
      prefix: token.slice(0, PREFIX_LENGTH),
    },
    select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true, userId: true },
  });
  await writeAudit(tx, actor, { action: 'create', entityType: 'api_token', entityId: row.id, after: row });
  return { ...row, token };
}

/**
 * Issues a new API token for a user. The token itself is returned once and
 * never stored; the database keeps its SHA-256 hash and its first characters.
 */
export async function createApiToken(input: ApiTokenInput, actor: Actor) {
  return getDb().$transaction(async (tx) => {
    const email = input.email.trim().toLowerCase();
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, role: true } });
    if (user === null) {
      throw new AppError('NOT_FOUND', `No account for ${email}`, { email: ['No account has this email'] });
    }
    const issued = await issueToken(tx, { userId: user.id, name: input.name }, actor);
    return { ...issued, role: user.role };
  });
}

/**
 * Issues a token for the signed-in user themselves (their account page),
 * optionally expiring after some days. Returned once, like every token.
 */
export async function createOwnApiToken(userId: string, input: { name: string; expiresInDays?: number }, actor: Actor) {
  const expiresAt =
    input.expiresInDays === undefined ? null : new Date(Date.now() + input.expiresInDays * 24 * 60 * 60 * 1000);
  return getDb().$transaction((tx) => issueToken(tx, { userId, name: input.name, expiresAt }, actor));
}

/** The signed-in user's own tokens, newest first, without hashes. */
export async function listOwnApiTokens(userId: string) {
  return getDb().apiToken.findMany({
    where: { userId },
    orderBy: { createdAt: 'desc' },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
  });
}

/**
 * Revokes one of the user's own tokens by id. Someone else's token is "not
 * found", exactly like a token that does not exist: nothing tells them apart.
 */
export async function revokeOwnApiToken(userId: string, tokenId: string, actor: Actor) {
  return getDb().$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id: tokenId, userId },
      select: { id: true, name: true, prefix: true, userId: true, revokedAt: true },
    });
    if (token === null) throw new AppError('NOT_FOUND', 'You have no such token: it may have been deleted.');
    if (token.revokedAt !== null) throw new AppError('INVALID', `“${token.name}” is already revoked.`);
    const revokedAt = new Date();
    const before = token;
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt } });
    await writeAudit(tx, actor, {
      action: 'revoke',
      entityType: 'api_token',
      entityId: token.id,
      before,
      after: { ...before, revokedAt },
    });
    return { ...before, revokedAt };
  });
}

/**
 * Revokes a token, named by its id, its prefix (as listed) or the token itself.
 * Revoking takes effect on the next request.
 */
export async function revokeApiToken(ref: string, actor: Actor) {
  const trimmed = ref.trim();
  return getDb().$transaction(async (tx) => {
    const matches = await tx.apiToken.findMany({
      where: {
        revokedAt: null,
        OR: [{ id: trimmed }, { tokenHash: hashToken(trimmed) }, { prefix: trimmed }],
      },
      select: { id: true, name: true, prefix: true, userId: true },
      take: 2,
    });
    // A whole token is a secret: messages (and the logs they end up in) name it by its prefix.
    const shown =
      trimmed.startsWith(TOKEN_PREFIX) && trimmed.length > PREFIX_LENGTH
        ? `${trimmed.slice(0, PREFIX_LENGTH)}…`
        : trimmed;
    if (matches.length === 0) throw new AppError('NOT_FOUND', `No active token “${shown}”`);
    if (matches.length > 1) {
      throw new AppError('INVALID', `“${shown}” names more than one token: give the token id instead`);
    }
    const [token] = matches;
    const revokedAt = new Date();
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt } });
    await writeAudit(tx, actor, {
      action: 'revoke',
      entityType: 'api_token',
      entityId: token.id,
      before: token,
      after: { ...token, revokedAt },
    });
    return { ...token, revokedAt };
  });
}

/** A user's tokens, newest first, without hashes. */
export async function listApiTokens(email: string) {
  return getDb().apiToken.findMany({
    where: { user: { email: email.trim().toLowerCase() } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

/** The user a bearer token acts for, or null when it is unknown, revoked, expired or its user disabled. */
export async function authenticateApiToken(token: string): Promise<{ userId: string; role: Role } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await getDb().apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      user: { select: { id: true, role: true, banned: true } },
    },
  });
  const now = new Date();
  if (row === null || row.revokedAt !== null || row.user.banned) return null;
  if (row.expiresAt !== null && row.expiresAt <= now) return null;
  // Recording every use would make each write two; once a minute tells a user enough.
  if (row.lastUsedAt === null || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    try {
      await getDb().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
    } catch (error) {
      // A database refusing writes (read-only, disk full, too busy) still serves reads: the use goes
      // unrecorded rather than the request refused. A write the token makes is refused on its own.
      const refusal = databaseRefusal(error);
      if (refusal === null || refusal.reason === 'unreachable') throw error;
    }
  }
  return { userId: row.user.id, role: row.user.role };
}
