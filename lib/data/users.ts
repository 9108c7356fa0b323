import 'server-only';
import { randomInt } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { getDb } from '../db';
import { AppError } from '../errors';
import type { Role } from '../auth/permissions';
import { Prisma } from '../generated/prisma/client';
import type { UserInput } from '../validation/user';
import type { Actor } from './actor';
import { writeAudit } from './audit';

/**
 * Creates an account that signs in with email and password. The password is
 * hashed by the auth library and stored as its credential account, so signing
 * in works exactly as for any account the library made itself.
 */
export async function createUser(input: UserInput, actor: Actor) {
  // Callers pass parsed input, but a mixed-case email here would make a second account.
  const email = input.email.trim().toLowerCase();
  const password = await hashPassword(input.password);
  try {
    return await getDb().$transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
      if (existing) throw conflict(email);
      const user = await tx.user.create({
        data: { email, name: input.name, role: input.role, emailVerified: true },
        select: { id: true, email: true, name: true, role: true, createdAt: true },
      });
      await tx.account.create({
        data: { userId: user.id, accountId: user.id, providerId: 'credential', password },
      });
      await writeAudit(tx, actor, { action: 'create', entityType: 'user', entityId: user.id, after: user });
      return user;
    });
  } catch (error) {
    // Two creations of one email at once: the unique index refuses the second.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw conflict(email);
    throw error;
  }
}

function conflict(email: string): AppError {
  return new AppError('CONFLICT', `There is already an account for ${email}`, {
    email: ['This email already has an account'],
  });
}

/** An account by email, without anything secret. */
export async function findUserByEmail(email: string) {
  return getDb().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, role: true, banned: true },
  });
}

/** Characters of generated passwords: no 0/O, 1/l/I, so they can be read out and typed. */
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A strong temporary password for an admin to pass on: four groups of five
 * characters from 55 (about 115 bits), easy to read aloud.
 */
export function generatePassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 5 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

type Tx = Prisma.TransactionClient;

const SNAPSHOT_SELECT = {
  id: true,
  name: true,
  email: true,
  role: true,
  banned: true,
  banReason: true,
  updatedAt: true,
} as const;

/** An account as the audit log keeps it: who they are and what they may do, nothing secret. */
async function userSnapshot(tx: Tx, id: string) {
  const user = await tx.user.findUnique({ where: { id }, select: SNAPSHOT_SELECT });
  if (user === null) return null;
  const { updatedAt, ...snapshot } = user;
  return { snapshot: { ...snapshot, banReason: snapshot.banReason ?? null }, version: updatedAt.toISOString() };
}

/** The version token of an account: its last change, as the edit forms carry it. */
function versionOf(updatedAt: Date): string {
  return updatedAt.toISOString();
}

type LockedUser = { id: string; role: Role; banned: boolean; updated_at: Date };

function isActiveAdmin(user: { role: Role; banned: boolean }): boolean {
  return user.role === 'ADMIN' && !user.banned;
}

/**
 * Locks the account and every enabled admin, in one order (by id) so that two
 * admins demoting each other at once wait for each other instead of
 * deadlocking, and checks that the account is still at the version the editor
 * saw. A waiting transaction re-reads the rows it locked, so the second of two
 * such demotions counts one admin and is refused.
 */
async function lockAccount(tx: Tx, id: string, version: string) {
  const rows = await tx.$queryRaw<LockedUser[]>`
    SELECT id, role::text AS role, banned, updated_at FROM "user"
    WHERE id = ${id} OR (role = 'ADMIN' AND NOT banned)
    ORDER BY id
    FOR UPDATE`;
  const target = rows.find((row) => row.id === id);
  if (!target) throw new AppError('NOT_FOUND', 'This account no longer exists.');
  if (target.updated_at.getTime() !== Date.parse(version)) {
    const current = await userSnapshot(tx, id);
    throw new AppError(
      'CONFLICT',
      `Someone else changed this account while you had it open: it is now ${current!.snapshot.role.toLowerCase()} and ${
        current!.snapshot.banned ? 'disabled' : 'enabled'
      }. Nothing was saved; check, then try again.`,
      undefined,
      { current: current!.snapshot, version: current!.version },
    );
  }
  const activeAdmins = rows.filter(isActiveAdmin).length;
  return {
    target,
    /** Refuses a change that would leave no enabled admin. */
    keepAnAdmin(after: { role: Role; banned: boolean }, doing: string) {
      if (isActiveAdmin(target) && !isActiveAdmin(after) && activeAdmins <= 1) {
        throw new AppError(
          'INVALID',
          `You cannot ${doing} the last admin: make another account admin first, so that someone can still manage users.`,
        );
      }
    },
  };
}

/** Everyone with an account, for the admin's list: no secrets, with last sign-in and live token count. */
export async function listUsers() {
  const now = new Date();
  const users = await getDb().user.findMany({
    orderBy: [{ name: 'asc' }, { email: 'asc' }],
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      banned: true,
      createdAt: true,
      sessions: { orderBy: { createdAt: 'desc' }, take: 1, select: { createdAt: true } },
      _count: {
        select: {
          apiTokens: { where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } },
        },
      },
    },
  });
  return users.map(({ sessions, _count, ...user }) => ({
    ...user,
    lastSignInAt: sessions[0]?.createdAt ?? null,
    activeTokens: _count.apiTokens,
  }));
}

export type UserListItem = Awaited<ReturnType<typeof listUsers>>[number];

