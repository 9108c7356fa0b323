import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getAuth } from '../auth/auth';
import { ALL_PERMISSIONS, can, ROLES, type Permission, type Role } from '../auth/permissions';
import { getDb } from '../db';
import type { Actor } from '../data/actor';
import { createContact } from '../data/contacts';
import { createOfficial } from '../data/officials';
import { createUser } from '../data/users';
import { setupTestDatabase } from '../testing/database';
import { ZContactInput } from '../validation/contact';
import { ZOfficialInput } from '../validation/official';

/*
 * The permission matrix of the server actions: every action exported from
 * lib/actions × every role, the expected outcome written out by hand below
 * (never read from `can`, the table under test). Users sign in for real through the auth library; the session
 * cookie it sets is what `headers()` hands the action. A refusal must say so
 * and leave the database as it was, row counts and the target contact alike.
 */

// The auth library signs session cookies with this; it must be set before first use.
process.env.BETTER_AUTH_SECRET = 'permission-matrix-test-secret-0123456789abcdef';
process.env.BETTER_AUTH_URL = 'http://localhost:3000';

const request = vi.hoisted(() => ({ cookie: null as string | null }));
const Redirected = vi.hoisted(
  () =>
    class Redirected extends Error {
      constructor(readonly url: string) {
        super(`redirect(${url})`);
      }
    },
);

vi.mock('next/headers', () => ({
  headers: async () => new Headers(request.cookie === null ? {} : { cookie: request.cookie }),
  cookies: async () => ({
    get: () => undefined,
    getAll: () => [],
    has: () => false,
    set: () => {},
    delete: () => {},
  }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {} }));
vi.mock('next/navigation', () => ({
  redirect: (url: string) => {
    throw new Redirected(url);
  },
  notFound: () => {
    throw new Redirected('not-found');
  },
}));

setupTestDatabase();

import type { Action, Row, World } from '../../tests/permission-matrix/shared';

/** Every module in lib/actions (tests aside), by file name. */
const ACTIONS_DIR = path.dirname(fileURLToPath(import.meta.url));
const files = readdirSync(ACTIONS_DIR).filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file));
const modules: Record<string, Record<string, unknown>> = {};
beforeAll(async () => {
  for (const file of files) modules[file] = await import(path.join(ACTIONS_DIR, file));
});

/**
 * Every server action and the permission it needs, gathered from the files of
 * tests/permission-matrix (test-only code, outside the app tree). A new action
 * must be listed there, or the first test fails: nothing mutates unchecked.
 */
const MATRIX_DIR = fileURLToPath(new URL('../../tests/permission-matrix/', import.meta.url));
const ACTIONS: Record<string, Row> = {};
for (const file of readdirSync(MATRIX_DIR).filter((f) => f.endsWith('.ts') && f !== 'shared.ts')) {
  Object.assign(ACTIONS, ((await import(path.join(MATRIX_DIR, file))) as { ROWS: Record<string, Row> }).ROWS);
}

type Who = 'anonymous' | 'viewer' | 'researcher' | 'admin';
const EVERYONE_SIGNED_IN: Who[] = ['viewer', 'researcher', 'admin'];
const RESEARCHERS: Who[] = ['researcher', 'admin'];
const ADMINS: Who[] = ['admin'];

/**
 * Who may do what, written out by hand from DESIGN.md: the expected answer of
 * the table in lib/auth/permissions.ts. Anyone signed out may do none of it.
 */
const EXPECTED_PERMISSIONS: Record<Permission, Who[]> = {
  'contact:create': RESEARCHERS,
  'contact:update': RESEARCHERS,
  'contact:verify': RESEARCHERS,
  'contact:delete': ADMINS,
  'official:create': ADMINS,
  'official:update': ADMINS,
  'official:merge': ADMINS,
  'event:manage': ADMINS,
  'channel:manage': ADMINS,
  'user:manage': ADMINS,
  'audit:read': ADMINS,
  'account:update': EVERYONE_SIGNED_IN,
};

