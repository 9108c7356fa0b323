import pg from 'pg';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import type { ContactFormState } from '@/lib/validation/contact-form';
import { errorResponse } from '../api/respond';
import { createOfficial } from '../data/officials';
import { disconnectDb, getDb } from '../db';
import { setupTestDatabase } from '../testing/database';
import { ZOfficialInput } from '../validation/official';

/*
 * A database that refuses writes, for real: the test database is made read-only, as an administrator
 * (or a full disk's recovery) would, and the pool reconnects so its sessions start read-only.
 */

vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('@/lib/auth/session', () => ({
  requireActor: async () => ({
    id: 'u1',
    name: 'Rhea',
    email: 'rhea@example.org',
    role: 'RESEARCHER',
    actor: { userId: null, via: 'ui' },
  }),
}));

const { createContactAction } = await import('./contacts');
const { authenticateApiToken, createApiToken } = await import('../data/api-tokens');
const { createUser } = await import('../data/users');
const { ZApiTokenInput, ZUserInput } = await import('../validation/user');

setupTestDatabase();

async function setReadOnly(on: boolean) {
  const owner = new pg.Client({ connectionString: inject('ownerDatabaseUrl') });
  await owner.connect();
  try {
    // A session opened while the database is read-only starts read-only too, this one included.
    await owner.query('SET default_transaction_read_only = off');
    const { rows } = await owner.query<{ name: string }>('SELECT current_database() AS name');
    const database = owner.escapeIdentifier(rows[0].name);
    await owner.query(
      on
        ? `ALTER DATABASE ${database} SET default_transaction_read_only = on`
        : `ALTER DATABASE ${database} RESET default_transaction_read_only`,
    );
  } finally {
    await owner.end();
  }
  // New sessions take the database's setting.
  await disconnectDb();
}

afterEach(async () => {
  await setReadOnly(false);
  vi.restoreAllMocks();
});

describe('a read-only database', () => {
  it('still lets an API token read: its use goes unrecorded rather than the request refused', async () => {
    const cli = { userId: null, via: 'cli' as const };
    const user = await createUser(
      ZUserInput.parse({ email: 'ana@example.org', name: 'Ana', role: 'researcher', password: 'long enough 123' }),
      cli,
    );
    const { token, id } = await createApiToken(ZApiTokenInput.parse({ email: 'ana@example.org' }), cli);
    await setReadOnly(true);

    expect(await authenticateApiToken(token)).toEqual({ userId: user.id, role: 'RESEARCHER' });
    await setReadOnly(false);
    const row = await getDb().apiToken.findUniqueOrThrow({ where: { id }, select: { lastUsedAt: true } });
    expect(row.lastUsedAt).toBeNull();
  });

  it('refuses the contact form with a message beside it, keeps what was typed, and writes nothing', async () => {
    const make = (name: string, country: string) =>
      createOfficial(ZOfficialInput.parse({ name, country }), { userId: null, via: 'cli' });
    const [austin, shoigu] = [await make('Lloyd Austin', 'US'), await make('Sergei Shoigu', 'RU')];
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await setReadOnly(true);

    const data = new FormData();
    for (const [key, value] of Object.entries({
      date: '2022-05-13',
      datePrecision: 'DAY',
      type: 'CALL',
      status: 'HELD',
      summary: 'Kept',
    }))
      data.set(key, value);
    [austin, shoigu].forEach((p, i) => {
      for (const field of ['id', 'slug', 'name', 'country'] as const) data.set(`participants.${i}.${field}`, p[field]);
    });
    data.set('sources.0.url', 'https://www.defense.gov/readout');
    const result = await createContactAction({ ok: true } as ContactFormState, data);

    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Writes are refused for now because the database is read-only/);
    expect(result.values?.summary).toBe('Kept');
    expect(await getDb().contact.count()).toBe(0);
  });

  it('turns the real write error into a 503 JSON error that says why, and reads go on', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await setReadOnly(true);
    const error = await createOfficial(ZOfficialInput.parse({ name: 'Ann Alpha', country: 'US' }), {
      userId: null,
      via: 'cli',
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    const response = errorResponse(error, new Request('http://localhost/api/v1/officials', { method: 'POST' }));
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toEqual({ error: { code: 'UNAVAILABLE', message: expect.stringMatching(/database is read-only/) } });
    expect(await getDb().official.count()).toBe(0);
  });
});
