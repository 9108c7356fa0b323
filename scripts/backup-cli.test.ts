/**
 * `npm run cli -- backup` and `restore` as a user runs them: the real command line, on the test run's
 * server, as the tables' owner (what DATABASE_URL names for a real server).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { emptyTables, setupTestDatabase } from '../lib/testing/database';
import { openDatabase, type DatabaseHandle } from './lib/database';
import { databaseDigest, seedEveryTable } from './lib/backup/test-data';
import { runScript } from './lib/run';

setupTestDatabase();
beforeEach(() => emptyTables(['sign_in_throttle']));

function cli(args: string[], databaseUrl = inject('ownerDatabaseUrl')) {
  return runScript('scripts/cli.ts', { args, env: { ...process.env, DATABASE_URL: databaseUrl } });
}

const SLOW = { timeout: 300_000 };
const folder = mkdtempSync(path.join(tmpdir(), 'counterpart-backup-cli-'));
let target: DatabaseHandle | undefined;

afterAll(async () => {
  await target?.stop();
});

describe('npm run cli -- backup / restore', () => {
  it('backs up, restores into a new database row for row, and refuses to overwrite data', SLOW, async () => {
    await seedEveryTable(inject('ownerDatabaseUrl'));
    const source = await databaseDigest(inject('ownerDatabaseUrl'));
    const file = path.join(folder, 'counterpart.backup.gz');

    const backup = await cli(['backup', file]);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(
      new RegExp(
        `^Backed up [\\d,]+ rows of \\d+ tables \\(\\d+ contacts\\) to ${file} \\([\\d.]+ kB\\) in [\\d.]+ s\\.\\n$`,
      ),
    );
    expect(backup.stderr).toMatch(/^contact: \d+ rows$/m);
    expect(existsSync(file)).toBe(true);

    target = await openDatabase({
      mode: 'throwaway',
      env: { DATABASE_URL: inject('ownerDatabaseUrl') },
      log: () => {},
    });
    const restore = await cli(['restore', file], target.ownerUrl);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/^Restored [\d,]+ rows of \d+ tables \(\d+ contacts\) from .* in [\d.]+ s\.\n$/);
    expect(restore.stderr).toMatch(
      /: a backup made \d{4}-\d\d-\d\d \d\d:\d\d UTC from PostgreSQL \d+.*; checked, complete\./,
    );
    const restored = await databaseDigest(target.ownerUrl);
    expect(restored.tables).toEqual(source.tables);
    expect(restored.schema).toEqual(source.schema);

    // Again into the same database, now full: one line saying what to do, and nothing changed.
    const again = await cli(['restore', file], target.ownerUrl);
    expect(again.code).toBe(1);
    expect(again.stderr.trimEnd().split('\n').at(-1)).toMatch(
      /^error: The database already holds data \(rows in .*\): add --replace to replace all of it with the backup\. Nothing was restored\.$/,
    );
    expect(again.stdout).toBe('');
    expect(await databaseDigest(target.ownerUrl)).toEqual(restored);
  });

  it('says in one line what is wrong with the file or the command', SLOW, async () => {
    const notBackup = path.join(folder, 'notes.txt');
    writeFileSync(notBackup, 'just some notes\n');
    const [missing, foreign, noFolder, noFile] = await Promise.all([
      cli(['restore', path.join(folder, 'missing.gz')]),
      cli(['restore', notBackup, '--replace']),
      cli(['backup', path.join(folder, 'nowhere', 'b.gz')]),
      cli(['backup']),
    ]);
    expect(missing).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: No file at ${path.join(folder, 'missing.gz')}: check the path.\n`,
    });
    expect(foreign).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: ${notBackup} is not a Counterpart backup: it is not a gzip file.\n`,
    });
    expect(noFolder).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: Cannot write ${path.join(folder, 'nowhere', 'b.gz')}: there is no folder ${path.join(folder, 'nowhere')}.\n`,
    });
    expect(noFile.code).toBe(2);
    expect(noFile.stderr.split('\n')[0]).toBe('Name the file to write: backup FILE.');
  });
});
