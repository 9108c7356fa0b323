import 'server-only';
import { getDb } from '../db';
import { AppError } from '../errors';
import { toCsv } from '../export/csv';
import { formatNumber } from '../format';
import { addDays } from 'date-fns';
import { parseIsoDate } from '../gaps/dates';
import type { Prisma } from '../generated/prisma/client';
import { auditFiltersToQuery, NO_USER, type AuditFilters } from '../validation/audit-filters';
import { auditDiffText, describeAuditChange, type AuditDiff } from '../audit/describe';
import { getUndoState } from './merge';

/*
 * Reading the audit log: newest first, a page at a time by keyset (ids below
 * the cursor), filtered by user, entity, action and days; and the same rows
 * as a CSV file.
 */

const ENTRY_SELECT = {
  id: true,
  at: true,
  via: true,
  action: true,
  entityType: true,
  entityId: true,
  before: true,
  after: true,
  user: { select: { id: true, name: true, email: true } },
} satisfies Prisma.AuditLogSelect;

type EntryRecord = Prisma.AuditLogGetPayload<{ select: typeof ENTRY_SELECT }>;

/** How a change arrived, in words. */
const VIA_LABEL: Record<string, string> = {
  ui: 'web',
  api: 'API',
  cli: 'command line',
  seed: 'seed',
  import: 'import',
};

/** The most rows one export holds; beyond it the reader is asked to narrow the filters. */
export const AUDIT_EXPORT_MAX = 25_000;

function where(filters: AuditFilters): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (filters.user === NO_USER) and.push({ userId: null });
  else if (filters.user) and.push({ userId: filters.user });
  if (filters.entityType) and.push({ entityType: filters.entityType });
  if (filters.entityId) and.push({ entityId: filters.entityId });
  if (filters.action) and.push({ action: filters.action });
  if (filters.from) and.push({ at: { gte: parseIsoDate(filters.from) } });
  if (filters.to) and.push({ at: { lt: addDays(parseIsoDate(filters.to), 1) } });
  return { AND: and };
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The entity a row concerns, named from its snapshots, with a link where one exists. */
function entityOf(entry: EntryRecord): { label: string; href: string | null } {
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const snapshot = (entry.action === 'merge' || entry.action === 'unmerge' ? after.kept : null) as Record<
    string,
    unknown
  > | null;
  const pick = (key: string) => str(snapshot?.[key]) ?? str(after[key]) ?? str(before[key]);
  switch (entry.entityType) {
    case 'official': {
      const slug = pick('slug');
      return { label: pick('name') ?? entry.entityId, href: slug ? `/officials/${slug}` : null };
    }
    case 'contact': {
      const date = pick('date');
      return {
        label: `Contact${date ? ` of ${date}` : ''}`,
        href: str(after.deletedAt) ? null : `/contacts/${entry.entityId}/edit`,
      };
    }
    case 'user':
      return { label: pick('email') ?? pick('name') ?? entry.entityId, href: '/admin/users' };
    case 'context_event':
      return { label: pick('title') ?? entry.entityId, href: '/admin/events' };
    case 'channel':
      return { label: pick('name') ?? entry.entityId, href: '/admin/channels' };
    case 'api_token':
      return { label: `Token ${pick('prefix') ?? entry.entityId}`, href: null };
    default:
      return { label: entry.entityId, href: null };
  }
}

/** Who made a change: the user, or how it arrived when no user did. */
function whoOf(entry: EntryRecord): { name: string; email: string | null } {
  if (entry.user) return { name: entry.user.name, email: entry.user.email };
  if (entry.via === 'seed') return { name: 'seed', email: null };
  if (entry.via === 'cli') return { name: 'command line', email: null };
  return { name: VIA_LABEL[entry.via] ?? entry.via, email: null };
}

