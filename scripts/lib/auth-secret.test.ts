import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { authSecretProblem, MIN_SECRET_LENGTH } from './auth-secret.mjs';
import { ROOT } from './run';
import { throwawaySecret } from './secret';

describe('authSecretProblem', () => {
  it('accepts the secrets npm start and the tests generate', () => {
    expect(authSecretProblem(throwawaySecret())).toBeNull();
  });

  it('refuses a missing, empty, short or repetitive secret with what to do', () => {
    expect(authSecretProblem(undefined)).toMatch(/^BETTER_AUTH_SECRET is not set\. Generate one with/);
    expect(authSecretProblem('   ')).toMatch(/is not set/);
    expect(authSecretProblem('x'.repeat(MIN_SECRET_LENGTH - 1).replace(/^x{8}/, 'abcdefgh'))).toMatch(
      new RegExp(`too short: ${MIN_SECRET_LENGTH - 1} characters, at least ${MIN_SECRET_LENGTH}`),
    );
    expect(authSecretProblem('ab'.repeat(MIN_SECRET_LENGTH))).toMatch(/repeats too few characters/);
  });
});

/** Starts the production server as an operator would, and returns how it ended and what it printed. */
function startServer(secret: string | undefined) {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
  delete env.BETTER_AUTH_SECRET;
  if (secret !== undefined) env.BETTER_AUTH_SECRET = secret;
  // Port 1 is never reached: the configuration is read, and refused, before the server listens.
  return spawnSync(process.execPath, ['scripts/server.mjs', '--port', '1'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('the production server', () => {
  it.each([
    ['no secret', undefined, /BETTER_AUTH_SECRET is not set/],
    ['a short secret', 'short-secret', /BETTER_AUTH_SECRET is too short: 12 characters/],
  ])('refuses to start with %s, in one line', (_, secret, message) => {
    const result = startServer(secret);
    expect(result.status).toBe(1);
    // The server logs it as its one line (JSON, as every line it prints), with no stack trace.
    const printed = `${result.stdout}${result.stderr}`;
    const lines = printed.split('\n').filter((line) => message.test(line));
    expect(lines, printed).toHaveLength(1);
    expect(printed).not.toMatch(/\n\s+at /);
  });
});
