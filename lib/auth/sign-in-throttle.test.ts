import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '../db';
import { setupTestDatabase } from '../testing/database';
import {
  accountKey,
  addressKey,
  beginSignInAttempt,
  SIGN_IN_FAILURES_PER_ACCOUNT,
  SIGN_IN_FAILURES_PER_ADDRESS,
  signInSucceeded,
} from './sign-in-throttle';

setupTestDatabase();

/** Keys of their own for each test: the counter table is not emptied between tests. */
function keys(address = `203.0.113.${Math.floor(Math.random() * 250) + 1}`) {
  return { account: accountKey(`${randomUUID()}@example.org`), address: addressKey(`${address}`) };
}

async function fail(times: number, attempt: { account: string; address: string | null }) {
  for (let i = 0; i < times; i += 1) expect((await beginSignInAttempt(attempt)).allowed).toBe(true);
}

describe('sign-in throttle', () => {
  it('refuses an account after five failures in a minute, and says for how long', async () => {
    const attempt = keys();
    await fail(SIGN_IN_FAILURES_PER_ACCOUNT, attempt);
    const refused = await beginSignInAttempt(attempt);
    expect(refused).toMatchObject({ allowed: false });
    if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThan(50);
    // From any other address too: the account is what is guessed at.
    expect((await beginSignInAttempt({ ...attempt, address: addressKey('198.51.100.9') })).allowed).toBe(false);
  });

  it('does not lock another account, even from the same address', async () => {
    const first = keys('198.51.100.20');
    await fail(SIGN_IN_FAILURES_PER_ACCOUNT, first);
    expect((await beginSignInAttempt(first)).allowed).toBe(false);
    expect((await beginSignInAttempt({ ...first, account: accountKey(`${randomUUID()}@example.org`) })).allowed).toBe(
      true,
    );
  });

  it('counts only failures: sign-ins that succeed never lock an account', async () => {
    const attempt = keys();
    for (let i = 0; i < SIGN_IN_FAILURES_PER_ACCOUNT * 3; i += 1) {
      expect((await beginSignInAttempt(attempt)).allowed).toBe(true);
      await signInSucceeded(attempt);
    }
  });

  it('refuses an address after thirty failures over many accounts, and counts nothing it refused', async () => {
    const address = addressKey('198.51.100.77');
    for (let i = 0; i < SIGN_IN_FAILURES_PER_ADDRESS; i += 1) {
      expect((await beginSignInAttempt({ account: accountKey(`a${i}-${randomUUID()}@x.org`), address })).allowed).toBe(
        true,
      );
    }
    const victim = accountKey(`${randomUUID()}@example.org`);
    expect((await beginSignInAttempt({ account: victim, address })).allowed).toBe(false);
    // The refusal was not held against the account it named.
    const row = await getDb().signInThrottle.findUnique({ where: { key: victim } });
    expect(row?.count ?? 0).toBe(0);
    expect((await beginSignInAttempt({ account: victim, address: addressKey('198.51.100.78') })).allowed).toBe(true);
  });

  it('starts a new window once the minute is over', async () => {
    const attempt = keys();
    await fail(SIGN_IN_FAILURES_PER_ACCOUNT, attempt);
    expect((await beginSignInAttempt(attempt)).allowed).toBe(false);
    await getDb().signInThrottle.update({
      where: { key: attempt.account },
      data: { windowStart: new Date(Date.now() - 61_000) },
    });
    expect((await beginSignInAttempt(attempt)).allowed).toBe(true);
  });

  it('counts five failures of five guesses sent at once, not more', async () => {
    const attempt = keys();
    const results = await Promise.all(
      Array.from({ length: SIGN_IN_FAILURES_PER_ACCOUNT * 2 }, () => beginSignInAttempt(attempt)),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(SIGN_IN_FAILURES_PER_ACCOUNT);
  });

  it('keys an IPv6 client by its /64, an IPv4 client by its address', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
    expect(addressKey('2001:db8::1')).toBe('address:2001:0db8:0000:0000::/64');
    expect(addressKey('203.0.113.7')).toBe('address:203.0.113.7');
    expect(accountKey(' Ana@Example.org ')).toBe('account:ana@example.org');
  });
});
