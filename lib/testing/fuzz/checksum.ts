import type pg from 'pg';

/**
 * What may change while hostile requests are refused, and why: failed sign-ins are counted (that is the
 * throttle working), and a token's last use is stamped when it authenticates, once a minute at most.
 */
export const IGNORED_TABLES = ['rate_limit', 'sign_in_throttle'];
export const IGNORED_COLUMNS: Record<string, string[]> = { api_token: ['last_used_at'] };

export type Checksum = Record<string, { rows: number; sum: string }>;

/**
 * A fingerprint of every table of the public schema that the role may read, from the catalog (so a new
 * table is covered): per table its row count and the sum of each row's md5 (as a 64-bit number). The sum
 * does not depend on row order and needs no memory for a big table, where one string of every row would.
 */
export async function checksumDatabase(client: pg.ClientBase): Promise<Checksum> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND has_table_privilege(c.oid, 'SELECT') ORDER BY 1`,
  );
  const parts = tables
    .filter(({ name }) => !IGNORED_TABLES.includes(name))
    .map(({ name }) => {
      const ignored = IGNORED_COLUMNS[name] ?? [];
      const row =
        ignored.length === 0 ? 't::text' : `(to_jsonb(t) - ARRAY[${ignored.map((c) => `'${c}'`).join(',')}])::text`;
      return `SELECT '${name}' AS name, count(*)::int AS rows,
                     coalesce(sum(('x' || left(md5(${row}), 16))::bit(64)::bigint), 0)::text AS sum
                FROM public."${name}" t`;
    });
  if (parts.length === 0) return {};
  const { rows } = await client.query<{ name: string; rows: number; sum: string }>(parts.join(' UNION ALL '));
  return Object.fromEntries(rows.map(({ name, rows, sum }) => [name, { rows, sum }]));
}

/** The tables whose fingerprint differs, leaving out those a request may write even when it refuses. */
export function changedTables(before: Checksum, after: Checksum, allowed: readonly string[] = []): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((name) => !allowed.includes(name))
    .filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]))
    .sort();
}
