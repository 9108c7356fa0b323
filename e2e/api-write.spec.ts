import {
  COUNTRY_A,
  COUNTRY_B,
  contactBody,
  expect,
  expectDocumented,
  expectError,
  test,
  uniqueTag,
  type Official,
} from './api-fixtures';
import { account, bearer } from './auth';
import { expectAccessible } from './axe';

/*
 * The write API against the real server: every status each write can answer,
 * each answer held to the OpenAPI document. Tokens are the test accounts'
 * (scripts/lib/test-accounts.ts); each test makes its own officials.
 */

const CONTACTS = '/api/v1/contacts';
const CONTACT = '/api/v1/contacts/{id}';
const OFFICIALS = '/api/v1/officials';
const OFFICIAL = '/api/v1/officials/{idOrSlug}';

function participantOf(contact: Record<string, unknown>, official: Official) {
  return (contact.participants as { slug: string; officeKey: string | null; positionTitle: string | null }[]).find(
    (p) => p.slug === official.slug,
  );
}

test.describe('write API: 201', () => {
  test('logging a contact answers with the silence it ended: 84 days from 18 February to 13 May 2022', async ({
    api,
    request,
  }) => {
    const [austin, shoigu] = await api.pair();
    const first = await request.post(CONTACTS, {
      headers: bearer('researcher'),
      data: contactBody(austin, shoigu, { date: '2022-02-18' }),
    });
    expect(first.status()).toBe(201);
    const before = await expectDocumented(first, 'post', CONTACTS);
    expect(before).toMatchObject({ version: 1, date: '2022-02-18', endedSilence: null, endedSilences: [] });

    const response = await request.post(CONTACTS, {
      headers: bearer('researcher'),
      data: contactBody(austin, shoigu, {
        date: '2022-05-13',
        initiator: austin.slug,
        durationMinutes: 60,
        summary: 'First call since 18 February.',
        topics: ['Ukraine', 'ceasefire'],
      }),
    });
    expect(response.status()).toBe(201);
    const created = await expectDocumented(response, 'post', CONTACTS);
    expect(created.endedSilence).toEqual({
      days: 84,
      since: '2022-02-18',
      sinceContactId: before.id,
      between: [
        { id: austin.id, slug: austin.slug, name: austin.name },
        { id: shoigu.id, slug: shoigu.slug, name: shoigu.name },
      ],
    });
    expect(created.endedSilences).toEqual([created.endedSilence]);
    expect(created).toMatchObject({ version: 1, date: '2022-05-13', resolvedExpected: [], possibleDuplicates: [] });
    expect(response.headers().location).toBe(`/api/v1/contacts/${created.id}`);
    expect(created.href).toBe(response.headers().location);

    const stored = await expectDocumented(await request.get(created.href), 'get', CONTACT);
    expect(stored).toMatchObject({
      id: created.id,
      version: 1,
      date: '2022-05-13',
      status: 'HELD',
      verification: 'UNVERIFIED',
      initiator: { slug: austin.slug },
      durationMinutes: 60,
      topics: ['ukraine', 'ceasefire'],
      sources: [{ url: 'https://example.org/readout', publisher: 'Example Wire' }],
    });
    expect(stored.participants.map((p: { slug: string; country: string }) => [p.slug, p.country]).sort()).toEqual(
      [
        [austin.slug, COUNTRY_A],
        [shoigu.slug, COUNTRY_B],
      ].sort(),
    );
    const gaps = await (await request.get(`/api/v1/gaps?a=${austin.slug}&b=${shoigu.slug}`)).json();
    expect(gaps.gaps.map((g: { days: number }) => g.days)).toEqual([84]);
  });

  test('logging a contact names the expected contact it fulfils and the possible duplicates', async ({
    api,
    request,
  }) => {
    const [a, b] = await api.pair();
    const expected = await api.contact(a, b, { date: '2022-05-20', status: 'SCHEDULED' });
    const held = await api.contact(a, b, { date: '2022-05-13' });
    expect(held.resolvedExpected).toEqual([expected.id]);
    expect((await api.getContact(expected.id)).resolvedById).toBe(held.id);

    const again = await request.post(CONTACTS, {
      headers: bearer('researcher2'),
      data: contactBody(a, b, { date: '2022-05-14' }),
    });
    const twice = await expectDocumented(again, 'post', CONTACTS);
    expect(twice.possibleDuplicates).toEqual([{ id: held.id, date: '2022-05-13', type: 'CALL', status: 'HELD' }]);
    expect(twice.resolvedExpected).toEqual([]);
    expect(twice.endedSilence).toMatchObject({ days: 1, since: '2022-05-13' });
  });

  test('adding an official answers with Location, version 1 and the positions newest first', async ({ request }) => {
    const tag = uniqueTag();
    const response = await request.post(OFFICIALS, {
      headers: bearer('admin'),
      data: {
        name: `Apitest Halvorsen ${tag}`,
        country: COUNTRY_A,
        otherNames: [`Апитест ${tag}`],
        photoUrl: 'https://example.org/portraits/halvorsen.jpg',
        links: ['https://example.org/halvorsen'],
        positions: [
          {
            title: 'Deputy Minister',
            officeKey: `${COUNTRY_A}:APITEST_${tag}_DEP`,
            startDate: '2019-01-01',
            endDate: '2021-12-31',
          },
          { title: 'Minister', officeKey: `${COUNTRY_A}:APITEST_${tag}`, startDate: '2022-01-01' },
        ],
      },
    });
    expect(response.status()).toBe(201);
    const official = await expectDocumented(response, 'post', OFFICIALS);
    expect(official).toMatchObject({
      version: 1,
      name: `Apitest Halvorsen ${tag}`,
      country: COUNTRY_A,
      photo: 'https://example.org/portraits/halvorsen.jpg',
      links: ['https://example.org/halvorsen'],
    });
    expect(official.slug).toMatch(/^apitest-halvorsen-[a-z0-9-]+$/);
    expect(official.positions.map((p: { title: string; endDate: string | null }) => [p.title, p.endDate])).toEqual([
      ['Minister', null],
      ['Deputy Minister', '2021-12-31'],
    ]);
    expect(response.headers().location).toBe(`/api/v1/officials/${official.slug}`);
    expect(await (await request.get(response.headers().location)).json()).toEqual(official);
    const found = await (await request.get(`/api/v1/officials?q=${encodeURIComponent(`Апитест ${tag}`)}`)).json();
    expect(found.items.map((o: { id: string }) => o.id)).toEqual([official.id]);
  });
});

