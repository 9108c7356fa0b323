import { formatDate, formatInstant, formatNumber } from '../format';
import { isIsoDate } from '../gaps/dates';
import { TYPE_LABEL } from '../labels';

/*
 * What an audit row changed, in words: for an update only the fields that
 * differ ("Summary: ‘…’ → ‘…’"), lists (positions, sources, participants,
 * spellings) as items added and removed, dates written out; for a creation
 * its key fields; for a deletion what was deleted; a merge as what moved.
 * Pure, so the viewer and the CSV export say the same.
 */

/** One line of a change. */
export type ChangeLine =
  | { kind: 'changed'; label: string; from: string; to: string }
  | { kind: 'list'; label: string; added: string[]; removed: string[] }
  | { kind: 'value'; label: string; value: string };

export type AuditDiff = { summary: string | null; lines: ChangeLine[] };

export type AuditEntryData = { action: string; entityType: string; before: unknown; after: unknown };

type Json = Record<string, unknown>;

const LABELS: Record<string, string> = {
  date: 'Date',
  datePrecision: 'Date precision',
  time: 'Time',
  timeZone: 'Time zone',
  type: 'Type',
  status: 'Status',
  participants: 'Participants',
  initiator: 'Initiator',
  durationMinutes: 'Duration (minutes)',
  location: 'Location',
  summary: 'Summary',
  topics: 'Topics',
  channel: 'Channel',
  sources: 'Sources',
  verification: 'Verification',
  resolvedById: 'Fulfilled by contact',
  deletedAt: 'Deleted at',
  name: 'Name',
  slug: 'Address',
  country: 'Country',
  countries: 'Countries',
  wikidataId: 'Wikidata id',
  photoUrl: 'Photo',
  bio: 'Bio',
  links: 'Links',
  otherNames: 'Other spellings',
  positions: 'Positions',
  mergedIntoId: 'Merged into',
  email: 'Email',
  role: 'Role',
  banned: 'Disabled',
  banReason: 'Reason disabled',
  revokedAt: 'Revoked at',
  expiresAt: 'Expires at',
  prefix: 'Token prefix',
  title: 'Title',
  description: 'Description',
  url: 'Web address',
  establishedOn: 'Established',
  closedOn: 'Closed',
  sourceUrl: 'Source',
  officeKey: 'Office',
  organisation: 'Organisation',
  startDate: 'Start',
  endDate: 'End',
};

/** Bookkeeping, not content: never shown as a change. */
const HIDDEN = new Set(['id', 'version', 'updatedAt', 'createdAt', 'nameSearch', 'tokenHash', 'password', 'userId']);

/** The fields that say what a new or deleted entity is, per entity type, in reading order. */
const KEY_FIELDS: Record<string, string[]> = {
  contact: ['date', 'type', 'status', 'participants', 'initiator', 'durationMinutes', 'location', 'summary', 'sources'],
  official: ['name', 'country', 'slug', 'otherNames', 'positions', 'wikidataId'],
  user: ['name', 'email', 'role'],
  api_token: ['name', 'prefix', 'expiresAt'],
  context_event: ['date', 'title', 'countries', 'url'],
  channel: ['name', 'countries', 'establishedOn', 'closedOn'],
};

const ENUM_WORDS: Record<string, string> = {
  ...TYPE_LABEL,
  OTHER: 'Other',
  HELD: 'Held',
  REQUESTED: 'Requested',
  REFUSED: 'Refused',
  SCHEDULED: 'Expected',
  CANCELLED: 'Cancelled',
  UNVERIFIED: 'Unverified',
  VERIFIED: 'Verified',
  DISPUTED: 'Disputed',
  DAY: 'Day',
  MONTH: 'Month',
  YEAR: 'Year',
  VIEWER: 'Viewer',
  RESEARCHER: 'Researcher',
  ADMIN: 'Admin',
};

const MAX_TEXT = 300;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** A field name as people read it: the known label, else "someField" → "Some field". */
export function fieldLabel(key: string): string {
  if (LABELS[key]) return LABELS[key];
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_TEXT ? `${oneLine.slice(0, MAX_TEXT - 1)}…` : oneLine;
}

