import { subDays } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { GET as feed } from '@/app/feeds/watches/[token]/route';
import { GET as listEvents } from '@/app/api/v1/watches/events/route';
import { DELETE as remove, GET as getOne, PATCH as patch } from '@/app/api/v1/watches/[id]/route';
import { GET as list, POST as create } from '@/app/api/v1/watches/route';
import type { Actor } from '../data/actor';
import { createOwnApiToken } from '../data/api-tokens';
import { runWatchJob } from '../data/watch-job';
import { regenerateFeedToken, revokeFeedToken } from '../data/watch-settings';
import { parseIsoDate, todayUtc, toIsoDate } from '../gaps/dates';
import { setupTestDatabase } from '../testing/database';
import { CLI_ACTOR, makePairWithHistory, makeUser } from '../testing/factories';

setupTestDatabase();

const now = new Date();
const daysAgo = (n: number) => toIsoDate(subDays(parseIsoDate(todayUtc(now)), n));

async function world() {
  const { austin, shoigu } = await makePairWithHistory([daysAgo(40)]);
  const person = async (email: string) => {
    const { user } = await makeUser({ email, name: email, role: 'VIEWER' });
    return { user, token: (await createOwnApiToken(user.id, { name: 'script' }, CLI_ACTOR)).token };
  };
  return { austin, shoigu, ana: await person('ana@example.org'), ben: await person('ben@example.org') };
}

