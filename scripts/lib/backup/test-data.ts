/**
 * For the backup tests: a database with rows in every table, values that are hard to carry through
 * text (newlines, tabs, backslashes, COPY's own markers, Unicode, NULLs inside arrays, raw bytes,
 * floats and bigints at their limits, JSON), and a digest of a database to compare two of them by.
 */
import pg from 'pg';
import { seedDemo } from '../../../prisma/seed/demo';
import type { Actor } from '../../../lib/data/actor';
import { createApiToken } from '../../../lib/data/api-tokens';
import { createContact } from '../../../lib/data/contacts';
import { createUser } from '../../../lib/data/users';
import { ZContactInput } from '../../../lib/validation/contact';

const actor: Actor = { userId: null, via: 'cli' };

/** A value with everything COPY's text format must escape, and a few things it must not touch. */
export const TRICKY =
  'line one\nline two\r\n\ttabbed \\ backslash \\N \\. "double" \'single\' ,comma {brace} ' +
  'Шойгу 習近平 😀 e\u0301 \u202Eright to left\u202C \u0001 end';

/** Owner access: raw SQL for the rows no data function writes (sessions, throttles) and for odd values. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The founding story, an account with a token, and at least one row in every other table. */
export async function seedEveryTable(ownerUrl: string): Promise<void> {
  await seedDemo();
  const admin = await createUser(
    { email: 'ada@example.org', name: 'Ada Admin', role: 'ADMIN', password: 'long enough 123' },
    actor,
  );
  await createApiToken({ email: 'ada@example.org', name: 'laptop' }, actor);
  await createContact(
    ZContactInput.parse({
      date: '2023-05-01',
      datePrecision: 'MONTH',
      type: 'MEETING',
      status: 'HELD',
      participants: ['lloyd-austin'],
      unnamedCountries: ['RU', 'FR'],
      summary: TRICKY,
      topics: ['a,b', '{braces}', 'back\\slash'],
      sources: [{ url: 'https://example.org/c', quote: TRICKY, title: '\\.' }],
    }),
    actor,
  );
  await withClient(ownerUrl, async (client) => {
    const [first, second, third] = (await client.query<{ id: string }>('SELECT id FROM official ORDER BY id LIMIT 3'))
      .rows;
    await client.query('UPDATE official SET bio = $1, links = $2 WHERE id = $3', [
      TRICKY,
      ['', null, 'a,b', '{x}', '"q"', 'back\\slash', '\\N', 'NULL'],
      first.id,
    ]);
    // The literal text of COPY's NULL marker and of its end-of-data line, which must not become them.
    await client.query(`UPDATE official SET bio = '\\N' WHERE id = $1`, [second.id]);
    await client.query(`UPDATE official SET bio = E'\\\\.\\n\\\\.' WHERE id = $1`, [third.id]);
    const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await client.query(`INSERT INTO official_photo VALUES ($1, 'image/png', $2, now())`, [first.id, everyByte]);
    await client.query(`INSERT INTO rate_limit VALUES ('rl1', 'sign-in:127.0.0.1', 3, 9007199254740993)`);
    await client.query(
      `INSERT INTO sign_in_throttle VALUES ('account:ada@example.org', 2, '2026-01-01T00:00:00.123Z')`,
    );
    await client.query(
      `INSERT INTO session (id, token, expires_at, ip_address, user_agent, user_id, updated_at)
       VALUES ('s1', 'tok', '2030-01-01Z', '::1', $1, $2, now())`,
      [TRICKY, admin.id],
    );
    await client.query(`INSERT INTO verification VALUES ('v1', 'ada', $1, '2030-01-01Z', now(), now())`, [TRICKY]);
    const report = { rows: [1, 2.5, -0.0, 1e300], nested: { text: TRICKY, none: null, yes: true } };
    await client.query(
      `INSERT INTO import_run (id, kind, file_name, dry_run, status, user_id, bytes_total, report)
       VALUES ('run1', 'contacts', $1, false, 'DONE', $2, 9223372036854775807, $3)`,
      [TRICKY, admin.id, JSON.stringify(report)],
    );
    await client.query(
      `INSERT INTO watch (id, user_id, level, key_a, key_b, threshold_multiple)
       VALUES ('w1', $1, 'COUNTRY', 'RU', 'US', 0.1::float8 + 0.2::float8)`,
      [admin.id],
    );
    // A watch's event, the private feed's token, the webhook, one delivery of the event and its attempt.
    await client.query(
      `INSERT INTO watch_event (id, watch_id, user_id, kind, level, key_a, key_b, silence_since, days, threshold_days)
       VALUES ('we1', 'w1', $1, 'CROSSED', 'COUNTRY', 'RU', 'US', '2022-05-19', 2147483647, 7)`,
      [admin.id],
    );
    await client.query(`INSERT INTO watch_feed_token (user_id, token_hash, prefix) VALUES ($1, $2, 'cpf_ab')`, [
      admin.id,
      'f'.repeat(64),
    ]);
    await client.query(
      `INSERT INTO watch_webhook (user_id, url, secret, updated_at) VALUES ($1, $2, 'whsec_x', now())`,
      [admin.id, `https://example.org/hook?q=${encodeURIComponent(TRICKY)}`],
    );
    await client.query(
      `INSERT INTO webhook_delivery (id, event_id, user_id, url, state, attempts)
       VALUES ('wd1', 'we1', $1, 'https://example.org/hook', 'FAILED', 6)`,
      [admin.id],
    );
    await client.query(
      `INSERT INTO webhook_attempt (id, delivery_id, attempt, duration_ms, ok, response_status, error)
       VALUES ('wa1', 'wd1', 1, 0, false, NULL, $1)`,
      [TRICKY],
    );
    await client.query(
      `INSERT INTO audit_log (user_id, via, action, entity_type, entity_id, before, note)
       VALUES (NULL, 'cli', 'test', 'nothing', 'x', $1, $2)`,
      [JSON.stringify(report), TRICKY],
    );
  });
}

