import 'server-only';
import { BASE_ERROR_CODES, betterAuth } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { requestOrigin } from '../api/respond';
import { getDb } from '../db';
import { recordOwnPasswordChange } from '../data/users';
import {
  accountKey,
  addressKey,
  beginSignInAttempt,
  CLIENT_ADDRESS_HEADER,
  signInFailed,
  signInSucceeded,
  type AttemptKeys,
} from './sign-in-throttle';
import { isStorableText } from '../validation/text';

/** How many password changes one address may try per minute before it is told to wait. */
const PASSWORD_CHANGES_PER_MINUTE = 5;

/** What a wrong password answers; a disabled account answers exactly the same. */
const WRONG_EMAIL_OR_PASSWORD = BASE_ERROR_CODES.INVALID_EMAIL_OR_PASSWORD;

/** The counters a sign-in request counts against, or null when it names no email an account can have (it is refused as invalid). */
function signInKeys(ctx: { body?: unknown; headers?: Headers }): AttemptKeys | null {
  const email = (ctx.body as { email?: unknown } | undefined)?.email;
  // No account has an email over 254 characters or with a NUL; their keys would not even fit the table.
  if (typeof email !== 'string' || email.length > 254 || !isStorableText(email)) return null;
  // Set by scripts/server.mjs from the socket (or a trusted proxy); missing only when the app is
  // served some other way, and then the per-account counter still holds.
  const address = ctx.headers?.get(CLIENT_ADDRESS_HEADER);
  return { account: accountKey(email), address: address ? addressKey(address) : null };
}

function createAuth() {
  const secret = process.env.BETTER_AUTH_SECRET;
  if (!secret) {
    throw new Error('BETTER_AUTH_SECRET is not set. Start Counterpart with `npm start`, which provides one.');
  }
  return betterAuth({
    secret,
    baseURL: process.env.BETTER_AUTH_URL,
    database: prismaAdapter(getDb(), { provider: 'postgresql' }),
    // Accounts are made by admins (command line, admin screens), never by sign-up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 200 },
    user: {
      additionalFields: {
        role: { type: 'string', input: false, defaultValue: 'VIEWER' },
        banned: { type: 'boolean', input: false, defaultValue: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    // A user's name is changed by an admin, through the audited path; nobody renames themselves.
    disabledPaths: ['/update-user'],
    advanced: {
      // Only the address scripts/server.mjs vouches for; X-Forwarded-For is whatever the client says.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    // On in every environment, counted in the database so that every server process shares it.
    rateLimit: {
      enabled: true,
      storage: 'database',
      modelName: 'rateLimit',
      window: 60,
      max: 100,
      customRules: {
        // Sign-in failures are counted per account and per address by the hooks below
        // (lib/auth/sign-in-throttle.ts); an attempt that succeeds is no guess.
        '/sign-in/email': false,
        '/change-password': { window: 60, max: PASSWORD_CHANGES_PER_MINUTE },
        // Every page asks for its session: reading one guesses nothing, and limiting it would make
        // busy readers (and everyone behind one address) look signed out.
        '/get-session': false,
      },
    },
    databaseHooks: {
      session: {
        create: {
          // A disabled account cannot open a session, whatever its password. It is told what a wrong
          // password is told, after the same password check, so the answer does not say the password was right.
          before: async (session) => {
            const user = await getDb().user.findUnique({ where: { id: session.userId }, select: { banned: true } });
            if (user?.banned) throw APIError.from('UNAUTHORIZED', WRONG_EMAIL_OR_PASSWORD);
          },
        },
      },
    },
    // Requests from the address the browser used are same-origin, whatever host or proxy serves the app;
    // better-auth refuses any other Origin on its state-changing endpoints.
    trustedOrigins: (request) => [process.env.BETTER_AUTH_URL, request ? requestOrigin(request) : undefined],
    hooks: {
      // Five failed sign-ins in a minute lock the account for the rest of that minute, whatever
      // address they come from; thirty lock the address, whichever accounts they tried.
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const keys = signInKeys(ctx);
        if (keys === null) return;
        const decision = await beginSignInAttempt(keys);
        if (decision.allowed) return;
        throw new APIError(
          'TOO_MANY_REQUESTS',
          {
            code: 'TOO_MANY_ATTEMPTS',
            message: `Too many failed sign-ins. Wait ${decision.retryAfterSeconds} seconds, then try again.`,
          },
          { 'Retry-After': String(decision.retryAfterSeconds) },
        );
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path === '/sign-in/email') {
          const keys = signInKeys(ctx);
          if (keys === null) return;
          if (ctx.context.returned instanceof APIError) await signInFailed();
          else await signInSucceeded(keys);
          return;
        }
        // A password change is a change to an account: the audit log records who and when.
        if (ctx.path !== '/change-password' || ctx.context.returned instanceof APIError) return;
        const userId = ctx.context.session?.user.id;
        if (userId) await recordOwnPasswordChange(userId);
      }),
    },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { counterpartAuth?: Auth };

/** The auth library's instance, created on first use so that building the app needs no secret. */
export function getAuth(): Auth {
  globalForAuth.counterpartAuth ??= createAuth();
  return globalForAuth.counterpartAuth;
}
