import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/auth/[...all]/route';
import { setupTestDatabase } from '../testing/database';

process.env.BETTER_AUTH_SECRET ??= 'sign-in-hostile-test-secret-0123456789abcdef';
process.env.BETTER_AUTH_URL ??= 'http://localhost:3000';

setupTestDatabase();

const signIn = (email: string) =>
  POST(
    new Request('http://localhost:3000/api/auth/sign-in/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'a long enough password' }),
    }),
  );

describe('sign-in with an email no account can have', () => {
  it('is refused as a client error, not counted into a key the database cannot store', async () => {
    // The fuzzer's payloads: a NUL in the email, and an email of thousands of characters, were a 500.
    for (const email of [
      '\u0000',
      'a\u0000@example.org',
      `${'é'.repeat(5_000)}@example.org`,
      `${'a'.repeat(300)}@example.org`,
    ]) {
      const response = await signIn(email);
      expect(response.status, email.slice(0, 20)).toBeGreaterThanOrEqual(400);
      expect(response.status, email.slice(0, 20)).toBeLessThan(500);
      expect(await response.json()).toMatchObject({ message: expect.any(String) });
    }
  });
});