/** One value in words: dates written out, enums as words, free text quoted. */
export function formatValue(value: unknown, key = ''): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') {
    if (isIsoDate(value)) return formatDate(value);
    if (TIMESTAMP.test(value)) return formatInstant(value);
    if (/^[A-Z][A-Z_]+$/.test(value) && key !== 'country' && key !== 'officeKey') {
      return ENUM_WORDS[value] ?? value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
    }
    if (['country', 'officeKey', 'slug', 'wikidataId', 'prefix', 'resolvedById', 'mergedIntoId'].includes(key)) {
      return value;
    }
    if (/^https?:\/\//.test(value)) return value;
    return `‘${clip(value)}’`;
  }
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map((v) => describeItem(v, key)).join('; ');
  if (isObject(value)) return describeItem(value, key);
  return String(value);
}

/** A tenure in words: "Minister of Defence (RU:MINDEF), 6 Nov 2012 – present". */
function describePosition(p: Json): string {
  const start = typeof p.startDate === 'string' ? formatValue(p.startDate) : '?';
  const end = isEmpty(p.endDate) ? 'present' : formatValue(p.endDate);
  const organisation = isEmpty(p.organisation) ? '' : `, ${String(p.organisation)}`;
  return `${String(p.title ?? 'Position')} (${String(p.officeKey ?? '?')}${organisation}), ${start} – ${end}`;
}

/** A source in words: its publisher and address, and the claims it makes. */
function describeSource(s: Json): string {
  const head = [s.publisher, s.title].filter((v) => !isEmpty(v)).map(String);
  const claims = isObject(s.claims)
    ? Object.entries(s.claims)
        .filter(([, v]) => !isEmpty(v))
        .map(([k, v]) => `claims ${fieldLabel(k).toLowerCase()} ${formatValue(v, k)}`)
    : [];
  return [[...head, String(s.url ?? '')].filter(Boolean).join(', '), ...claims].join('; ');
}

/** An item of a list, in words. */
function describeItem(item: unknown, key: string): string {
  if (!isObject(item)) return typeof item === 'string' && !isIsoDate(item) ? item : formatValue(item, key);
  if (key === 'positions' || ('officeKey' in item && 'startDate' in item)) return describePosition(item);
  if (key === 'sources' || 'url' in item) return describeSource(item);
  if (typeof item.name === 'string') return item.name;
  return Object.entries(item)
    .filter(([k, v]) => !HIDDEN.has(k) && !isEmpty(v))
    .map(([k, v]) => `${fieldLabel(k).toLowerCase()} ${formatValue(v, k)}`)
    .join(', ');
}

/** JSON with object keys sorted, so equal values read back from jsonb compare equal. */
function canonical(value: unknown): string {
  return (
    JSON.stringify(value ?? null, (_k, v) =>
      isObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
    ) ?? 'null'
  );
}

/** The fields that differ between two snapshots, lists as items added and removed. */
export function diffFields(before: Json, after: Json, prefix = ''): ChangeLine[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !HIDDEN.has(k));
  const lines: ChangeLine[] = [];
  for (const key of keys) {
    const [b, a] = [before[key], after[key]];
    if (canonical(b ?? null) === canonical(a ?? null)) continue;
    if (isEmpty(b) && isEmpty(a)) continue;
    const label = prefix + fieldLabel(key);
    if (Array.isArray(b) || Array.isArray(a)) {
      const [bs, as] = [Array.isArray(b) ? b : [], Array.isArray(a) ? a : []];
      const [bKeys, aKeys] = [new Set(bs.map(canonical)), new Set(as.map(canonical))];
      lines.push({
        kind: 'list',
        label,
        added: as.filter((x) => !bKeys.has(canonical(x))).map((x) => describeItem(x, key)),
        removed: bs.filter((x) => !aKeys.has(canonical(x))).map((x) => describeItem(x, key)),
      });
    } else if (isObject(b) && isObject(a)) {
      lines.push(...diffFields(b, a, `${label} › `));
    } else {
      lines.push({ kind: 'changed', label, from: formatValue(b, key), to: formatValue(a, key) });
    }
  }
  return lines;
}