test.describe('write API: 400', () => {
  test('a contact that does not hold together is refused field by field, and nothing is logged', async ({
    api,
    request,
  }) => {
    const [a, b] = await api.pair();
    const sameCountry = await api.official();
    const post = async (data: unknown) => {
      const response = await request.post(CONTACTS, { headers: bearer('researcher'), data });
      await expectDocumented(response, 'post', CONTACTS);
      return expectError(response, 400, 'INVALID');
    };

    const withoutSources = contactBody(a, b);
    delete withoutSources.sources;
    expect(Object.keys((await post(withoutSources)).fields!)).toEqual(['sources']);
    expect((await post(contactBody(a, b, { sources: [] }))).fields).toEqual({
      sources: ['Add at least one source: every contact needs one'],
    });

    const oneCountry = await post(contactBody(a, sameCountry));
    expect(oneCountry.message).toBe('Participants must come from at least two countries');
    expect(oneCountry.fields).toEqual({ participants: [expect.stringContaining('another country')] });

    const badUrl = await post(contactBody(a, b, { sources: [{ url: 'example.org/readout' }] }));
    expect(badUrl.fields).toEqual({ 'sources.0.url': ['Enter a full web address starting with https://'] });
    expect(badUrl.message).toContain('sources.0.url');

    const several = await post(
      contactBody(a, b, {
        date: '2022-02-30',
        participants: [a.slug],
        sources: [{ url: 'https://example.org/ok' }, { url: 'ftp://example.org/x', publishedAt: 'May' }],
      }),
    );
    expect(Object.keys(several.fields!).sort()).toEqual(
      ['date', 'participants', 'sources.1.publishedAt', 'sources.1.url'].sort(),
    );

    const unknownOfficial = await post(contactBody(a, b, { participants: [a.slug, 'nobody-at-all'] }));
    expect(unknownOfficial.fields!.participants[0]).toContain('nobody-at-all');

    const misspelt = await post({ ...contactBody(a, b), sumary: 'A misspelt field is not dropped' });
    expect(misspelt.fields).toEqual({ sumary: ['Not a field of a contact'] });

    expect((await post([contactBody(a, b)])).message).toBe('The body must be a JSON object');

    const badJson = await request.post(CONTACTS, {
      headers: { ...bearer('researcher'), 'Content-Type': 'application/json' },
      // A Buffer goes as it is; a string would be sent JSON-encoded.
      data: Buffer.from('{"date": "2022-05-13",'),
    });
    expect((await expectError(badJson, 400, 'INVALID')).message).toBe('The body is not valid JSON');

    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const wrongType = await request.post(CONTACTS, {
        headers: { ...bearer('researcher'), 'Content-Type': contentType },
        data: Buffer.from(JSON.stringify(contactBody(a, b))),
      });
      const error = await expectError(wrongType, 400, 'INVALID');
      expect(error.message).toContain('Content-Type: application/json');
    }

    const listed = await (await request.get(`${CONTACTS}?official=${a.slug}`)).json();
    expect(listed.total).toBe(0);
  });

  test('an edit without its version, or one that breaks the contact, is refused and changes nothing', async ({
    api,
    request,
  }) => {
    const [a, b] = await api.pair();
    const { id } = await api.contact(a, b);
    const before = await api.getContact(id);
    const patch = async (data: unknown) => {
      const response = await request.patch(`/api/v1/contacts/${id}`, { headers: bearer('researcher'), data });
      await expectDocumented(response, 'patch', CONTACT);
      return expectError(response, 400, 'INVALID');
    };

    expect((await patch({ summary: 'No version' })).fields).toEqual({
      version: ['Required: the record’s version number from GET, e.g. 3'],
    });
    expect(Object.keys((await patch({ version: '1', summary: 'A string version' })).fields!)).toEqual(['version']);
    expect((await patch({ version: 1 })).message).toMatch(/^Nothing to change/);
    expect(Object.keys((await patch({ version: 1, participants: [a.slug] })).fields!)).toEqual(['participants']);
    expect(Object.keys((await patch({ version: 1, sources: [{ url: 'nope' }] })).fields!)).toEqual(['sources.0.url']);
    expect((await patch({ version: 1, verification: 'CONFIRMED' })).fields).toEqual({
      verification: ['Use VERIFIED, DISPUTED or UNVERIFIED'],
    });
    expect(Object.keys((await patch({ version: 1, verification: 'VERIFIED', summary: 'Both' })).fields!)).toEqual([
      'verification',
    ]);
    expect((await patch({ version: 1, sumary: 'Misspelt' })).fields).toEqual({ sumary: ['Not a field of a contact'] });

    const badVersion = await request.delete(`/api/v1/contacts/${id}?version=first`, { headers: bearer('admin') });
    await expectDocumented(badVersion, 'delete', CONTACT);
    expect(Object.keys((await expectError(badVersion, 400, 'INVALID')).fields!)).toEqual(['version']);

    expect(await api.getContact(id)).toEqual(before);
  });

  test('an official that does not hold together is refused field by field', async ({ api, request }) => {
    const official = await api.official();
    const post = await request.post(OFFICIALS, {
      headers: bearer('admin'),
      data: {
        name: 'X',
        country: 'XX',
        positions: [{ title: 'Minister', officeKey: 'FI:APITEST', startDate: '2022-01-01', endDate: '2021-01-01' }],
      },
    });
    await expectDocumented(post, 'post', OFFICIALS);
    const error = await expectError(post, 400, 'INVALID');
    expect(Object.keys(error.fields!).sort()).toEqual([
      'country',
      'name',
      'positions.0.endDate',
      'positions.0.officeKey',
    ]);

    const patch = await request.patch(`/api/v1/officials/${official.slug}`, {
      headers: bearer('admin'),
      data: {
        version: 1,
        positions: [{ title: 'Minister', officeKey: `${COUNTRY_B}:APITEST`, startDate: '2022-01-01' }],
        nickname: 'x',
      },
    });
    await expectDocumented(patch, 'patch', OFFICIAL);
    expect((await expectError(patch, 400, 'INVALID')).fields).toEqual({ nickname: ['Not a field of an official'] });

    const wrongOffice = await request.patch(`/api/v1/officials/${official.slug}`, {
      headers: bearer('admin'),
      data: {
        version: 1,
        positions: [{ title: 'Minister', officeKey: `${COUNTRY_B}:APITEST`, startDate: '2022-01-01' }],
      },
    });
    expect(Object.keys((await expectError(wrongOffice, 400, 'INVALID')).fields!)).toEqual(['positions.0.officeKey']);
    expect(await api.getOfficial(official.slug)).toMatchObject({ version: 1, positions: [] });
  });
});

