/**
 * What a production server needs of BETTER_AUTH_SECRET, which signs every session cookie: with none,
 * better-auth would fall back to a default anyone can read in its source, and a short one can be guessed.
 * Plain JavaScript so that next.config.js (which loads before anything is compiled) can use it.
 */

/** The shortest secret a production server accepts: better-auth's own advice (32 characters). */
export const MIN_SECRET_LENGTH = 32;

/**
 * One line saying what to fix about `secret`, or null when it will do.
 * @param {string | undefined} secret
 * @returns {string | null}
 */
export function authSecretProblem(secret) {
  const fix = 'Generate one with `openssl rand -base64 32` (npm start makes and keeps one for you).';
  if (secret === undefined || secret.trim() === '') return `BETTER_AUTH_SECRET is not set. ${fix}`;
  if (secret.length < MIN_SECRET_LENGTH) {
    return `BETTER_AUTH_SECRET is too short: ${secret.length} characters, at least ${MIN_SECRET_LENGTH} are needed. ${fix}`;
  }
  if (new Set(secret).size < 8) return `BETTER_AUTH_SECRET repeats too few characters to be secret. ${fix}`;
  return null;
}
