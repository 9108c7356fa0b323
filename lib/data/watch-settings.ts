import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { getDb } from '../db';
import { AppError } from '../errors';
import { operatorAllowsPrivate } from '../watches/address';
import { checkWebhookHost } from '../watches/deliver';
import type { WebhookInput } from '../validation/watch';
import type { Actor } from './actor';
import { writeAudit } from './audit';

/*
 * A user's private watch feed and webhook. The feed's address carries a token of which only the SHA-256
 * hash is kept (as API tokens: lib/data/api-tokens.ts); making a new one revokes the old at once. A
 * webhook's secret is kept as given, since signing needs it, and shown to the user only when made.
 */

const FEED_PREFIX = 'cpf_';
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Makes (or replaces) the user's feed token; the token is returned this once. */
export async function regenerateFeedToken(userId: string, actor: Actor): Promise<string> {
  const token = `${FEED_PREFIX}${randomBytes(24).toString('base64url')}`;
  const data = { tokenHash: hashToken(token), prefix: token.slice(0, 10) };
  await getDb().$transaction(async (tx) => {
    const before = await tx.watchFeedToken.findUnique({ where: { userId }, select: { prefix: true, createdAt: true } });
    await tx.watchFeedToken.upsert({
      where: { userId },
      create: { userId, ...data },
      update: { ...data, createdAt: new Date() },
    });
    const entry = { entityType: 'watch_feed_token', entityId: userId, before, after: { prefix: data.prefix } };
    await writeAudit(tx, actor, { action: before === null ? 'create' : 'regenerate', ...entry }, { publish: false });
  });
  return token;
}

/** Revokes the user's feed token: its address answers 404 from now on. */
export async function revokeFeedToken(userId: string, actor: Actor): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const before = await tx.watchFeedToken.findUnique({ where: { userId }, select: { prefix: true, createdAt: true } });
    if (before === null) throw new AppError('NOT_FOUND', 'You have no feed address to revoke.');
    await tx.watchFeedToken.delete({ where: { userId } });
    await writeAudit(
      tx,
      actor,
      { action: 'revoke', entityType: 'watch_feed_token', entityId: userId, before },
      { publish: false },
    );
  });
}

/** Whether the user has a feed address, and since when (the address itself is not kept). */
export async function getFeedTokenInfo(userId: string) {
  return getDb().watchFeedToken.findUnique({ where: { userId }, select: { prefix: true, createdAt: true } });
}

/** The user a feed token belongs to, or null (unknown, revoked, or the account disabled). */
export async function userOfFeedToken(token: string): Promise<{ id: string; name: string } | null> {
  if (!token.startsWith(FEED_PREFIX)) return null;
  const row = await getDb().watchFeedToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { user: { select: { id: true, name: true, banned: true } } },
  });
  return row === null || row.user.banned ? null : { id: row.user.id, name: row.user.name };
}

/** Whether the user's webhook may reach private addresses: an admin allowed it, or the operator allows all. */
export async function mayReachPrivate(userId: string): Promise<boolean> {
  if (operatorAllowsPrivate()) return true;
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { webhookPrivateAllowed: true } });
  return user?.webhookPrivateAllowed ?? false;
}

/**
 * Sets the user's webhook. The address must be http(s) and, unless allowed, reach only public
 * addresses (checked here after DNS, and again on each delivery). Without a secret one is made;
 * the secret is returned so the user can be shown it this once.
 */
export async function setWebhook(userId: string, input: WebhookInput, actor: Actor) {
  const refused = await checkWebhookHost(input.url, await mayReachPrivate(userId));
  if (refused !== null) throw new AppError('INVALID', refused, { url: [refused] });
  const secret = input.secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
  await getDb().$transaction(async (tx) => {
    const before = await tx.watchWebhook.findUnique({ where: { userId }, select: { url: true } });
    await tx.watchWebhook.upsert({
      where: { userId },
      create: { userId, url: input.url, secret },
      update: { url: input.url, secret },
    });
    await writeAudit(
      tx,
      actor,
      {
        action: before === null ? 'create' : 'update',
        entityType: 'watch_webhook',
        entityId: userId,
        before,
        after: { url: input.url },
      },
      { publish: false },
    );
  });
  return { url: input.url, secret, generated: input.secret === undefined };
}

/** Removes the user's webhook; deliveries not yet sent fail with that reason. */
export async function removeWebhook(userId: string, actor: Actor): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const before = await tx.watchWebhook.findUnique({ where: { userId }, select: { url: true } });
    if (before === null) throw new AppError('NOT_FOUND', 'You have no webhook to remove.');
    await tx.watchWebhook.delete({ where: { userId } });
    await writeAudit(
      tx,
      actor,
      { action: 'delete', entityType: 'watch_webhook', entityId: userId, before },
      { publish: false },
    );
  });
}

/** The user's webhook (without its secret), whether private addresses are allowed, and the latest deliveries with each attempt. */
export async function getWebhookOverview(userId: string, limit = 20) {
  const [hook, allowed, deliveries] = await Promise.all([
    getDb().watchWebhook.findUnique({ where: { userId }, select: { url: true, createdAt: true, updatedAt: true } }),
    mayReachPrivate(userId),
    getDb().webhookDelivery.findMany({
      where: { userId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      select: {
        id: true,
        state: true,
        attempts: true,
        nextAttemptAt: true,
        createdAt: true,
        event: { select: { kind: true, id: true } },
        log: {
          orderBy: { attempt: 'asc' },
          select: { attempt: true, at: true, ok: true, responseStatus: true, error: true, durationMs: true },
        },
      },
    }),
  ]);
  return { hook, allowPrivate: allowed, deliveries };
}

/** An admin lets (or stops letting) a user's webhook reach private, loopback and link-local addresses. */
export async function setWebhookPrivateAllowed(userId: string, allowed: boolean, actor: Actor): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { webhookPrivateAllowed: true } });
    if (before === null) throw new AppError('NOT_FOUND', 'There is no such user.');
    await tx.user.update({ where: { id: userId }, data: { webhookPrivateAllowed: allowed } });
    await writeAudit(
      tx,
      actor,
      { action: 'update', entityType: 'user', entityId: userId, before, after: { webhookPrivateAllowed: allowed } },
      { publish: false },
    );
  });
}

/** Whether an admin let this user's webhook reach private addresses (the operator's setting aside). */
export async function getWebhookAllowance(userId: string): Promise<boolean> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { webhookPrivateAllowed: true } });
  return user?.webhookPrivateAllowed ?? false;
}
