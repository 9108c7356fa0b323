import 'server-only';
import { hashPassword } from 'better-auth/crypto';
import { getDb } from '../db';
import { AppError } from '../errors';
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