test.describe('write API: 401 and 403', () => {
  test('a write without a valid token is a 401 that asks for one, and changes nothing', async ({ api, request }) => {
    const [a, b] = await api.pair();
    const { id } = await api.contact(a, b);
    const contact = await api.getContact(id);
    const official = await api.getOfficial(a.slug);
    const real = account('researcher').token;
    const headers: Record<string, Record<string, string>> = {
      'no header': {},
      'an empty bearer': { Authorization: 'Bearer ' },
      'a garbage token': { Authorization: 'Bearer cp_this-is-not-a-token' },
      'a tampered token': { Authorization: `Bearer ${real.slice(0, -4)}${real.endsWith('AAAA') ? 'BBBB' : 'AAAA'}` },
      'another scheme': { Authorization: `Basic ${real}` },
    };
    for (const [label, header] of Object.entries(headers)) {
      const answers = [
        ['post', CONTACTS, await request.post(CONTACTS, { headers: header, data: contactBody(a, b) })],
        [
          'patch',
          CONTACT,
          await request.patch(`/api/v1/contacts/${id}`, { headers: header, data: { version: 1, summary: 'x' } }),
        ],
        ['delete', CONTACT, await request.delete(`/api/v1/contacts/${id}?version=1`, { headers: header })],
        [
          'post',
          OFFICIALS,
          await request.post(OFFICIALS, { headers: header, data: { name: 'Nobody Nobody', country: 'NO' } }),
        ],
        [
          'patch',
          OFFICIAL,
          await request.patch(`/api/v1/officials/${a.slug}`, { headers: header, data: { version: 1, bio: 'x' } }),
        ],
      ] as const;
      for (const [method, path, response] of answers) {
        await expectDocumented(response, method, path);
        await expectError(response, 401, 'UNAUTHENTICATED');
        expect(response.headers()['www-authenticate'], `${label}: ${method} ${path}`).toBe('Bearer');
      }
    }
    expect(await api.getContact(id)).toEqual(contact);
    expect(await api.getOfficial(a.slug)).toEqual(official);
    expect((await (await request.get(`${CONTACTS}?official=${a.slug}`)).json()).total).toBe(1);
  });

  test('a role the permission table refuses is a 403 that names the role, and changes nothing', async ({
    api,
    request,
  }) => {
    const [a, b] = await api.pair();
    const { id } = await api.contact(a, b);
    const contact = await api.getContact(id);
    const official = await api.getOfficial(a.slug);

    const refused = [
      [
        'viewer',
        'post',
        CONTACTS,
        await request.post(CONTACTS, { headers: bearer('viewer'), data: contactBody(a, b) }),
      ],
      [
        'viewer',
        'patch',
        CONTACT,
        await request.patch(`/api/v1/contacts/${id}`, {
          headers: bearer('viewer'),
          data: { version: 1, summary: 'x' },
        }),
      ],
      [
        'researcher',
        'delete',
        CONTACT,
        await request.delete(`/api/v1/contacts/${id}?version=1`, { headers: bearer('researcher') }),
      ],
      [
        'researcher',
        'post',
        OFFICIALS,
        await request.post(OFFICIALS, {
          headers: bearer('researcher'),
          data: { name: 'Nobody Nobody', country: 'NO' },
        }),
      ],
      [
        'researcher',
        'patch',
        OFFICIAL,
        await request.patch(`/api/v1/officials/${a.slug}`, {
          headers: bearer('researcher'),
          data: { version: 1, bio: 'x' },
        }),
      ],
    ] as const;
    for (const [role, method, path, response] of refused) {
      await expectDocumented(response, method, path);
      const error = await expectError(response, 403, 'FORBIDDEN');
      expect(error.message, `${role}: ${method} ${path}`).toBe(`Your role (${role}) may not do this`);
    }
    expect(await api.getContact(id)).toEqual(contact);
    expect(await api.getOfficial(a.slug)).toEqual(official);
    expect((await (await request.get(`${CONTACTS}?official=${a.slug}`)).json()).total).toBe(1);
    expect((await (await request.get(`${OFFICIALS}?q=Nobody%20Nobody`)).json()).total).toBe(0);
  });
});