/** Who may call each server action, by hand: the matrix below runs each one as each role. */
const EXPECTED_ACTIONS: Record<string, Who[]> = {
  'api-tokens.ts#createApiTokenAction': RESEARCHERS,
  'api-tokens.ts#revokeApiTokenAction': EVERYONE_SIGNED_IN,
  'channels.ts#createChannelAction': ADMINS,
  'channels.ts#updateChannelAction': ADMINS,
  'channels.ts#deleteChannelAction': ADMINS,
  'contacts.ts#createContactAction': RESEARCHERS,
  'contacts.ts#updateContactAction': RESEARCHERS,
  'contacts.ts#setVerificationAction': RESEARCHERS,
  'contacts.ts#deleteContactAction': ADMINS,
  'events.ts#createEventAction': ADMINS,
  'events.ts#updateEventAction': ADMINS,
  'events.ts#deleteEventAction': ADMINS,
  'merge.ts#mergeOfficialsAction': ADMINS,
  'merge.ts#undoMergeAction': ADMINS,
  'officials.ts#createOfficialAction': ADMINS,
  'officials.ts#updateOfficialAction': ADMINS,
  'officials.ts#deleteOfficialAction': ADMINS,
  'readouts.ts#parseReadoutAction': RESEARCHERS,
  'users.ts#createUserAction': ADMINS,
  'users.ts#changeRoleAction': ADMINS,
  'users.ts#disableUserAction': ADMINS,
  'users.ts#enableUserAction': ADMINS,
  'users.ts#resetPasswordAction': ADMINS,
  'webhook-allowance.ts#setWebhookPrivateAction': ADMINS,
  'watches.ts#createWatchAction': EVERYONE_SIGNED_IN,
  'watches.ts#updateWatchAction': EVERYONE_SIGNED_IN,
  'watches.ts#deleteWatchAction': EVERYONE_SIGNED_IN,
  'watches.ts#regenerateFeedAction': EVERYONE_SIGNED_IN,
  'watches.ts#revokeFeedAction': EVERYONE_SIGNED_IN,
  'watches.ts#setWebhookAction': EVERYONE_SIGNED_IN,
  'watches.ts#removeWebhookAction': EVERYONE_SIGNED_IN,
};

const who = (role: Role | null): Who => (role === null ? 'anonymous' : (role.toLowerCase() as Who));

describe('the permission table', () => {
  it('lists exactly the permissions written out here', () => {
    expect([...ALL_PERMISSIONS].sort()).toEqual(Object.keys(EXPECTED_PERMISSIONS).sort());
  });

  for (const permission of ALL_PERMISSIONS) {
    it(`${permission}: ${EXPECTED_PERMISSIONS[permission]?.join(', ')}`, () => {
      const allowed = ([null, ...ROLES] as (Role | null)[]).filter((role) => can(role, permission)).map(who);
      expect(allowed).toEqual(EXPECTED_PERMISSIONS[permission]);
    });
  }
});

const PASSWORD = 'a long enough password';

/** Makes an account and signs in through the auth library; the session cookie becomes the request's. */
async function signIn(role: Role): Promise<void> {
  const email = `${role.toLowerCase()}@example.org`;
  await createUser({ email, name: `A ${role.toLowerCase()}`, role, password: PASSWORD }, { userId: null, via: 'cli' });
  const response = await getAuth().api.signInEmail({ body: { email, password: PASSWORD }, asResponse: true });
  expect(response.status).toBe(200);
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  expect(cookies.some((cookie) => cookie.startsWith('better-auth.session_token='))).toBe(true);
  request.cookie = cookies.join('; ');
}

/**
 * Two officials of two countries and a contact between them, logged by a
 * researcher outside the matrix, so that verifying it is a question of role
 * only (the data layer refuses a verification by whoever logged it).
 */
