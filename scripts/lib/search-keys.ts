import pg from 'pg';
import { searchKey } from '../../lib/search-key.mjs';

/** Rows written per statement. */
const BATCH = 5_000;

/**
 * Gives every official's name and other spelling its search key (lib/search-key.mjs), where it is missing or
 * was made by an older version of the key: after the migration that added the keys, and after any change of
 * the key's rules. Keys are computed here, in TypeScript, as every write computes them; a row renamed
 * meanwhile keeps the key its writer gave it. Returns how many rows changed.
 */
export async function refreshSearchKeys(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let changed = 0;
    for (const table of ['official', 'official_alias'] as const) {
      const { rows } = await client.query<{ id: string; name: string; search_key: string }>(
        `SELECT id, name, search_key FROM ${table}`,
      );
      const stale = rows.map((row) => ({ ...row, key: searchKey(row.name) })).filter((r) => r.key !== r.search_key);
      for (let i = 0; i < stale.length; i += BATCH) {
        const batch = stale.slice(i, i + BATCH);
        const result = await client.query(
          `UPDATE ${table} AS t SET search_key = u.key
           FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, name, key)
           WHERE t.id = u.id AND t.name = u.name`,
          [batch.map((r) => r.id), batch.map((r) => r.name), batch.map((r) => r.key)],
        );
        changed += result.rowCount ?? 0;
      }
    }
    return changed;
  } finally {
    await client.end();
  }
}