test.describe('write API: 404', () => {
  test('an unknown contact or official is a 404 for every method', async ({ request }) => {
    const answers = [
      ['get', CONTACT, await request.get('/api/v1/contacts/no-such-contact')],
      [
        'patch',
        CONTACT,
        await request.patch('/api/v1/contacts/no-such-contact', {
          headers: bearer('researcher'),
          data: { version: 1, summary: 'x' },
        }),
      ],
      [
        'patch',
        CONTACT,
        await request.patch('/api/v1/contacts/no-such-contact', {
          headers: bearer('researcher'),
          data: { version: 1, verification: 'VERIFIED' },
        }),
      ],
      [
        'delete',
        CONTACT,
        await request.delete('/api/v1/contacts/no-such-contact?version=1', { headers: bearer('admin') }),
      ],
      ['get', OFFICIAL, await request.get('/api/v1/officials/no-such-official')],
      [
        'patch',
        OFFICIAL,
        await request.patch('/api/v1/officials/no-such-official', {
          headers: bearer('admin'),
          data: { version: 1, bio: 'x' },
        }),
      ],
    ] as const;
    for (const [method, path, response] of answers) {
      await expectDocumented(response, method, path);
      const error = await expectError(response, 404, 'NOT_FOUND');
      expect(error.message).toMatch(/no-such-(contact|official)/);
    }
  });
});

