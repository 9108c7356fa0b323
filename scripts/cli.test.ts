import { describe, expect, inject, it } from 'vitest';
import { authenticateApiToken, createApiToken } from '../lib/data/api-tokens';
import { createUser } from '../lib/data/users';
import { getDb } from '../lib/db';
import { setupTestDatabase } from '../lib/testing/database';
import { runScript } from './lib/run';

setupTestDatabase();

/** Runs the real command line on the test database, as `npm run cli` would. */
function cli(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: inject('databaseUrl') };
  // The developer's own COUNTERPART_PASSWORD must not leak into these runs.
  delete env.COUNTERPART_PASSWORD;
  return runScript('scripts/cli.ts', { args, env: { ...env, ...options.env }, stdin: options.stdin ?? '' });
}

function lines(text: string): string[] {
  return text.trimEnd().split('\n');
}

// Each run starts tsx and applies migrations (a second or two, more on a busy machine).
const SLOW = { timeout: 180_000 };

const ANA = ['--email', 'Ana@Example.org', '--name', 'Ana Analyst', '--role', 'Researcher'];

describe('npm run cli', () => {
  it('creates a user and a token that authenticates until it is revoked', SLOW, async () => {
    const created = await cli(['user:create', ...ANA], { env: { COUNTERPART_PASSWORD: 'long enough 123' } });
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toMatch(/^Created researcher ana@example\.org \(Ana Analyst\), id \w+\.\n$/);

    const issued = await cli(['token:create', '--email', 'ana@example.org', '--name', 'laptop']);
    expect(issued.code).toBe(0);
    expect(issued.stderr).toMatch(/^Token for ana@example\.org \(researcher\), id \w+, "laptop": keep it secret/);
    const token = lines(issued.stdout).at(-1)!;
    expect(token).toMatch(/^cp_[\w-]{32}$/);
    const user = await getDb().user.findUniqueOrThrow({ where: { email: 'ana@example.org' } });
    expect(await authenticateApiToken(token)).toEqual({ userId: user.id, role: 'RESEARCHER' });

    const listed = await cli(['token:list', '--email', 'ana@example.org']);
    expect(listed.code).toBe(0);
    expect(lines(listed.stdout)[0]).toMatch(/^id\s+prefix\s+name\s+created\s+last used\s+revoked$/);
    expect(lines(listed.stdout)[1]).toContain(token.slice(0, 10));
    expect(listed.stdout).not.toContain(token);

    const revoked = await cli(['token:revoke', token.slice(0, 10)]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('Revoked token');
    expect(await authenticateApiToken(token)).toBeNull();
  });

  it('prints the usage and exits 2 on wrong arguments', SLOW, async () => {
    // These exit before opening the database, so they can run side by side.
    const [help, ...runs] = await Promise.all([
      cli(['help']),
      cli(['no-such-command']),
      cli(['token:create', '--email', 'ana@example.org', '--colour', 'red']),
      cli(['token:create', '--name', 'laptop']),
      cli(['token:create', '--email']),
      cli([]),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('Usage: npm run cli -- <command>');
    }
    expect(lines(runs[0].stderr)[0]).toBe('Unknown command "no-such-command".');
    expect(lines(runs[1].stderr)[0]).toBe("token:create: Unknown option '--colour'.");
    expect(lines(runs[2].stderr)[0]).toBe('Missing --email.');
    expect(lines(runs[3].stderr)[0]).toBe("token:create: Option '--email <value>' argument missing.");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('token:revoke <id | prefix | token>');
  });

  it('says what to fix in a bad option, exits 2 and creates nothing', SLOW, async () => {
    const run = await cli(['user:create', ...ANA, '--password-stdin'], { stdin: 'too short\n' });
    expect(run).toEqual({ code: 2, stdout: '', stderr: '--password: Use at least 10 characters\n' });
    expect(await getDb().user.count()).toBe(0);
  });

  it('exits 1 with one line for an email that already has an account', SLOW, async () => {
    await createUser(
      { email: 'ana@example.org', name: 'Ana', role: 'VIEWER', password: 'long enough 123' },
      { userId: null, via: 'cli' },
    );
    const run = await cli(['user:create', ...ANA, '--password', 'long enough 456']);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: There is already an account for ana@example.org\n',
    });
  });
});

describe('npm run cli: managing accounts', () => {
  it(
    'changes a role, disables (tokens refused at once) and enables an account, but keeps the last admin',
    SLOW,
    async () => {
      const seed = { userId: null, via: 'cli' } as const;
      await createUser({ email: 'ada@example.org', name: 'Ada', role: 'ADMIN', password: 'long enough 123' }, seed);
      const ana = await createUser(
        { email: 'ana@example.org', name: 'Ana', role: 'RESEARCHER', password: 'long enough 123' },
        seed,
      );
      const { token } = await createApiToken({ email: 'ana@example.org', name: 'script' }, seed);

      expect(await cli(['user:role', '--email', 'ANA@example.org', '--role', 'viewer'])).toEqual({
        code: 0,
        stdout: 'ana@example.org (Ana) is now viewer.\n',
        stderr: '',
      });
      const disabled = await cli(['user:disable', '--email', 'ana@example.org', '--reason', 'Left']);
      expect(disabled).toMatchObject({ code: 0, stderr: '' });
      expect(disabled.stdout).toContain('Disabled ana@example.org (Ana)');
      expect(await authenticateApiToken(token)).toBeNull();
      expect(await getDb().user.findUniqueOrThrow({ where: { id: ana.id } })).toMatchObject({
        role: 'VIEWER',
        banned: true,
        banReason: 'Left',
      });
      expect(await cli(['user:enable', '--email', 'ana@example.org'])).toMatchObject({ code: 0 });
      expect(await authenticateApiToken(token)).toMatchObject({ userId: ana.id, role: 'VIEWER' });

      const lastAdmin = await cli(['user:disable', '--email', 'ada@example.org']);
      expect(lastAdmin).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'error: You cannot disable the last admin: make another account admin first, so that someone can still manage users.\n',
      });
      const badRole = await cli(['user:role', '--email', 'ada@example.org', '--role', 'boss']);
      expect(badRole).toEqual({ code: 2, stdout: '', stderr: '--role: Choose a role: viewer, researcher or admin\n' });
      expect(await getDb().user.findUniqueOrThrow({ where: { email: 'ada@example.org' } })).toMatchObject({
        role: 'ADMIN',
        banned: false,
      });
    },
  );
});
