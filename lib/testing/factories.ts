/*
 * Records for tests, made the way the app makes them: the input through its zod schema, then the data
 * function a form or the API calls, so each one is valid and audited. Fields a test gives add to or replace
 * the defaults; a test that is about a field spells that field out.
 */
import type { Role } from '../auth/permissions';
import type { Actor } from '../data/actor';
import { createContact } from '../data/contacts';
import { createOfficial } from '../data/officials';
import { createUser } from '../data/users';
import { ZContactInput } from '../validation/contact';
import { ZOfficialInput } from '../validation/official';
import { ZUserInput } from '../validation/user';

/** The command line, with no user: what fixtures act as when who acts is not what the test is about. */
export const CLI_ACTOR: Actor = { userId: null, via: 'cli' };

/** The source a contact cites unless the test gives its own. */
export const READOUT_SOURCE = { url: 'https://example.org/readout' };

/** Lloyd Austin's office, as the tests that need tenures give it. */
export const SECDEF_POSITION = { title: 'Secretary of Defense', officeKey: 'US:SECDEF', startDate: '2021-01-22' };
/** Sergei Shoigu's office, as the tests that need tenures give it. */
export const MINDEF_POSITION = { title: 'Minister of Defence', officeKey: 'RU:MINDEF', startDate: '2012-11-06' };

type Fields = Record<string, unknown>;
/** An official's name and country, and any other field the official form takes. */
export type OfficialFields = { name: string; country: string } & Fields;

/** An official with the given fields, made through the official schema. */
export function makeOfficial(fields: OfficialFields, actor: Actor = CLI_ACTOR) {
  return createOfficial(ZOfficialInput.parse(fields), actor);
}

/**
 * Lloyd Austin (US) and Sergei Shoigu (RU), the pair most tests talk about, made in that order; `austin`
 * and `shoigu` add or replace fields, e.g. their positions.
 */
export async function makeAustinAndShoigu(options: { actor?: Actor; austin?: Fields; shoigu?: Fields } = {}) {
  const actor = options.actor ?? CLI_ACTOR;
  const austin = await makeOfficial({ name: 'Lloyd Austin', country: 'US', ...options.austin }, actor);
  const shoigu = await makeOfficial({ name: 'Sergei Shoigu', country: 'RU', ...options.shoigu }, actor);
  return { austin, shoigu };
}

/** A contact's input, parsed: a held call citing {@link READOUT_SOURCE} unless `fields` say otherwise. */
export function contactInput(fields: { date: string; participants: string[] } & Fields) {
  return ZContactInput.parse({ type: 'CALL', status: 'HELD', sources: [READOUT_SOURCE], ...fields });
}

/** A contact logged from {@link contactInput}'s defaults and the given fields. */
export function makeContact(fields: { date: string; participants: string[] } & Fields, actor: Actor = CLI_ACTOR) {
  return createContact(contactInput(fields), actor);
}

/**
 * Austin and Shoigu with a held call between them on each of `dates`, each citing a source of its own;
 * the pair a watch test watches.
 */
export async function makePairWithHistory(dates: string[], actor: Actor = CLI_ACTOR) {
  const pair = await makeAustinAndShoigu({ actor });
  for (const date of dates) {
    await makeContact(
      {
        date,
        participants: [pair.austin.slug, pair.shoigu.slug],
        sources: [{ url: `https://example.org/${date}` }],
      },
      actor,
    );
  }
  return pair;
}

/** A user made from the command line, and the actor for their own changes through the UI. */
export async function makeUser(options: { email: string; name: string; role: Role; password?: string }) {
  const user = await createUser(ZUserInput.parse({ password: 'a long password', ...options }), CLI_ACTOR);
  const actor: Actor = { userId: user.id, via: 'ui' };
  return { user, actor };
}

/** Ada Admin, and the actor for her changes through the UI. */
export async function makeAdmin(): Promise<Actor> {
  return (await makeUser({ email: 'admin@example.org', name: 'Ada Admin', role: 'ADMIN' })).actor;
}
