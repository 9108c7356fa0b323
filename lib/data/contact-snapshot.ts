import 'server-only';
import type { Prisma } from '../generated/prisma/client';
import { isoFromDb, isoFromDbOrNull } from './dates';

type Tx = Prisma.TransactionClient;

/** A contact's own fields, as every read of a whole contact selects them. */
export const CONTACT_FIELDS = {
  id: true,
  version: true,
  date: true,
  datePrecision: true,
  time: true,
  timeZone: true,
  type: true,
  status: true,
  durationMinutes: true,
  location: true,
  summary: true,
  topics: true,
  verification: true,
  resolvedById: true,
  unnamedCountries: true,
} as const;

/** A source's own fields (the initiator it claims is selected by each reader as it needs). */
export const SOURCE_FIELDS = {
  url: true,
  publisher: true,
  title: true,
  publishedAt: true,
  side: true,
  quote: true,
  archiveUrl: true,
  claimedDate: true,
  claimedDurationMinutes: true,
} as const;

const SNAPSHOT_SELECT = {
  ...CONTACT_FIELDS,
  deletedAt: true,
  initiator: { select: { slug: true } },
  channel: { select: { slug: true } },
  participants: { select: { official: { select: { slug: true } } } },
  sources: {
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { ...SOURCE_FIELDS, claimedInitiator: { select: { slug: true } } },
  },
} satisfies Prisma.ContactSelect;

/**
 * A contact as the audit log keeps it and a conflict compares it: plain JSON,
 * officials by slug, participants sorted, so equal contacts have equal snapshots.
 */
export async function contactSnapshot(tx: Tx, id: string) {
  const c = await tx.contact.findUnique({ where: { id }, select: SNAPSHOT_SELECT });
  if (c === null) return null;
  return {
    id: c.id,
    version: c.version,
    date: isoFromDb(c.date),
    datePrecision: c.datePrecision,
    time: c.time,
    timeZone: c.timeZone,
    type: c.type,
    status: c.status,
    participants: c.participants.map((p) => p.official.slug).sort(),
    // Only on the contacts that have them, so that snapshots from before the column compare equal.
    ...(c.unnamedCountries.length > 0 ? { unnamedCountries: [...c.unnamedCountries].sort() } : {}),
    initiator: c.initiator?.slug ?? null,
    durationMinutes: c.durationMinutes,
    location: c.location,
    summary: c.summary,
    topics: c.topics,
    channel: c.channel?.slug ?? null,
    verification: c.verification,
    resolvedById: c.resolvedById,
    deletedAt: c.deletedAt?.toISOString() ?? null,
    sources: c.sources.map((s) => ({
      url: s.url,
      publisher: s.publisher,
      title: s.title,
      publishedAt: isoFromDbOrNull(s.publishedAt),
      side: s.side,
      quote: s.quote,
      archiveUrl: s.archiveUrl,
      claims: {
        date: isoFromDbOrNull(s.claimedDate),
        initiator: s.claimedInitiator?.slug ?? null,
        durationMinutes: s.claimedDurationMinutes,
      },
    })),
  };
}

export type ContactSnapshot = NonNullable<Awaited<ReturnType<typeof contactSnapshot>>>;

/** Fields a person edits, in the order a form shows them. */
export const EDITABLE_FIELDS = [
  'date',
  'datePrecision',
  'time',
  'timeZone',
  'type',
  'status',
  'participants',
  'initiator',
  'durationMinutes',
  'location',
  'summary',
  'topics',
  'channel',
  'sources',
  'verification',
] as const satisfies readonly (keyof ContactSnapshot)[];
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** The fields of a snapshot that make up a contact's input (ZContactInput), for an edit to start from. */
export function snapshotInput(snapshot: ContactSnapshot): Record<string, unknown> {
  return {
    ...Object.fromEntries(
      EDITABLE_FIELDS.filter((field) => field !== 'verification').map((field) => [field, snapshot[field]]),
    ),
    // Not a field the form shows, but part of what the contact states: an edit keeps it.
    ...(snapshot.unnamedCountries ? { unnamedCountries: snapshot.unnamedCountries } : {}),
  };
}

export type ContactChange = { field: EditableField; before: unknown; after: unknown };

/** JSON with object keys sorted: PostgreSQL's jsonb reorders keys, so snapshots read back from the audit log compare by this. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** The fields that differ between two snapshots of one contact. */
export function diffSnapshots(before: ContactSnapshot, after: ContactSnapshot): ContactChange[] {
  return EDITABLE_FIELDS.filter((field) => canonicalJson(before[field]) !== canonicalJson(after[field])).map(
    (field) => ({ field, before: before[field], after: after[field] }),
  );
}
