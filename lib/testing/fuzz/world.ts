import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { ActionWorld } from './actions';
import type { World } from './routes';

/*
 * What the fuzzer's requests may name: records read from the database (so it works on any dataset, the
 * soak's million contacts or an empty throw-away one), a few made when there are none, and an admin of
 * its own whose token and session get the requests past the role checks to their input.
 */

const CLI = { userId: null, via: 'cli' as const };

/**
 * The records the generators name, read from the database. The fuzzer's own account and tokens are left
 * out: an action that happened to revoke its token or disable it would leave every later write a 401.
 */
export async function discoverWorld(
  client: pg.ClientBase,
  token: string,
  otherToken: string | null = null,
): Promise<World & ActionWorld> {
  const hash = createHash('sha256').update(token).digest('hex');
  const own = await client.query<{ user_id: string }>(`SELECT user_id FROM api_token WHERE token_hash = $1`, [hash]);
  const self = own.rows[0]?.user_id ?? '';
  const ids = async (sql: string) =>
    (await client.query<{ id: string }>(sql, sql.includes('$1') ? [self] : [])).rows.map((r) => String(r.id));
  const officials = await client.query<{ id: string; slug: string; country: string }>(
    `SELECT id, slug, country FROM official WHERE merged_into_id IS NULL ORDER BY created_at, id LIMIT 6`,
  );
  const contacts = await client.query<{ id: string; version: number }>(
    `SELECT id, version FROM contact WHERE deleted_at IS NULL ORDER BY created_at, id LIMIT 6`,
  );
  return {
    token,
    otherToken,
    watches: await ids(`SELECT id FROM watch WHERE user_id = $1 ORDER BY created_at, id LIMIT 3`),
    otherWatches: await ids(`SELECT id FROM watch WHERE user_id <> $1 ORDER BY created_at, id LIMIT 3`),
    officials: officials.rows,
    contacts: contacts.rows,
    importRuns: await ids(`SELECT id FROM import_run ORDER BY started_at DESC LIMIT 4`),
    events: await ids(`SELECT id FROM context_event ORDER BY created_at, id LIMIT 3`),
    channels: await ids(`SELECT id FROM channel ORDER BY created_at, id LIMIT 3`),
    users: await ids(`SELECT id FROM "user" WHERE id <> $1 ORDER BY created_at, id LIMIT 4`),
    apiTokens: await ids(`SELECT id FROM api_token WHERE user_id <> $1 ORDER BY created_at, id LIMIT 3`),
    audits: await ids(`SELECT id FROM audit_log ORDER BY id DESC LIMIT 3`),
  };
}

/** Two officials of two countries, a contact between them, an event and a channel: made only when the database has no officials. */
export async function ensureRecords(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM official`);
  if (rows[0].n > 0) return;
  const { makeAustinAndShoigu, makeContact, makeOfficial, MINDEF_POSITION, SECDEF_POSITION } =
    await import('../factories');
  const { createContextEvent } = await import('../../data/event-edits');
  const { createChannel } = await import('../../data/channel-edits');
  const { ZContextEventInput } = await import('../../validation/event');
  const { ZChannelInput } = await import('../../validation/channel');
  const { austin, shoigu } = await makeAustinAndShoigu({
    austin: { positions: [SECDEF_POSITION] },
    shoigu: { positions: [MINDEF_POSITION] },
  });
  await makeOfficial({ name: 'Unmet Official', country: 'FR' });
  await makeOfficial({ name: 'Another Official', country: 'FR' });
  await makeContact({ date: '2022-05-13', participants: [austin.slug, shoigu.slug] });
  await createContextEvent(ZContextEventInput.parse({ date: '2022-02-24', title: 'Invasion', countries: ['RU'] }), CLI);
  await createChannel(
    ZChannelInput.parse({ name: 'Deconfliction line', countries: ['US', 'RU'], establishedOn: '2022-03-01' }),
    CLI,
  );
}

/**
 * An admin account of the fuzzer's own: its API token, and (for the server actions, called in-process)
 * the session cookie of a real sign-in.
 */
export async function makeFuzzAdmin(options: { signIn: boolean }): Promise<{ token: string; cookie: string | null }> {
  const { createUser } = await import('../../data/users');
  const { createApiToken } = await import('../../data/api-tokens');
  const { getAuth } = await import('../../auth/auth');
  const email = `fuzz-${randomBytes(6).toString('hex')}@example.org`;
  const password = randomBytes(18).toString('base64url');
  await createUser({ email, name: 'Fuzz admin', role: 'ADMIN', password }, CLI);
  const { token } = await createApiToken({ email, name: 'fuzz' }, CLI);
  if (!options.signIn) return { token, cookie: null };
  const response = await getAuth().api.signInEmail({ body: { email, password }, asResponse: true });
  if (response.status !== 200) throw new Error(`The fuzzer's admin could not sign in (${response.status})`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { token, cookie };
}

/**
 * A watch of the admin's own (so that its changes reach past "not found"), and another user, a viewer,
 * with a watch of the same pair, one event of it and an API token: the token is returned. Nothing is
 * made for watches when no two officials of two countries exist to name a pair.
 */
export async function makeOtherWatcher(client: pg.ClientBase, adminToken: string): Promise<string> {
  const { createUser } = await import('../../data/users');
  const { createApiToken } = await import('../../data/api-tokens');
  const { createWatch } = await import('../../data/watches');
  const { getDb } = await import('../../db');
  const { ZWatchInput } = await import('../../validation/watch');
  const email = `fuzz-watcher-${randomBytes(6).toString('hex')}@example.org`;
  const other = await createUser(
    { email, name: 'Fuzz watcher', role: 'VIEWER', password: randomBytes(18).toString('base64url') },
    CLI,
  );
  const { token } = await createApiToken({ email, name: 'fuzz watcher' }, CLI);
  const hash = createHash('sha256').update(adminToken).digest('hex');
  const admin = (await client.query<{ user_id: string }>(`SELECT user_id FROM api_token WHERE token_hash = $1`, [hash]))
    .rows[0]?.user_id;
  const { rows } = await client.query<{ country: string }>(
    `SELECT DISTINCT country FROM official WHERE merged_into_id IS NULL ORDER BY country LIMIT 2`,
  );
  if (rows.length < 2 || admin === undefined) return token;
  const input = ZWatchInput.parse({ level: 'countries', a: rows[0].country, b: rows[1].country, thresholdDays: 30 });
  await createWatch(admin, input, CLI);
  const watch = await createWatch(other.id, input, CLI);
  // What the watch job records when the silence passes the threshold (the job itself would write for every watch).
  await getDb().watchEvent.create({
    data: {
      watchId: watch.id,
      userId: other.id,
      kind: 'CROSSED',
      level: watch.level,
      keyA: watch.pair.a.key,
      keyB: watch.pair.b.key,
      silenceSince: new Date('2022-05-13T00:00:00Z'),
      days: 40,
      thresholdDays: 30,
    },
  });
  return token;
}
