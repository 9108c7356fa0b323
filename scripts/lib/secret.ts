import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './run';

const SECRET_FILE = path.join(ROOT, '.data', 'auth-secret');

/**
 * The secret that signs session cookies: BETTER_AUTH_SECRET when set, else one
 * generated on first run and kept in .data/auth-secret (git-ignored, mode 600),
 * so sessions survive restarts without anyone having to invent a secret.
 */
export function authSecret(): string {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  if (existsSync(SECRET_FILE)) return readFileSync(SECRET_FILE, 'utf8').trim();
  mkdirSync(path.dirname(SECRET_FILE), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(SECRET_FILE, `${secret}\n`, { mode: 0o600 });
  chmodSync(SECRET_FILE, 0o600);
  return secret;
}

/** A fresh secret for a throw-away run (tests, benchmarks). */
export function throwawaySecret(): string {
  return randomBytes(32).toString('base64url');
}
