import 'server-only';
import { isIP } from 'node:net';
import {
  consumeSignInAttempt,
  pruneSignInAttempts,
  releaseSignInAttempt,
  type ThrottleDecision,
} from '../data/sign-in-throttle';

/** Failed sign-ins one account may have per minute before it is told to wait. */
export const SIGN_IN_FAILURES_PER_ACCOUNT = 5;
/** Failed sign-ins one client address may have per minute, over all accounts. */
export const SIGN_IN_FAILURES_PER_ADDRESS = 30;
const WINDOW_SECONDS = 60;

/** The header scripts/server.mjs sets to the client's address (see scripts/lib/client-address.mjs). */
export const CLIENT_ADDRESS_HEADER = 'x-counterpart-client-ip';

/** The counter key of an account: its email as the auth library looks it up. */
export function accountKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`;
}

/**
 * The counter key of a client address. An IPv6 client usually holds a whole
 * /64, so the counter is per /64, or one client would have billions of them.
 */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return `address:${address}`;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `address:${groups
    .slice(0, 4)
    .map((group) => group.padStart(4, '0'))
    .join(':')}::/64`;
}

/** The keys one sign-in attempt counts against. */
export type AttemptKeys = { account: string; address: string | null };

/**
 * Counts a sign-in attempt against its account and its address. Refused when
 * either has had its fill of failures this minute; a refused attempt counts
 * against neither, so waiting always helps.
 */
export async function beginSignInAttempt(keys: AttemptKeys): Promise<ThrottleDecision> {
  const account = await consumeSignInAttempt(keys.account, {
    max: SIGN_IN_FAILURES_PER_ACCOUNT,
    windowSeconds: WINDOW_SECONDS,
  });
  if (!account.allowed || keys.address === null) return account;
  const address = await consumeSignInAttempt(keys.address, {
    max: SIGN_IN_FAILURES_PER_ADDRESS,
    windowSeconds: WINDOW_SECONDS,
  });
  if (!address.allowed) await releaseSignInAttempt(keys.account);
  return address;
}

/** A sign-in that succeeded was not a failure: its counts are taken back. */
export async function signInSucceeded(keys: AttemptKeys): Promise<void> {
  await releaseSignInAttempt(keys.account);
  if (keys.address !== null) await releaseSignInAttempt(keys.address);
}

/** A failed sign-in stays counted; old counters are cleared now and then. */
export async function signInFailed(): Promise<void> {
  await pruneSignInAttempts();
}
