import { beforeEach, describe, expect, it, vi } from 'vitest';
import { formDataToValues, valuesToInput, type ContactFormState } from '@/lib/validation/contact-form';
import { AppError } from '../errors';
import type { Role } from '../auth/permissions';
import { getDb } from '../db';
import { getContactForEdit } from '../data/contact-edits';
import { createOfficial } from '../data/officials';
import { createUser } from '../data/users';
import { setupTestDatabase } from '../testing/database';
import { ZContactInput } from '../validation/contact';
import { ZOfficialInput } from '../validation/official';
import { makeContact } from '../testing/factories';

// The session comes from request cookies in the app; here each test says who is acting.
const session = vi.hoisted(() => ({ user: null as null | { id: string; name: string; email: string; role: Role } }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
vi.mock('@/lib/auth/session', async () => {
  const { can } = await import('../auth/permissions');
  return {
    requireActor: async (permission: Parameters<typeof can>[1]) => {
      if (session.user === null) throw new AppError('UNAUTHENTICATED', 'Sign in to do this.');
      if (!can(session.user.role, permission)) {
        throw new AppError('FORBIDDEN', `Your role (${session.user.role.toLowerCase()}) may not do this.`);
      }
      return { ...session.user, actor: { userId: session.user.id, via: 'ui' } };
    },
  };
});

const { createContactAction, deleteContactAction, setVerificationAction, updateContactAction } =
  await import('./contacts');

setupTestDatabase();

const NONE: ContactFormState = { ok: true };

async function signInAs(name: string, role: Role) {
  const user = await createUser(
    { email: `${name}@example.org`, name, role, password: 'a long password' },
    { userId: null, via: 'cli' },
  );
  session.user = { id: user.id, name, email: `${name}@example.org`, role };
  return user;
}

async function officials() {
  const make = (name: string, country: string) =>
    createOfficial(ZOfficialInput.parse({ name, country }), { userId: null, via: 'cli' });
  return {
    austin: await make('Lloyd Austin', 'US'),
    milley: await make('Mark Milley', 'US'),
    shoigu: await make('Sergei Shoigu', 'RU'),
  };
}

type Official = { id: string; slug: string; name: string; country: string };

function form(fields: Record<string, string>, participants: Official[], sources: Record<string, string>[]) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  participants.forEach((p, i) => {
    data.set(`participants.${i}.id`, p.id);
    data.set(`participants.${i}.slug`, p.slug);
    data.set(`participants.${i}.name`, p.name);
    data.set(`participants.${i}.country`, p.country);
  });
  sources.forEach((s, i) => {
    for (const [key, value] of Object.entries(s)) data.set(`sources.${i}.${key}`, value);
  });
  return data;
}

const call = (date: string, people: Official[], extra: Record<string, string> = {}) =>
  form({ date, datePrecision: 'DAY', type: 'CALL', status: 'HELD', ...extra }, people, [
    { url: 'https://www.defense.gov/readout' },
  ]);

beforeEach(() => {
  session.user = null;
});

describe('the form values', () => {
  it('read nested rows from FormData in index order, and parse with the shared schema', () => {
    const data = new FormData();
    data.set('date', '2022-05-13');
    data.set('type', 'CALL');
    data.set('status', 'HELD');
    data.set('topics', 'Ukraine,  deconfliction ,');
    data.set('participants.1.id', 'b');
    data.set('participants.0.id', 'a');
    data.set('sources.0.url', ' https://example.org/a ');
    data.set('sources.0.claims.date', '2022-05-12');
    const values = formDataToValues(data);
    expect(values.participants.map((p) => p.id)).toEqual(['a', 'b']);
    expect(values.sources[0]).toMatchObject({ url: ' https://example.org/a ', claimDate: '2022-05-12' });
    const input = ZContactInput.parse(valuesToInput(values));
    expect(input.topics).toEqual(['ukraine', 'deconfliction']);
    expect(input.sources[0]).toMatchObject({ url: 'https://example.org/a', claims: { date: '2022-05-12' } });
  });

  it('ignore absurd row numbers instead of building huge arrays', () => {
    const data = new FormData();
    data.set('sources.9999.url', 'https://example.org');
    data.set('sources.99999999.url', 'https://example.org');
    expect(formDataToValues(data).sources).toHaveLength(1);
  });
});

describe('createContactAction', () => {
  it('refuses a visitor and a viewer before reading the input, and keeps what they typed', async () => {
    const { austin, shoigu } = await officials();
    const data = call('2022-05-13', [austin, shoigu], { summary: 'Kept' });
    expect(await createContactAction(NONE, data)).toMatchObject({ ok: false, message: 'Sign in to do this.' });
    await signInAs('vera', 'VIEWER');
    const refused = await createContactAction(NONE, data);
    expect(refused).toMatchObject({ ok: false, message: 'Your role (viewer) may not do this.' });
    expect(refused.values?.summary).toBe('Kept');
    expect(await getDb().contact.count()).toBe(0);
  });

  it('reports each problem next to its field and echoes every value', async () => {
    const { austin, milley } = await officials();
    await signInAs('rhea', 'RESEARCHER');
    const data = form(
      {
        date: '2999-01-01',
        datePrecision: 'DAY',
        type: 'CALL',
        status: 'HELD',
        time: '10:00',
        timeZone: 'Mars/Olympus',
      },
      [austin, milley],
      [{ url: 'not a url', publisher: 'Kept publisher' }],
    );
    const result = await createContactAction(NONE, data);
    expect(result.ok).toBe(false);
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(['date', 'sources.0.url', 'timeZone']);
    expect(result.fieldErrors?.date).toEqual(['A held contact cannot be in the future: use Scheduled']);
    expect(result.values?.sources[0].publisher).toBe('Kept publisher');
    expect(result.values?.participants.map((p) => p.name)).toEqual(['Lloyd Austin', 'Mark Milley']);

    // The schema passes; the data layer finds both officials in one country.
    const sameCountry = await createContactAction(NONE, call('2022-05-13', [austin, milley]));
    expect(sameCountry.fieldErrors?.participants?.[0]).toMatch(/another country/);

    const noSource = form({ date: '2022-05-13', type: 'CALL', status: 'HELD' }, [austin, milley], []);
    expect((await createContactAction(NONE, noSource)).fieldErrors?.sources).toEqual([
      'Add at least one source: every contact needs one',
    ]);
  });

  it('says which silence a held contact ended, with the pair page', async () => {
    const { austin, shoigu } = await officials();
    await signInAs('rhea', 'RESEARCHER');
    const first = await createContactAction(NONE, call('2022-02-18', [austin, shoigu]));
    expect(first).toMatchObject({ ok: true, saved: { endedSilence: null } });
    const second = await createContactAction(NONE, call('2022-05-13', [austin, shoigu]));
    expect(second.saved).toMatchObject({
      endedSilence: { days: 84, since: '2022-02-18' },
      pairHref: '/pairs/officials/lloyd-austin/sergei-shoigu',
    });
  });

  it('warns of a contact of the same pair within a day, and saves when told to', async () => {
    const { austin, shoigu } = await officials();
    await signInAs('rhea', 'RESEARCHER');
    await createContactAction(NONE, call('2022-05-13', [austin, shoigu]));
    const warned = await createContactAction(NONE, call('2022-05-14', [shoigu, austin]));
    expect(warned.ok).toBe(false);
    expect(warned.warning?.nearby).toHaveLength(1);
    expect(warned.warning?.nearby[0]).toMatchObject({ date: '2022-05-13', type: 'CALL', status: 'HELD' });
    expect(await getDb().contact.count()).toBe(1);
    const saved = await createContactAction(NONE, call('2022-05-14', [shoigu, austin], { confirmDuplicate: '1' }));
    expect(saved.ok).toBe(true);
    expect(await getDb().contact.count()).toBe(2);
  });
});

describe('editing', () => {
  async function logged() {
    const people = await officials();
    const rhea = await signInAs('rhea', 'RESEARCHER');
    const created = await makeContact(
      {
        date: '2022-05-13',
        participants: [people.austin.id, people.shoigu.id],
        sources: [{ url: 'https://www.defense.gov/readout' }],
      },
      { userId: rhea.id, via: 'ui' },
    );
    return { ...people, id: created.id };
  }

  it('returns the contact as it now stands on a conflict, and keeps what the user typed', async () => {
    const { austin, shoigu, id } = await logged();
    const first = await updateContactAction(
      id,
      NONE,
      call('2022-05-13', [austin, shoigu], { version: '1', location: 'Geneva' }),
    );
    expect(first).toMatchObject({ ok: true, version: 2 });
    await signInAs('reza', 'RESEARCHER');
    const stale = await updateContactAction(
      id,
      NONE,
      call('2022-05-13', [austin, shoigu], { version: '1', summary: 'Mine' }),
    );
    expect(stale.ok).toBe(false);
    expect(stale.conflict).toMatchObject({ version: 2, changedBy: 'rhea', current: { location: 'Geneva' } });
    expect(stale.values?.summary).toBe('Mine');
    const again = await updateContactAction(
      id,
      NONE,
      call('2022-05-13', [austin, shoigu], { version: '2', summary: 'Mine' }),
    );
    expect(again).toMatchObject({ ok: true, version: 3 });
  });

  it('lets a second researcher verify, refuses the author, and unverifies on a date change', async () => {
    const { austin, shoigu, id } = await logged();
    const verify = (version: number) => {
      const data = new FormData();
      data.set('verification', 'VERIFIED');
      data.set('version', String(version));
      return setVerificationAction(id, NONE, data);
    };
    expect(await verify(1)).toMatchObject({ ok: false, message: expect.stringMatching(/different researcher/) });
    await signInAs('reza', 'RESEARCHER');
    expect(await verify(1)).toMatchObject({ ok: true, verification: 'VERIFIED', version: 2 });
    const moved = await updateContactAction(id, NONE, call('2022-05-12', [austin, shoigu], { version: '2' }));
    expect(moved).toMatchObject({ ok: true, unverified: true, verification: 'UNVERIFIED' });
  });

  it('lets only an admin delete', async () => {
    const { id } = await logged();
    const data = new FormData();
    data.set('version', '1');
    expect(await deleteContactAction(id, NONE, data)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/researcher/),
    });
    expect(await getContactForEdit(id)).not.toBeNull();
    await signInAs('ada', 'ADMIN');
    expect(await deleteContactAction(id, NONE, data)).toMatchObject({ ok: true });
    expect(await getContactForEdit(id)).toBeNull();
  });
});