function toEntry(entry: EntryRecord) {
  return {
    id: entry.id.toString(),
    at: entry.at.toISOString(),
    via: VIA_LABEL[entry.via] ?? entry.via,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    entity: entityOf(entry),
    who: whoOf(entry),
    diff: describeAuditChange(entry) as AuditDiff,
    before: entry.before,
    after: entry.after,
  };
}

/** An audit row as the viewer and the export show it. */
export type AuditEntry = ReturnType<typeof toEntry>;

/**
 * One page of the audit log matching the filters, newest first: entries below
 * the `before` cursor, and the cursor of the next page (null on the last).
 * A merge row says whether it can still be undone.
 */
export async function listAuditEntries(filters: AuditFilters) {
  const rows = await getDb().auditLog.findMany({
    where: { AND: [where(filters), ...(filters.before ? [{ id: { lt: BigInt(filters.before) } }] : [])] },
    orderBy: { id: 'desc' },
    take: filters.pageSize + 1,
    select: ENTRY_SELECT,
  });
  const page = rows.slice(0, filters.pageSize);
  const items = await Promise.all(
    page.map(async (row) => ({
      ...toEntry(row),
      undo: row.action === 'merge' ? await getUndoState(row.id) : null,
    })),
  );
  return { items, next: rows.length > filters.pageSize ? page.at(-1)!.id.toString() : null };
}

/** The users a filter can choose from: every account, by name. */
export async function listAuditUsers() {
  return getDb().user.findMany({
    orderBy: [{ name: 'asc' }, { email: 'asc' }],
    select: { id: true, name: true, email: true },
  });
}

/** The entity types and actions the log holds, for the filter's choices. */
export async function listAuditFacets(): Promise<{ entityTypes: string[]; actions: string[] }> {
  const [types, actions] = await Promise.all([
    getDb().$queryRaw<{ value: string }[]>`SELECT DISTINCT entity_type AS value FROM audit_log ORDER BY 1`,
    getDb().$queryRaw<{ value: string }[]>`SELECT DISTINCT action AS value FROM audit_log ORDER BY 1`,
  ]);
  return { entityTypes: types.map((r) => r.value), actions: actions.map((r) => r.value) };
}

/** Every entry matching the filters (the cursor aside), newest first; refuses more than AUDIT_EXPORT_MAX. */
export async function listAuditForExport(filters: AuditFilters): Promise<AuditEntry[]> {
  const total = await getDb().auditLog.count({ where: where(filters) });
  if (total > AUDIT_EXPORT_MAX) {
    throw new AppError(
      'INVALID',
      `These filters match ${formatNumber(total)} audit entries; an export holds at most ${formatNumber(AUDIT_EXPORT_MAX)}. Narrow them, e.g. with a date range.`,
    );
  }
  const rows = await getDb().auditLog.findMany({
    where: where(filters),
    orderBy: { id: 'desc' },
    select: ENTRY_SELECT,
  });
  return rows.map(toEntry);
}

/** The audit entries as CSV, stamped with the export time and filters in `#` lines (see lib/export/csv.ts). */
export function auditToCsv(entries: AuditEntry[], options: { filters: AuditFilters; at: Date }): string {
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  return toCsv({
    title: 'Counterpart audit log export',
    meta: [
      ['exported_at', options.at.toISOString()],
      ['filters', auditFiltersToQuery(options.filters).replace(/^\?/, '') || 'none'],
      ['total', entries.length],
      ['note', 'One row per change, newest first. before and after are the full snapshots as JSON.'],
    ],
    columns: [
      { name: 'at', value: (e) => e.at },
      { name: 'user', value: (e) => e.who.name },
      { name: 'email', value: (e) => e.who.email },
      { name: 'via', value: (e) => e.via },
      { name: 'action', value: (e) => e.action },
      { name: 'entity_type', value: (e) => e.entityType },
      { name: 'entity_id', value: (e) => e.entityId },
      { name: 'changes', value: (e) => auditDiffText(e.diff) },
      { name: 'before', value: (e) => json(e.before) },
      { name: 'after', value: (e) => json(e.after) },
    ],
    rows: entries,
  });
}