async function makeWorld(): Promise<World> {
  const seed: Actor = { userId: null, via: 'cli' };
  const logger = await createUser(
    { email: 'logger@example.org', name: 'Logger', role: 'RESEARCHER', password: PASSWORD },
    seed,
  );
  const officials = [
    await createOfficial(ZOfficialInput.parse({ name: 'Lloyd Austin', country: 'US' }), seed),
    await createOfficial(ZOfficialInput.parse({ name: 'Sergei Shoigu', country: 'RU' }), seed),
  ].map(({ id, slug, name, country }) => ({ id, slug, name, country }));
  const { id } = await createContact(
    ZContactInput.parse({
      date: '2022-05-13',
      type: 'CALL',
      status: 'HELD',
      participants: officials.map((o) => o.slug),
      sources: [{ url: 'https://example.org/first' }],
    }),
    { userId: logger.id, via: 'ui' },
  );
  return { contactId: id, officials, prepared: {} };
}

/**
 * What a refused action must leave alone: how many rows each table has, the
 * target contact whole, and every official, user, token, event and channel.
 */
async function databaseState(world: World) {
  const db = getDb();
  const counts = {
    contacts: await db.contact.count(),
    participants: await db.participant.count(),
    sources: await db.source.count(),
    audit: await db.auditLog.count(),
    positions: await db.position.count(),
    aliases: await db.officialAlias.count(),
    photos: await db.officialPhoto.count(),
    sessions: await db.session.count(),
    accounts: await db.account.count(),
  };
  const target = await db.contact.findUnique({
    where: { id: world.contactId },
    include: { participants: true, sources: true },
  });
  const officials = await db.official.findMany({ orderBy: { id: 'asc' } });
  const users = await db.user.findMany({ orderBy: { id: 'asc' } });
  const tokens = await db.apiToken.findMany({ orderBy: { id: 'asc' } });
  const events = await db.contextEvent.findMany({ orderBy: { id: 'asc' } });
  const channels = await db.channel.findMany({ orderBy: { id: 'asc' } });
  const passwords = await db.account.findMany({ orderBy: { id: 'asc' }, select: { id: true, password: true } });
  const watches = await db.watch.findMany({ orderBy: { id: 'asc' } });
  const feedTokens = await db.watchFeedToken.findMany({ orderBy: { userId: 'asc' } });
  const webhooks = await db.watchWebhook.findMany({ orderBy: { userId: 'asc' } });
  return { counts, target, officials, users, tokens, events, channels, passwords, watches, feedTokens, webhooks };
}

describe('the server actions’ permission matrix', () => {
  it('lists every exported action of lib/actions, and nothing that is not one', () => {
    expect(files).toContain('contacts.ts');
    const exported = Object.entries(modules).flatMap(([file, module]) =>
      Object.entries(module)
        .filter(([, value]) => typeof value === 'function')
        .map(([name]) => `${file}#${name}`),
    );
    expect(exported.sort()).toEqual(Object.keys(ACTIONS).sort());
    expect(Object.keys(EXPECTED_ACTIONS).sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  for (const [key, row] of Object.entries(ACTIONS)) {
    for (const role of [null, ...ROLES] as (Role | null)[]) {
      const allowed = EXPECTED_ACTIONS[key]?.includes(who(role)) ?? false;
      it(`${key} (${row.permission}) as ${role?.toLowerCase() ?? 'anonymous'}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const [file, name] = key.split('#');
        const action = modules[file][name] as Action;
        const world = await makeWorld();
        if (row.prepare) world.prepared = await row.prepare(world);
        request.cookie = null;
        if (role !== null) await signIn(role);
        const before = await databaseState(world);

        const result = await row.run(action, world);

        if (allowed) {
          expect(result, result.message).toMatchObject({ ok: true });
          await row.expectChanged(world);
          return;
        }
        expect(result.ok).toBe(false);
        expect(result.message).toBe(
          role === null ? 'Sign in to do this.' : `Your role (${role.toLowerCase()}) may not do this.`,
        );
        expect(await databaseState(world)).toEqual(before);
      });
    }
  }
});
