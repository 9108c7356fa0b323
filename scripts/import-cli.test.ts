/**
 * The import command line as a user meets it, on the test database: killed half-way through an import
 * (SIGKILL), it leaves nothing behind, and running it again completes it once, without duplicates.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { getDb } from '../lib/db';
import { setupTestDatabase } from '../lib/testing/database';
import { bin, ROOT } from './lib/run';
import { makeOfficial } from '../lib/testing/factories';

setupTestDatabase();

const ROWS = 40_000;

/** Starts the real command line in its own process group, so that a kill reaches tsx's child too. */
function start(args: string[]) {
  const child = spawn(bin('tsx'), ['--conditions=react-server', 'scripts/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: inject('databaseUrl') },
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done, stderr: () => stderr };
}

describe('npm run cli -- import contacts', () => {
  it(
    'leaves nothing behind when killed mid-import, and completes once when run again',
    { timeout: 300_000 },
    async () => {
      const make = (name: string, country: string) => makeOfficial({ name, country });
      await make('Ann Alpha', 'US');
      await make('Dan Delta', 'RU');
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'counterpart-import-')), 'long.csv');
      const lines = ['external_id,date,type,status,participant_a,country_a,participant_b,country_b,source_url'];
      for (let i = 0; i < ROWS; i += 1) {
        const day = new Date(Date.UTC(1900, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
        lines.push(`k${i},${day},CALL,HELD,Ann Alpha,US,Dan Delta,RU,https://example.org/${i}`);
      }
      writeFileSync(file, `${lines.join('\n')}\n`);

      const first = start(['import', 'contacts', file]);
      // Killed once the import has read and written rows inside its transaction.
      await expect.poll(() => /[1-9][\d,]* rows/.test(first.stderr()), { timeout: 120_000, interval: 100 }).toBe(true);
      process.kill(-first.child.pid!, 'SIGKILL');
      expect((await first.done).code).toBe(null);
      // PostgreSQL rolls the transaction back when the connection drops: no contact, source or audit row.
      await expect
        .poll(
          async () =>
            (
              await getDb().$queryRaw<{ n: number }[]>`
            SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`
            )[0].n,
          { timeout: 30_000 },
        )
        .toBe(0);
      expect(await getDb().contact.count()).toBe(0);
      expect(await getDb().source.count()).toBe(0);
      expect(await getDb().pairContact.count()).toBe(0);
      expect(await getDb().auditLog.count({ where: { via: 'import' } })).toBe(0);

      const second = await start(['import', 'contacts', file]).done;
      expect(second.code, second.stdout + second.stderr).toBe(0);
      expect(second.stdout).toContain(`${ROWS.toLocaleString('en-GB')} created`);
      expect(await getDb().contact.count()).toBe(ROWS);

      const third = await start(['import', 'contacts', file]).done;
      expect(third.code, third.stderr).toBe(0);
      expect(third.stdout).toContain('nothing changed, it was all imported before');
      expect(await getDb().contact.count()).toBe(ROWS);
      const held = await getDb().pairStat.findFirst({
        where: { level: 'COUNTRY' },
        select: { heldCount: true, gapCount: true },
      });
      expect(held).toEqual({ heldCount: ROWS, gapCount: ROWS - 1 });
    },
  );
});