function request(path: string, token: string | null, init: { method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  return new Request(`http://localhost${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** A POST of a new watch to the API, as the token's owner. */
function postWatch(token: string, body: unknown) {
  return create(request('/api/v1/watches', token, { method: 'POST', body }), undefined as never);
}

const params = <T>(value: T) => ({ params: Promise.resolve(value) });

describe('the watches API', () => {
  it('needs a valid token, and says so in JSON', async () => {
    for (const token of [null, 'cp_not-a-token']) {
      const response = await list(request('/api/v1/watches', token), undefined as never);
      expect(response.status).toBe(401);
      expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
      expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('creates, lists, changes and deletes the token owner’s watches', async () => {
    const { austin, shoigu, ana } = await world();
    const created = await postWatch(ana.token, {
      level: 'officials',
      a: austin.slug,
      b: shoigu.slug,
      thresholdDays: 30,
    });
    expect(created.status).toBe(201);
    const watch = await created.json();
    expect(created.headers.get('Location')).toBe(`/api/v1/watches/${watch.id}`);
    expect(watch).toMatchObject({
      level: 'OFFICIAL',
      status: 'PAST',
      overBy: 10,
      silence: { days: 40, since: daysAgo(40) },
    });

    const again = await postWatch(ana.token, { level: 'OFFICIAL', a: shoigu.slug, b: austin.slug, thresholdDays: 9 });
    expect(again.status).toBe(409);

    const listed = await (await list(request('/api/v1/watches', ana.token), undefined as never)).json();
    expect(listed).toMatchObject({ total: 1, items: [{ id: watch.id }] });

    const changed = await patch(
      request(`/api/v1/watches/${watch.id}`, ana.token, { method: 'PATCH', body: { thresholdMultiple: 2 } }),
      params({ id: watch.id }),
    );
    // One contact: no gap yet, so no median to take a multiple of.
    expect(await changed.json()).toMatchObject({
      status: 'NO_MEDIAN',
      threshold: { multiple: 2, effectiveDays: null },
    });

    await runWatchJob({ now });
    const events = await (await listEvents(request('/api/v1/watches/events', ana.token), undefined as never)).json();
    expect(events.items).toEqual([]);

    const deleted = await remove(
      request(`/api/v1/watches/${watch.id}`, ana.token, { method: 'DELETE' }),
      params({ id: watch.id }),
    );
    expect(await deleted.json()).toEqual({ id: watch.id, deleted: true });
    expect((await getOne(request(`/api/v1/watches/${watch.id}`, ana.token), params({ id: watch.id }))).status).toBe(
      404,
    );
  });

  it('refuses bad input with a 400 naming each field', async () => {
    const { austin, shoigu, ana } = await world();
    const post = async (body: unknown) => {
      const response = await postWatch(ana.token, body);
      return { status: response.status, body: await response.json() };
    };
    expect(await post({ level: 'officials', a: austin.slug, b: shoigu.slug })).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID', fields: { thresholdDays: [expect.stringContaining('Give a threshold')] } } },
    });
    expect(await post({ level: 'officials', a: austin.slug, b: shoigu.slug, thresholdDays: 0 })).toMatchObject({
      status: 400,
      body: { error: { fields: { thresholdDays: ['Enter at least 1 day'] } } },
    });
    expect(await post({ level: 'planets', a: 'x', b: 'y', thresholdDays: 3 })).toMatchObject({
      status: 400,
      body: { error: { fields: { level: [expect.any(String)] } } },
    });
    expect(
      await post({ level: 'officials', a: austin.slug, b: shoigu.slug, thresholdDays: 3, colour: 'red' }),
    ).toMatchObject({
      status: 400,
      body: { error: { fields: { colour: ['Not a field of a watch'] } } },
    });
    expect(await post({ level: 'officials', a: austin.slug, b: 'nobody', thresholdDays: 3 })).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND' } },
    });
    const bad = await listEvents(request('/api/v1/watches/events?limit=0', ana.token), undefined as never);
    expect(bad.status).toBe(400);
  });

  it('keeps each user’s watches their own: another user’s is not found', async () => {
    const { austin, shoigu, ana, ben } = await world();
    const watch = await (
      await postWatch(ana.token, { level: 'countries', a: 'US', b: 'RU', thresholdDays: 30 })
    ).json();
    void austin;
    void shoigu;
    const id = params({ id: watch.id });
    expect((await getOne(request(`/api/v1/watches/${watch.id}`, ben.token), id)).status).toBe(404);
    expect(
      (
        await patch(
          request(`/api/v1/watches/${watch.id}`, ben.token, { method: 'PATCH', body: { thresholdDays: 5 } }),
          id,
        )
      ).status,
    ).toBe(404);
    expect((await remove(request(`/api/v1/watches/${watch.id}`, ben.token, { method: 'DELETE' }), id)).status).toBe(
      404,
    );
    expect(await (await list(request('/api/v1/watches', ben.token), undefined as never)).json()).toEqual({
      items: [],
      total: 0,
    });
    await runWatchJob({ now });
    const bens = await (await listEvents(request('/api/v1/watches/events', ben.token), undefined as never)).json();
    expect(bens.items).toEqual([]);
    const anas = await (await listEvents(request('/api/v1/watches/events', ana.token), undefined as never)).json();
    expect(anas.items).toMatchObject([{ kind: 'CROSSED', days: 40, thresholdDays: 30, watchId: watch.id }]);
    // Unchanged by Ben's attempts.
    expect(await (await getOne(request(`/api/v1/watches/${watch.id}`, ana.token), id)).json()).toMatchObject({
      threshold: { days: 30 },
    });
  });
});

describe('the private watch feed', () => {
  it('lists the crossing events at the token’s address, and answers 404 once the token is replaced or revoked', async () => {
    const { ana } = await world();
    await postWatch(ana.token, { level: 'countries', a: 'RU', b: 'US', thresholdDays: 30 });
    await runWatchJob({ now });
    const actor: Actor = { userId: ana.user.id, via: 'ui' };
    const token = await regenerateFeedToken(ana.user.id, actor);
    const read = (t: string) => feed(request(`/feeds/watches/${t}`, null), params({ token: t }));

    const response = await read(token);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8');
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    const xml = await response.text();
    expect(xml.match(/<entry>/g)).toHaveLength(1);
    expect(xml).toContain('<title type="text">Russia – United States: 40 days without a contact</title>');
    expect(xml).toContain('<category term="crossed"/>');
    expect(xml).toContain('href="http://localhost/pairs/countries/RU/US"');

    const replaced = await regenerateFeedToken(ana.user.id, actor);
    expect((await read(token)).status).toBe(404);
    expect((await read(replaced)).status).toBe(200);
    await revokeFeedToken(ana.user.id, actor);
    const gone = await read(replaced);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await read('cpf_made-up')).status).toBe(404);
  });
});