test.describe('write API: 409', () => {
  test('an edit from a stale version shows the contact as it stands and what changed, and saves nothing', async ({
    api,
    request,
  }) => {
    const [a, b] = await api.pair();
    const { id } = await api.contact(a, b);
    const first = await request.patch(`/api/v1/contacts/${id}`, {
      headers: bearer('researcher2'),
      data: { version: 1, summary: 'The first account of the call.' },
    });
    expect(first.status()).toBe(200);
    expect(await expectDocumented(first, 'patch', CONTACT)).toMatchObject({ version: 2 });

    const stale = await request.patch(`/api/v1/contacts/${id}`, {
      headers: bearer('researcher'),
      data: { version: 1, location: 'Oslo' },
    });
    await expectDocumented(stale, 'patch', CONTACT);
    const conflict = await expectError(stale, 409, 'CONFLICT');
    expect(conflict.message).toContain(account('researcher2').name);
    expect(conflict).toMatchObject({
      current: { id, version: 2, summary: 'The first account of the call.', location: null },
      changes: [{ field: 'summary', before: null, after: 'The first account of the call.' }],
      changedBy: account('researcher2').name,
    });
    expect(Date.parse(conflict.changedAt as string)).not.toBeNaN();
    expect(await api.getContact(id)).toMatchObject({ version: 2, location: null });

    const retried = await request.patch(`/api/v1/contacts/${id}`, {
      headers: bearer('researcher'),
      data: { version: 2, location: 'Oslo' },
    });
    expect(await expectDocumented(retried, 'patch', CONTACT)).toMatchObject({
      version: 3,
      location: 'Oslo',
      summary: 'The first account of the call.',
    });

    const staleDelete = await request.delete(`/api/v1/contacts/${id}?version=2`, { headers: bearer('admin') });
    await expectDocumented(staleDelete, 'delete', CONTACT);
    expect(await expectError(staleDelete, 409, 'CONFLICT')).toMatchObject({ current: { version: 3 } });
    expect(await api.getContact(id)).toMatchObject({ version: 3 });
  });

  test('an official’s edit from a stale version, or with another’s Wikidata id, is a 409', async ({ api, request }) => {
    const wikidataId = `Q9${Math.floor(Math.random() * 1e9)}`;
    const holder = await api.official({ wikidataId });
    const official = await api.official();
    const first = await request.patch(`/api/v1/officials/${official.slug}`, {
      headers: bearer('admin'),
      data: { version: 1, bio: 'Edited first.' },
    });
    expect(await expectDocumented(first, 'patch', OFFICIAL)).toMatchObject({ version: 2, bio: 'Edited first.' });

    const stale = await request.patch(`/api/v1/officials/${official.slug}`, {
      headers: bearer('admin'),
      data: { version: 1, bio: 'Edited from an old copy.' },
    });
    await expectDocumented(stale, 'patch', OFFICIAL);
    expect(await expectError(stale, 409, 'CONFLICT')).toMatchObject({ current: { version: 2, bio: 'Edited first.' } });

    const taken = await request.patch(`/api/v1/officials/${official.slug}`, {
      headers: bearer('admin'),
      data: { version: 2, wikidataId },
    });
    await expectDocumented(taken, 'patch', OFFICIAL);
    expect((await expectError(taken, 409, 'CONFLICT')).fields).toEqual({
      wikidataId: [`Already used by ${holder.slug}`],
    });

    const duplicate = await request.post(OFFICIALS, {
      headers: bearer('admin'),
      data: { name: `Apitest ${uniqueTag()}`, country: COUNTRY_A, wikidataId },
    });
    await expectDocumented(duplicate, 'post', OFFICIALS);
    expect((await expectError(duplicate, 409, 'CONFLICT')).fields).toEqual({
      wikidataId: [`Already used by ${holder.slug}`],
    });
    expect(await api.getOfficial(official.slug)).toMatchObject({ version: 2, wikidataId: null });
  });
});

