/** What the backup and the restore read from PostgreSQL's catalog about the app's schema. */
import { escapeIdentifier, type ClientBase } from 'pg';
import { BackupError, type SequenceSpec, type TableSpec } from './format';

/**
 * Every table of the schema the connection works in (Prisma's: `public` unless told otherwise) but
 * `_prisma_migrations`, the record of which migrations built the schema: the backup names them in its
 * header, and a restore writes its target's own record. Columns in their order; generated columns,
 * which PostgreSQL computes itself and refuses in COPY FROM, left out. Ordered by name.
 */
export async function listTables(client: ClientBase): Promise<TableSpec[]> {
  const { rows } = await client.query<TableSpec>(`
    SELECT c.relname::text AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
    FROM pg_class c
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
    GROUP BY c.relname
    ORDER BY c.relname COLLATE "C"`);
  return rows;
}

/**
 * The tables in an order that loads each after every table its foreign keys point to (a table's
 * references to itself are checked at the end of its COPY, so they need no order); alphabetical
 * where the keys leave a choice, so that the same schema always gives the same file.
 */
export async function inLoadOrder(client: ClientBase, tables: TableSpec[]): Promise<TableSpec[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(`
    SELECT child.relname::text AS child, parent.relname::text AS parent
    FROM pg_constraint k
    JOIN pg_class child ON child.oid = k.conrelid
    JOIN pg_class parent ON parent.oid = k.confrelid
    WHERE k.contype = 'f' AND child.relnamespace = current_schema()::regnamespace AND k.conrelid <> k.confrelid`);
  const waitingFor = new Map(tables.map((table) => [table.name, new Set<string>()]));
  for (const { child, parent } of rows) {
    if (waitingFor.has(parent)) waitingFor.get(child)?.add(parent);
  }
  const ordered: TableSpec[] = [];
  const left = [...tables];
  while (left.length > 0) {
    const next = left.findIndex((table) => waitingFor.get(table.name)!.size === 0);
    if (next < 0) {
      throw new BackupError(
        `The tables ${left.map((table) => table.name).join(', ')} refer to each other in a cycle: no order loads them.`,
      );
    }
    const [table] = left.splice(next, 1);
    ordered.push(table);
    for (const waiting of waitingFor.values()) waiting.delete(table.name);
  }
  return ordered;
}

/** The schema's sequences and where each stands (`audit_log`'s ids). */
export async function readSequences(client: ClientBase): Promise<SequenceSpec[]> {
  const { rows: names } = await client.query<{ name: string }>(`
    SELECT relname::text AS name FROM pg_class
    WHERE relnamespace = current_schema()::regnamespace AND relkind = 'S'
    ORDER BY relname COLLATE "C"`);
  const sequences: SequenceSpec[] = [];
  for (const { name } of names) {
    const { rows } = await client.query<{ lastValue: string; isCalled: boolean }>(
      `SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM ${escapeIdentifier(name)}`,
    );
    sequences.push({ name, ...rows[0] });
  }
  return sequences;
}
