import 'server-only';
import type { Prisma } from '../generated/prisma/client';
import { ALL, CACHE_CHANNEL, SEARCH, SEARCH_TEXT } from './tags.mjs';

export {
  ALL,
  CONTACTS,
  contactTag,
  contactTags,
  countryTag,
  officeTag,
  officialTag,
  pairTag,
  SEARCH,
  type ContactTagOfficial,
} from './tags.mjs';

/** PostgreSQL refuses a payload of 8,000 bytes or more; each notification stays well under. */
export const MAX_PAYLOAD_BYTES = 7_000;

/** More notifications than this for one write, and it purges `all` instead: one message, same effect. */
const MAX_NOTIFICATIONS = 20;

/** Anything that runs raw SQL: a transaction client (the point: delivery only on commit) or the client itself. */
type Sql = Pick<Prisma.TransactionClient, '$executeRaw'>;

/**
 * The notification payloads (JSON `{"tags":[…]}`) for a set of tags: several when one would be too
 * long, and a single `all` when even that would take too many. With `texts` (the folded texts a contact
 * write changed: lib/cache/tags.mjs), one more, `{"tags":["search-text"],"texts":[…]}`, which purges the
 * search pages they may match; if they are too long to send, `search` purges every search page instead.
 */
export function invalidationPayloads(tags: Iterable<string>, texts?: Iterable<string>): string[] {
  const unique = [...new Set(tags)];
  if (unique.includes(ALL)) return [JSON.stringify({ tags: [ALL] })];
  let textPayload: string | null = null;
  if (texts !== undefined) {
    textPayload = JSON.stringify({ tags: [SEARCH_TEXT], texts: [...new Set(texts)] });
    if (Buffer.byteLength(textPayload) > MAX_PAYLOAD_BYTES) {
      textPayload = null;
      if (!unique.includes(SEARCH)) unique.push(SEARCH);
    }
  }
  if (unique.length === 0) return textPayload === null ? [] : [textPayload];
  const encode = (list: string[]) => JSON.stringify({ tags: list });
  const empty = Buffer.byteLength(encode([]));
  const payloads: string[] = [];
  let batch: string[] = [];
  let bytes = empty;
  for (const tag of unique) {
    const size = Buffer.byteLength(JSON.stringify(tag));
    if (empty + size > MAX_PAYLOAD_BYTES) return [encode([ALL])];
    // After the first tag of a batch, each adds a comma too.
    if (batch.length > 0 && bytes + 1 + size > MAX_PAYLOAD_BYTES) {
      payloads.push(encode(batch));
      if (payloads.length >= MAX_NOTIFICATIONS) return [encode([ALL])];
      batch = [];
      bytes = empty;
    }
    bytes += (batch.length > 0 ? 1 : 0) + size;
    batch.push(tag);
  }
  payloads.push(encode(batch));
  return textPayload === null ? payloads : [...payloads, textPayload];
}

/**
 * Tells every server process to drop the cached responses built from these tags (see lib/cache/tags.mjs).
 * Call it inside the write's transaction, with its client: PostgreSQL delivers the notification when,
 * and only if, the transaction commits, so no server purges for a write that rolled back, and none
 * can serve the old response once the write is visible.
 */
export async function publishInvalidation(tx: Sql, tags: Iterable<string>, texts?: Iterable<string>): Promise<void> {
  for (const payload of invalidationPayloads(tags, texts)) {
    await tx.$executeRaw`SELECT pg_notify(${CACHE_CHANNEL}, ${payload})`;
  }
}