test.describe('write API: verifying, deleting, re-resolving offices', () => {
  test('a second researcher verifies; a changed date makes the contact unverified again', async ({ api, request }) => {
    const [a, b] = await api.pair();
    const { id } = await api.contact(a, b, {}, 'researcher');
    const verify = (as: 'researcher' | 'researcher2' | 'admin', data: Record<string, unknown>) =>
      request.patch(`/api/v1/contacts/${id}`, { headers: bearer(as), data });

    const own = await verify('researcher', { version: 1, verification: 'VERIFIED' });
    await expectDocumented(own, 'patch', CONTACT);
    expect((await expectError(own, 403, 'FORBIDDEN')).message).toMatch(/different researcher/);
    expect(await api.getContact(id)).toMatchObject({ version: 1, verification: 'UNVERIFIED' });

    const verified = await verify('researcher2', { version: 1, verification: 'VERIFIED' });
    expect(verified.status()).toBe(200);
    expect(await expectDocumented(verified, 'patch', CONTACT)).toMatchObject({ version: 2, verification: 'VERIFIED' });

    // A summary is not what the verifier checked: still verified.
    const summary = await verify('researcher', { version: 2, summary: 'Readout added.' });
    expect(await expectDocumented(summary, 'patch', CONTACT)).toMatchObject({ version: 3, verification: 'VERIFIED' });

    const redated = await verify('researcher', { version: 3, date: '2022-05-12' });
    expect(redated.status()).toBe(200);
    expect(await expectDocumented(redated, 'patch', CONTACT)).toMatchObject({
      version: 4,
      date: '2022-05-12',
      verification: 'UNVERIFIED',
      summary: 'Readout added.',
    });

    const disputed = await verify('admin', { version: 4, verification: 'DISPUTED' });
    expect(await expectDocumented(disputed, 'patch', CONTACT)).toMatchObject({ version: 5, verification: 'DISPUTED' });
  });

  test('an admin’s delete takes the contact out of GET, the lists and the gaps', async ({ api, request }) => {
    const [a, b] = await api.pair();
    const february = await api.contact(a, b, { date: '2022-02-18' });
    const may = await api.contact(a, b, { date: '2022-05-13' });
    const other = await api.contact(a, b, { date: '2023-01-10', status: 'REFUSED' });

    const response = await request.delete(`/api/v1/contacts/${may.id}?version=1`, { headers: bearer('admin') });
    expect(response.status()).toBe(200);
    const deleted = await expectDocumented(response, 'delete', CONTACT);
    expect(deleted).toMatchObject({ id: may.id, version: 2 });
    expect(Date.parse(deleted.deletedAt)).not.toBeNaN();

    await expectError(await request.get(`/api/v1/contacts/${may.id}`), 404, 'NOT_FOUND');
    const listed = await (await request.get(`${CONTACTS}?official=${a.slug}`)).json();
    expect(listed.items.map((c: { id: string }) => c.id).sort()).toEqual([february.id, other.id].sort());
    expect(listed.total).toBe(2);
    const gaps = await (await request.get(`/api/v1/gaps?a=${a.slug}&b=${b.slug}`)).json();
    expect(gaps).toMatchObject({ heldCount: 1, gaps: [] });

    // Without the version read from GET, nothing is deleted.
    const withoutVersion = await request.delete(`/api/v1/contacts/${other.id}`, { headers: bearer('admin') });
    await expectDocumented(withoutVersion, 'delete', CONTACT);
    expect((await expectError(withoutVersion, 400, 'INVALID')).fields).toEqual({
      version: ['Required: the version read from GET, as ?version=3'],
    });
    expect(await api.getContact(other.id)).toMatchObject({ id: other.id, version: 1 });
    await expectError(
      await request.delete(`/api/v1/contacts/${may.id}?version=2`, { headers: bearer('admin') }),
      404,
      'NOT_FOUND',
    );
    await expectError(
      await request.patch(`/api/v1/contacts/${may.id}`, {
        headers: bearer('researcher'),
        data: { version: 2, summary: 'x' },
      }),
      404,
      'NOT_FOUND',
    );
  });

  test('new positions point the official’s existing contacts at the office held that day', async ({ api, request }) => {
    const tag = uniqueTag();
    const oldOffice = `${COUNTRY_A}:APITEST_${tag}_DEPUTY`;
    const newOffice = `${COUNTRY_A}:APITEST_${tag}_MINISTER`;
    const deputy = { title: 'Deputy Minister of Apitest', officeKey: oldOffice, startDate: '2020-01-01' };
    const a = await api.official({ positions: [deputy] });
    const b = await api.official({
      country: COUNTRY_B,
      positions: [{ title: 'Counterpart', officeKey: `${COUNTRY_B}:APITEST_${tag}`, startDate: '2020-01-01' }],
    });
    const { id } = await api.contact(a, b, { date: '2022-05-13' });
    expect(participantOf(await api.getContact(id), a)).toMatchObject({
      officeKey: oldOffice,
      positionTitle: deputy.title,
    });

    const response = await request.patch(`/api/v1/officials/${a.slug}`, {
      headers: bearer('admin'),
      data: {
        version: 1,
        name: `${a.name} Renamed`,
        positions: [
          { ...deputy, endDate: '2021-12-31' },
          { title: 'Minister of Apitest', officeKey: newOffice, startDate: '2022-01-01' },
        ],
      },
    });
    expect(response.status()).toBe(200);
    const updated = await expectDocumented(response, 'patch', OFFICIAL);
    expect(updated).toMatchObject({ version: 2, slug: a.slug, name: `${a.name} Renamed` });
    expect(updated.positions.map((p: { officeKey: string }) => p.officeKey)).toEqual([newOffice, oldOffice]);

    const contact = await api.getContact(id);
    expect(participantOf(contact, a)).toMatchObject({ officeKey: newOffice, positionTitle: 'Minister of Apitest' });
    const offices = await (
      await request.get(`/api/v1/gaps?officeA=${newOffice}&officeB=${COUNTRY_B}:APITEST_${tag}`)
    ).json();
    expect(offices).toMatchObject({ level: 'OFFICE', heldCount: 1 });
  });
});

