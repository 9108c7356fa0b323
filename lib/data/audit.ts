import 'server-only';
import { ALL, publishInvalidation } from '../cache/invalidate';
import { publishContactChange } from '../stats/maintain';
import type { Prisma } from '../generated/prisma/client';
import type { Actor } from './actor';

/** Makes a value safe to store as JSON: dates as ISO strings, bigints as strings. */
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

/**
 * Writes the audit row of a mutation; call it inside the mutation's transaction. `publish: false` is for
 * a contact write whose `syncContactStats` (which purges the same pages and more) follows in the same
 * transaction.
 */
export async function writeAudit(
  tx: Prisma.TransactionClient,
  actor: Actor,
  entry: { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown },
  options: { publish?: boolean } = {},
): Promise<void> {
  await tx.auditLog.create({
    data: {
      userId: actor.userId,
      via: actor.via,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  });
  // Every audited change is a change some cached page may show: purge it when the transaction commits.
  if (options.publish === false) return;
  if (entry.entityType === 'contact') await publishContactChange(tx, [entry.entityId]);
  else if (entry.entityType !== 'api_token') await publishInvalidation(tx, [ALL]);
}
