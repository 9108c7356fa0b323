import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getAuth } from '../auth/auth';
import { can, ROLES, type Permission, type Role } from '../auth/permissions';
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
 * lib/actions × every role, the expected outcome read from the one permission
 * table (`can`). Users sign in for real through the auth library; the session
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

type ActionResult = { ok: boolean; message?: string };
type Action = (...args: unknown[]) => Promise<ActionResult>;
type World = { contactId: string; officials: { id: string; slug: string; name: string; country: string }[] };

/** Every module in lib/actions (tests aside), by file name. */
const ACTIONS_DIR = path.dirname(fileURLToPath(import.meta.url));
const files = readdirSync(ACTIONS_DIR).filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file));
const modules: Record<string, Record<string, unknown>> = {};
beforeAll(async () => {
  for (const file of files) modules[file] = await import(path.join(ACTIONS_DIR, file));
});

const NO_STATE: ActionResult = { ok: true };

/** The contact form as the browser submits it. */
function contactForm(world: World, fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries({ datePrecision: 'DAY', type: 'CALL', status: 'HELD', ...fields })) {
    data.set(key, value);
  }
  world.officials.forEach((official, i) => {
    for (const [key, value] of Object.entries(official)) data.set(`participants.${i}.${key}`, value);
  });
  data.set('sources.0.url', 'https://example.org/readout');
  return data;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

type Row = {
  permission: Permission;
  /** Calls the action as the form would. */
  run(action: Action, world: World): Promise<ActionResult>;
  /** After an allowed call: the change is in the database. */
  expectChanged(world: World): Promise<void>;
};

/**
 * Every server action and the permission it needs. A new action must be
 * added here, or the first test fails: nothing mutates unchecked.
 */
const ACTIONS: Record<string, Row> = {
  'contacts.ts#createContactAction': {
    permission: 'contact:create',
    run: (action, world) => action(NO_STATE, contactForm(world, { date: '2022-06-01' })),
    async expectChanged() {
      expect(await getDb().contact.count({ where: { date: new Date('2022-06-01') } })).toBe(1);
    },
  },
  'contacts.ts#updateContactAction': {
    permission: 'contact:update',
    run: (action, world) =>
      action(world.contactId, NO_STATE, contactForm(world, { date: '2022-05-13', summary: 'Edited.', version: '1' })),
    async expectChanged({ contactId }) {
      expect(await getDb().contact.findUnique({ where: { id: contactId } })).toMatchObject({
        version: 2,
        summary: 'Edited.',
      });
    },
  },
  'contacts.ts#setVerificationAction': {
    permission: 'contact:verify',
    run: (action, world) => action(world.contactId, NO_STATE, form({ verification: 'VERIFIED', version: '1' })),
    async expectChanged({ contactId }) {
      expect(await getDb().contact.findUnique({ where: { id: contactId } })).toMatchObject({
        version: 2,
        verification: 'VERIFIED',
      });
    },
  },
  'contacts.ts#deleteContactAction': {
    permission: 'contact:delete',
    run: (action, world) => action(world.contactId, NO_STATE, form({ version: '1' })),
    async expectChanged({ contactId }) {
      expect((await getDb().contact.findUnique({ where: { id: contactId } }))?.deletedAt).toBeInstanceOf(Date);
    },
  },
};

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
  return { contactId: id, officials };
}

/** What a refused action must leave alone: how many rows each table has, and the target contact whole. */
async function databaseState(world: World) {
  const db = getDb();
  const contacts = await db.contact.count();
  const participants = await db.participant.count();
  const sources = await db.source.count();
  const audit = await db.auditLog.count();
  const officials = await db.official.count();
  const positions = await db.position.count();
  const target = await db.contact.findUnique({
    where: { id: world.contactId },
    include: { participants: true, sources: true },
  });
  return { contacts, participants, sources, audit, officials, positions, target };
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
  });

  for (const [key, row] of Object.entries(ACTIONS)) {
    for (const role of [null, ...ROLES] as (Role | null)[]) {
      const allowed = can(role, row.permission);
      it(`${key} (${row.permission}) as ${role?.toLowerCase() ?? 'anonymous'}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const [file, name] = key.split('#');
        const action = modules[file][name] as Action;
        const world = await makeWorld();
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
