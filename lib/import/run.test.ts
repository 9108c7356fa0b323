/**
 * An import's run record outlives a dead process: a running import beats its heartbeat even while no row
 * moves, and a run whose heartbeat stopped (its server was killed) is marked failed when read, with a
 * message saying to import again, instead of claiming to run forever.
 */
import { PassThrough } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getImportRun, latestImportRun, startImportRun } from '../data/imports';
import { createUser } from '../data/users';
import { getDb } from '../db';
import { setupTestDatabase } from '../testing/database';
import { IMPORT_HEARTBEAT_MS, IMPORT_STALE_AFTER_MS } from './progress';
import { runImport } from './run';

setupTestDatabase();

const HEADER = 'external_id,date,type,status,participant_a,country_a,participant_b,country_b,source_url\n';

async function researcher() {
  const user = await createUser(
    { email: 'rhea@example.org', name: 'Rhea', role: 'RESEARCHER', password: 'a long password' },
    { userId: null, via: 'cli' },
  );
  return { id: user.id, isAdmin: false };
}

/** A run as a killed process leaves it: RUNNING, its last heartbeat `ageMs` ago. */
async function orphanedRun(userId: string, ageMs: number) {
  const id = randomUUID();
  await startImportRun({ id, kind: 'contacts', fileName: 'big.csv', dryRun: false, userId, bytesTotal: 1000 });
  const then = new Date(Date.now() - ageMs);
  await getDb().importRun.update({ where: { id }, data: { startedAt: then, updatedAt: then, rowsDone: 400 } });
  return id;
}

describe('an interrupted import', () => {
  it('is marked failed when read once its heartbeat is older than the limit, and says to import again', async () => {
    const user = await researcher();
    const dead = await orphanedRun(user.id, IMPORT_STALE_AFTER_MS + 5_000);
    const alive = await orphanedRun(user.id, IMPORT_HEARTBEAT_MS);

    const run = await getImportRun(dead, user);
    expect(run?.status).toBe('FAILED');
    expect(run?.finishedAt).not.toBeNull();
    expect(run?.report).toMatchObject({
      fileName: 'big.csv',
      error: expect.stringMatching(/interrupted.*import the file again/),
    });
    // The import page shows it as the user's last import.
    expect((await latestImportRun(user.id))?.id).toBe(dead);
    // A run that beat recently is still running.
    expect((await getImportRun(alive, user))?.status).toBe('RUNNING');
  });

  it('is not what a live import looks like: its heartbeat goes on while no row arrives', async () => {
    const user = await researcher();
    const input = new PassThrough();
    input.write(HEADER);
    const id = randomUUID();
    const running = runImport({
      id,
      kind: 'contacts',
      fileName: 'slow.csv',
      dryRun: true,
      createOfficials: false,
      actor: { userId: user.id, via: 'import' },
      bytesTotal: null,
      input,
    });
    await expect.poll(() => getImportRun(id, user)).toBeTruthy();
    const first = (await getImportRun(id, user))!;
    // The upload stalls; the run's updated_at still moves on.
    await expect
      .poll(async () => (await getImportRun(id, user))!.updatedAt > first.updatedAt, {
        timeout: IMPORT_HEARTBEAT_MS * 3,
        interval: 250,
      })
      .toBe(true);
    expect((await getImportRun(id, user))?.status).toBe('RUNNING');
    input.end();
    await running;
    expect((await getImportRun(id, user))?.status).not.toBe('RUNNING');
  });
});