export type Digest = {
  /** Per table: its row count and the MD5 of all its rows as text, sorted. */
  tables: Record<string, { rows: number; md5: string | null }>;
  sequences: Record<string, string>;
  /** Columns, constraints, indexes and enums of the schema, one line each. */
  schema: string[];
  /** Applied migrations as `name checksum`. */
  migrations: string[];
};

/** Everything a restore must give back, read from the database at `url`. */
export async function databaseDigest(url: string): Promise<Digest> {
  return withClient(url, async (client) => {
    const { rows: names } = await client.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class
       WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' AND relname <> '_prisma_migrations'
       ORDER BY 1`,
    );
    const tables: Digest['tables'] = {};
    for (const { name } of names) {
      const table = client.escapeIdentifier(name);
      const { rows } = await client.query<{ rows: number; md5: string | null }>(
        `SELECT count(*)::int AS rows, md5(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C")) AS md5 FROM ${table} t`,
      );
      tables[name] = rows[0];
    }
    const sequences: Digest['sequences'] = {};
    const { rows: sequenceNames } = await client.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'S'`,
    );
    for (const { name } of sequenceNames) {
      const { rows } = await client.query<{ state: string }>(
        `SELECT last_value || ' ' || is_called AS state FROM ${client.escapeIdentifier(name)}`,
      );
      sequences[name] = rows[0].state;
    }
    const { rows: schema } = await client.query<{ line: string }>(`
      SELECT line FROM (
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' ||
               coalesce(column_default, '') AS line
        FROM information_schema.columns WHERE table_schema = current_schema()
        UNION ALL
        SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
        FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
        UNION ALL
        SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
        UNION ALL
        SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE t.typnamespace = current_schema()::regnamespace GROUP BY t.typname
      ) s ORDER BY line COLLATE "C"`);
    const { rows: migrations } = await client.query<{ line: string }>(
      `SELECT migration_name || ' ' || checksum AS line FROM _prisma_migrations
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    return {
      tables,
      sequences,
      schema: schema.map((row) => row.line),
      migrations: migrations.map((row) => row.line),
    };
  });
}