/** The fields that say what an entity is, as value lines (empty ones left out). */
export function keyFields(entityType: string, snapshot: Json): ChangeLine[] {
  const known = KEY_FIELDS[entityType];
  const keys = known ?? Object.keys(snapshot).filter((k) => !HIDDEN.has(k));
  return keys
    .filter((k) => !isEmpty(snapshot[k]))
    .map((k) => ({ kind: 'value', label: fieldLabel(k), value: formatValue(snapshot[k], k) }));
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function describeMerge(before: Json, after: Json): AuditDiff {
  const kept = isObject(before.kept) ? before.kept : {};
  const duplicate = isObject(before.duplicate) ? before.duplicate : {};
  const undo = isObject(after.undo) ? after.undo : {};
  const contacts = asArray(undo.participants).length + asArray(undo.removedParticipants).length;
  const shared = asArray(undo.removedParticipants).length;
  const lines: ChangeLine[] = [
    {
      kind: 'value',
      label: 'Contacts moved',
      value: shared > 0 ? `${formatNumber(contacts)} (${formatNumber(shared)} shared by both)` : formatNumber(contacts),
    },
  ];
  const positions = asArray(undo.positions).map((p) => describeItem(p, 'positions'));
  if (positions.length > 0) lines.push({ kind: 'list', label: 'Positions', added: positions, removed: [] });
  const dropped = asArray(undo.droppedPositions).map((p) => describeItem(p, 'positions'));
  if (dropped.length > 0) {
    lines.push({ kind: 'list', label: 'Positions dropped (already held)', added: [], removed: dropped });
  }
  const spellings = asArray(undo.aliases).map((a) => describeItem(a, 'aliases'));
  if (spellings.length > 0) lines.push({ kind: 'list', label: 'Spellings', added: spellings, removed: [] });
  const watches = asArray(undo.watches).length + asArray(undo.removedWatches).length;
  if (watches > 0) lines.push({ kind: 'value', label: 'Watches moved', value: formatNumber(watches) });
  lines.push({
    kind: 'value',
    label: 'Address',
    value: `/officials/${String(duplicate.slug)} now redirects to /officials/${String(kept.slug)}`,
  });
  return {
    summary: `Merged ${String(duplicate.name)} into ${String(kept.name)}: ${plural(contacts, 'contact')}, ${plural(positions.length, 'position')} and ${plural(spellings.length, 'spelling')} moved.`,
    lines,
  };
}

function describeUnmerge(before: Json, after: Json): AuditDiff {
  const kept = isObject(after.kept) ? after.kept : {};
  const duplicate = isObject(after.duplicate) ? after.duplicate : {};
  const keptBefore = isObject(before.kept) ? before.kept : {};
  const lines = diffFields(keptBefore, kept, `${String(kept.name)} › `);
  lines.push({
    kind: 'value',
    label: 'Address',
    value: `/officials/${String(duplicate.slug)} is ${String(duplicate.name)}’s own page again`,
  });
  return {
    summary: `Undid the merge of ${String(duplicate.name)} into ${String(kept.name)} (entry #${String(after.undoes)}).`,
    lines,
  };
}

/** What an audit row changed, in words. */
export function describeAuditChange(entry: AuditEntryData): AuditDiff {
  const before = isObject(entry.before) ? entry.before : null;
  const after = isObject(entry.after) ? entry.after : null;
  if (entry.action === 'merge' && before && after && isObject(after.undo)) return describeMerge(before, after);
  if (entry.action === 'unmerge' && before && after) return describeUnmerge(before, after);
  if (entry.action === 'delete' && before) {
    return {
      summary: `Deleted this ${fieldLabel(entry.entityType).toLowerCase()}.`,
      lines: keyFields(entry.entityType, before),
    };
  }
  if (before && after) {
    const lines = diffFields(before, after);
    return { summary: lines.length === 0 ? 'No visible change.' : null, lines };
  }
  if (after) return { summary: null, lines: keyFields(entry.entityType, after) };
  if (before) return { summary: null, lines: keyFields(entry.entityType, before) };
  return { summary: 'Nothing recorded.', lines: [] };
}

/** A change line as one sentence. */
export function lineText(line: ChangeLine): string {
  if (line.kind === 'changed') return `${line.label}: ${line.from} → ${line.to}`;
  if (line.kind === 'value') return `${line.label}: ${line.value}`;
  const parts = [
    line.added.length > 0 && `added ${line.added.join('; ')}`,
    line.removed.length > 0 && `removed ${line.removed.join('; ')}`,
  ].filter(Boolean);
  return `${line.label}: ${parts.join('; ') || 'reordered'}`;
}

/** A whole change as text, one line per change, for the CSV export. */
export function auditDiffText(diff: AuditDiff): string {
  return [diff.summary, ...diff.lines.map(lineText)].filter(Boolean).join('\n');
}
