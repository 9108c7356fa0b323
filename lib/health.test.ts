import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { seedDemo } from '../prisma/seed/demo';
import { GET } from '../app/api/health/route';
import { checkStatistics, healthReport, settleStatistics, shippedMigrations } from './health';
import { setupTestDatabase } from './testing/database';

setupTestDatabase();

const owner = new pg.Client({ connectionString: inject('ownerDatabaseUrl') });
const connected = owner.connect();
afterAll(() => owner.end());

async function asOwner(sql: string) {
  await connected;
  await owner.query(sql);
}

describe('/api/health', () => {
  it('reports a migrated, consistent database as ok, with nothing secret in it', async () => {
    await seedDemo();
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body).toMatchObject({
      status: 'ok',
      database: { reachable: true },
      migrations: { applied: shippedMigrations().length, pending: [], failed: [] },
    });
    expect(body.database.latencyMs).toBeGreaterThanOrEqual(0);
    // Neither the database's address, its user, nor the auth secret.
    const text = JSON.stringify(body);
    const url = new URL(inject('databaseUrl'));
    for (const secret of [url.host, url.username, url.pathname.slice(1), process.env.BETTER_AUTH_SECRET]) {
      if (secret) expect(text).not.toContain(secret);
    }
    // The statistics are checked in the background: the next report after the check has the verdict.
    await settleStatistics();
    const after = await (await GET()).json();
    expect(after.statistics).toMatchObject({ consistent: true, problems: [] });
    expect(Date.parse(after.statistics.checkedAt)).not.toBeNaN();
  });

  it('names the migrations this build ships that the database lacks, and says unavailable', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'health-'));
    try {
      cpSync(path.join(process.cwd(), 'prisma', 'migrations'), path.join(root, 'prisma', 'migrations'), {
        recursive: true,
      });
      mkdirSync(path.join(root, 'prisma', 'migrations', '29991231000000_from_the_future'));
      const report = await healthReport(root);
      expect(report.status).toBe('unavailable');
      expect(report.migrations?.pending).toEqual(['29991231000000_from_the_future']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('checkStatistics', () => {
  it('finds statistics changed behind the write path, level by level', async () => {
    await seedDemo();
    expect(await checkStatistics()).toEqual([]);

    await asOwner(`UPDATE pair_stat SET contact_count = contact_count + 1
                   WHERE (level, a, b) IN (SELECT level, a, b FROM pair_stat WHERE level = 'COUNTRY' LIMIT 1)`);
    await asOwner(`UPDATE contact SET deleted_at = now() WHERE id = (SELECT contact_id FROM pair_contact LIMIT 1)`);
    const problems = await checkStatistics();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^COUNTRY pairs count \d+ contacts, but hold \d+ pair rows$/),
        expect.stringMatching(/^[1-9]\d* pair rows belong to deleted contacts$/),
      ]),
    );
  });
});