/** One account as the admin's page shows it, with its version for edits and its tokens (never their hashes). */
export async function getUserForAdmin(id: string) {
  const user = await getDb().user.findUnique({
    where: { id },
    select: {
      ...SNAPSHOT_SELECT,
      createdAt: true,
      sessions: { orderBy: { createdAt: 'desc' }, take: 1, select: { createdAt: true } },
      apiTokens: {
        orderBy: { createdAt: 'desc' },
        select: {
          id: true,
          name: true,
          prefix: true,
          createdAt: true,
          lastUsedAt: true,
          expiresAt: true,
          revokedAt: true,
        },
      },
    },
  });
  if (user === null) return null;
  const { sessions, updatedAt, ...rest } = user;
  return { ...rest, version: versionOf(updatedAt), lastSignInAt: sessions[0]?.createdAt ?? null };
}

/** Gives an account another role, on the version the admin saw; never takes the role of the last admin. */
export async function changeRole(id: string, role: Role, options: { version: string }, actor: Actor) {
  return getDb().$transaction(async (tx) => {
    const { target, keepAnAdmin } = await lockAccount(tx, id, options.version);
    keepAnAdmin({ role, banned: target.banned }, 'demote');
    const before = (await userSnapshot(tx, id))!.snapshot;
    if (before.role === role) {
      throw new AppError('INVALID', `This account is already ${role.toLowerCase()}.`, {
        role: ['Choose another role'],
      });
    }
    const updated = await tx.user.update({ where: { id }, data: { role }, select: { updatedAt: true } });
    const after = { ...before, role };
    await writeAudit(tx, actor, { action: 'change_role', entityType: 'user', entityId: id, before, after });
    return { ...after, version: versionOf(updated.updatedAt) };
  });
}

/**
 * Disables or enables an account. Disabling signs it out everywhere at once
 * (its sessions are deleted in the same transaction) and its API tokens are
 * refused while it stays disabled (authenticateApiToken checks `banned`);
 * enabling lets it sign in again and its unrevoked tokens work again.
 */
export async function setUserDisabled(
  id: string,
  disabled: boolean,
  options: { version: string; reason?: string },
  actor: Actor,
) {
  return getDb().$transaction(async (tx) => {
    const { target, keepAnAdmin } = await lockAccount(tx, id, options.version);
    keepAnAdmin({ role: target.role, banned: disabled }, 'disable');
    const before = (await userSnapshot(tx, id))!.snapshot;
    if (before.banned === disabled) {
      throw new AppError('INVALID', `This account is already ${disabled ? 'disabled' : 'enabled'}.`);
    }
    const banReason = disabled ? (options.reason ?? null) : null;
    const updated = await tx.user.update({
      where: { id },
      data: { banned: disabled, banReason, banExpires: null },
      select: { updatedAt: true },
    });
    const { count: sessionsEnded } = disabled ? await tx.session.deleteMany({ where: { userId: id } }) : { count: 0 };
    const after = { ...before, banned: disabled, banReason };
    await writeAudit(tx, actor, {
      action: disabled ? 'disable' : 'enable',
      entityType: 'user',
      entityId: id,
      before,
      after,
    });
    return { ...after, version: versionOf(updated.updatedAt), sessionsEnded };
  });
}

/** Disables an account: its sessions end and its API tokens are refused at once. */
export function disableUser(id: string, options: { version: string; reason?: string }, actor: Actor) {
  return setUserDisabled(id, true, options, actor);
}

/** Enables a disabled account again. */
export function enableUser(id: string, options: { version: string }, actor: Actor) {
  return setUserDisabled(id, false, options, actor);
}

/**
 * Sets a new password for an account (an admin's reset): hashed like any
 * password, every session of the account ends. The password itself is the
 * caller's to show once; neither it nor its hash reaches the audit log.
 */
export async function resetPassword(id: string, password: string, options: { version: string }, actor: Actor) {
  const hash = await hashPassword(password);
  return getDb().$transaction(async (tx) => {
    await lockAccount(tx, id, options.version);
    const before = (await userSnapshot(tx, id))!.snapshot;
    const credential = await tx.account.findFirst({
      where: { userId: id, providerId: 'credential' },
      select: { id: true },
    });
    if (credential) await tx.account.update({ where: { id: credential.id }, data: { password: hash } });
    else await tx.account.create({ data: { userId: id, accountId: id, providerId: 'credential', password: hash } });
    const { count: sessionsEnded } = await tx.session.deleteMany({ where: { userId: id } });
    // The account row changes too, so that an edit begun before the reset is a conflict.
    const passwordResetAt = new Date();
    const updated = await tx.user.update({
      where: { id },
      data: { updatedAt: passwordResetAt },
      select: { updatedAt: true },
    });
    await writeAudit(tx, actor, {
      action: 'reset_password',
      entityType: 'user',
      entityId: id,
      before,
      after: { ...before, passwordResetAt },
    });
    return { ...before, version: versionOf(updated.updatedAt), sessionsEnded };
  });
}

/**
 * Records that a user changed their own password (through the auth library's
 * endpoint, which writes the hash itself): who and when, never the password.
 */
export async function recordOwnPasswordChange(userId: string): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const current = await userSnapshot(tx, userId);
    if (current === null) return;
    await writeAudit(
      tx,
      { userId, via: 'ui' },
      {
        action: 'change_password',
        entityType: 'user',
        entityId: userId,
        before: current.snapshot,
        after: { ...current.snapshot, passwordChangedAt: new Date() },
      },
    );
  });
}
