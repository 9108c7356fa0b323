import { bearer } from './auth';
import { expect, test, type Official, type WriteApi } from './api-fixtures';

/*
 * Verification through the write API: a second researcher verifies a contact,
 * and an edit of anything a verifier checked (its sources above all) returns it
 * to UNVERIFIED, while an edit of its summary or topics does not. Each test
 * makes its own officials; the fixture removes them with their contacts.
 */

const readout = { url: 'https://example.org/readout', publisher: 'Example Wire', side: 'US readout' };

/** A contact logged by the researcher and verified by the second researcher, at version 2. */
async function verifiedContact(api: WriteApi, a: Official, b: Official) {
  const created = await api.contact(a, b, { sources: [readout] }, 'researcher');
  const verified = await api.request.patch(`/api/v1/contacts/${created.id}`, {
    headers: bearer('researcher2'),
    data: { version: created.version, verification: 'VERIFIED' },
  });
  expect(verified.status(), await verified.text()).toBe(200);
  expect(await verified.json()).toMatchObject({ version: 2, verification: 'VERIFIED' });
  return created.id;
}

async function patch(api: WriteApi, id: string, data: Record<string, unknown>) {
  const response = await api.request.patch(`/api/v1/contacts/${id}`, { headers: bearer('researcher'), data });
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

test('a verified contact whose sources are edited is unverified again', async ({ api }) => {
  const [a, b] = await api.pair();
  const id = await verifiedContact(api, a, b);

  const quoted = { ...readout, quote: 'The Secretary spoke with his counterpart.' };
  expect(await patch(api, id, { version: 2, sources: [quoted] })).toMatchObject({
    version: 3,
    verification: 'UNVERIFIED',
  });
  expect(await api.getContact(id)).toMatchObject({ verification: 'UNVERIFIED', sources: [{ quote: quoted.quote }] });
});

test('adding a source or changing a claim unverifies; the summary and topics do not', async ({ api }) => {
  const [a, b] = await api.pair();

  const added = await verifiedContact(api, a, b);
  const second = { url: 'https://example.org/other-readout', side: 'press' };
  expect(await patch(api, added, { version: 2, sources: [readout, second] })).toMatchObject({
    verification: 'UNVERIFIED',
  });

  const claimed = await verifiedContact(api, a, b);
  expect(
    await patch(api, claimed, { version: 2, sources: [{ ...readout, claims: { durationMinutes: 40 } }] }),
  ).toMatchObject({ verification: 'UNVERIFIED' });

  const described = await verifiedContact(api, a, b);
  expect(
    await patch(api, described, { version: 2, summary: 'They spoke about Ukraine.', topics: ['ukraine'] }),
  ).toMatchObject({ version: 3, verification: 'VERIFIED' });
  // The same sources sent back unchanged are no change either.
  expect(await patch(api, described, { version: 3, sources: [readout] })).toMatchObject({
    version: 4,
    verification: 'VERIFIED',
  });
});

test('a change of type, or of time and time zone, unverifies', async ({ api }) => {
  const [a, b] = await api.pair();
  const typed = await verifiedContact(api, a, b);
  expect(await patch(api, typed, { version: 2, type: 'VIDEO_CALL' })).toMatchObject({ verification: 'UNVERIFIED' });

  const timed = await verifiedContact(api, a, b);
  expect(await patch(api, timed, { version: 2, time: '14:30', timeZone: 'Europe/Oslo' })).toMatchObject({
    verification: 'UNVERIFIED',
  });
});
