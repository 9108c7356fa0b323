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

/** One audit row: what changed, and (for an import) a note such as `import of officials.csv`. */
export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  note?: string;
};

function auditRow(actor: Actor, entry: AuditEntry) {
  return {
    userId: actor.userId,
    via: actor.via,
    note: entry.note ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: toJson(entry.before),
    after: toJson(entry.after),
  };
}

/** Purges the cached pages some audited changes may show, when the transaction commits. */
async function publishAudited(tx: Prisma.TransactionClient, entries: AuditEntry[]): Promise<void> {
  const contacts = entries.filter((e) => e.entityType === 'contact').map((e) => e.entityId);
  if (contacts.length > 0) await publishContactChange(tx, contacts);
  if (entries.some((e) => e.entityType !== 'contact' && e.entityType !== 'api_token')) {
    await publishInvalidation(tx, [ALL]);
  }
}

/**
 * Writes the audit row of a mutation; call it inside the mutation's transaction. `publish: false` is for
 * a contact write whose `syncContactStats` (which purges the same pages and more) follows in the same
 * transaction.
 */
export async function writeAudit(
  tx: Prisma.TransactionClient,
  actor: Actor,
  entry: AuditEntry,
  options: { publish?: boolean } = {},
): Promise<void> {
  await tx.auditLog.create({ data: auditRow(actor, entry) });
  // Every audited change is a change some cached page may show: purge it when the transaction commits.
  if (options.publish === false) return;
  await publishAudited(tx, [entry]);
}

/** Writes the audit rows of many changes in one statement (an import), and purges the cache once for all. */
export async function writeAudits(
  tx: Prisma.TransactionClient,
  actor: Actor,
  entries: AuditEntry[],
  options: { publish?: boolean } = {},
): Promise<void> {
  if (entries.length === 0) return;
  // One statement over arrays: Prisma's createMany takes seconds for the 10,000 rows of a large import.
  const rows = entries.map((entry) => auditRow(actor, entry));
  const json = (value: Prisma.InputJsonValue | undefined) => (value === undefined ? null : JSON.stringify(value));
  await tx.$executeRaw`
    INSERT INTO audit_log (user_id, via, note, action, entity_type, entity_id, before, after)
    SELECT u.user_id, u.via, u.note, u.action, u.entity_type, u.entity_id, u.before::jsonb, u.after::jsonb
    FROM unnest(${rows.map((r) => r.userId)}::text[], ${rows.map((r) => r.via)}::text[],
                ${rows.map((r) => r.note)}::text[], ${rows.map((r) => r.action)}::text[],
                ${rows.map((r) => r.entityType)}::text[], ${rows.map((r) => r.entityId)}::text[],
                ${rows.map((r) => json(r.before))}::text[], ${rows.map((r) => json(r.after))}::text[])
      AS u(user_id, via, note, action, entity_type, entity_id, before, after)`;
  if (options.publish !== false) await publishAudited(tx, entries);
}
