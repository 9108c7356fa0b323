import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
let counter = 0;

/**
 * A new row id in the shape of the ids Prisma makes (`@default(cuid())`: 25 lower-case letters and digits
 * starting with c), for rows written in bulk by SQL, where Prisma does not make them: the time, a counter
 * and 12 random characters, so ids made in one process never repeat and others' almost surely do not.
 */
export function newId(): string {
  const time = Date.now().toString(36).padStart(8, '0').slice(-8);
  counter = (counter + 1) % 36 ** 4;
  const count = counter.toString(36).padStart(4, '0');
  const random = [...randomBytes(12)].map((byte) => ALPHABET[byte % 36]).join('');
  return `c${time}${count}${random}`;
}