test.describe('API documentation page', () => {
  test('shows the write endpoints, who may call them and how to get a token', async ({ page }) => {
    await page.goto('/api-docs');
    const reference = page.getByRole('region', { name: 'Reference' });
    await expect(reference.getByRole('button', { name: /^PATCH\s*\/api\/v1\/contacts\/\{id\}/ })).toBeVisible();
    await expect(reference.getByRole('button', { name: /^DELETE\s*\/api\/v1\/contacts\/\{id\}/ })).toBeVisible();
    await expect(
      reference.getByRole('button', { name: /^POST\s*\/api\/v1\/officials\s*Add an official$/ }),
    ).toBeVisible();

    const tokens = page.getByRole('region', { name: 'Writing with an API token' });
    await expect(tokens).toContainText('npm run cli -- token:create --email');
    await expect(tokens).toContainText('Authorization: Bearer cp_…');
    const table = tokens.getByRole('table', { name: 'Who may write' });
    const deleteRow = table.getByRole('row', { name: /Delete a contact/ });
    await expect(deleteRow.getByRole('cell')).toHaveText(['no', 'no', 'yes']);
    const logRow = table.getByRole('row', { name: /Log a contact/ });
    await expect(logRow.getByRole('cell')).toHaveText(['no', 'yes', 'yes']);

    await tokens.getByText('Log a contact: POST /api/v1/contacts').click();
    await expect(tokens.getByText(/curl -X POST "\$COUNTERPART\/api\/v1\/contacts"/)).toBeVisible();

    // A row of the table leads to its endpoint in the reference.
    await logRow.getByRole('link', { name: 'Log a contact' }).click();
    await expect(
      reference.getByRole('button', { name: /^POST\s*\/api\/v1\/contacts\s*Log a contact$/ }),
    ).toBeInViewport();
    await expectAccessible(page);
  });
});
