import 'server-only';
import { betterAuth } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { requestOrigin } from '../api/respond';
import { getDb } from '../db';
import { recordOwnPasswordChange } from '../data/users';

/** How many sign-in attempts one address may make per minute before it is told to wait. */
export const SIGN_IN_ATTEMPTS_PER_MINUTE = 5;

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
    // On in every environment, counted in the database so that every server process shares it.
    rateLimit: {
      enabled: true,
      storage: 'database',
      modelName: 'rateLimit',
      window: 60,
      max: 100,
      customRules: {
        '/sign-in/email': { window: 60, max: SIGN_IN_ATTEMPTS_PER_MINUTE },
        '/change-password': { window: 60, max: SIGN_IN_ATTEMPTS_PER_MINUTE },
        // Every page asks for its session: reading one guesses nothing, and limiting it would make
        // busy readers (and everyone behind one address) look signed out.
        '/get-session': false,
      },
    },
    databaseHooks: {
      session: {
        create: {
          // A disabled account cannot open a session, whatever its password.
          before: async (session) => {
            const user = await getDb().user.findUnique({ where: { id: session.userId }, select: { banned: true } });
            if (user?.banned) throw new APIError('FORBIDDEN', { message: 'This account is disabled. Ask an admin.' });
          },
        },
      },
    },
    // Requests from the address the browser used are same-origin, whatever host or proxy serves the app;
    // better-auth refuses any other Origin on its state-changing endpoints.
    trustedOrigins: (request) => [process.env.BETTER_AUTH_URL, request ? requestOrigin(request) : undefined],
    hooks: {
      // A password change is a change to an account: the audit log records who and when.
      after: createAuthMiddleware(async (ctx) => {
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
