import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIResponse, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { expectDocumented, test as withApi, uniqueTag } from './api-fixtures';
import { screenshot } from './screenshots';

const ATOM = 'http://www.w3.org/2005/Atom';

/** Days between two ISO dates, as the gap engine counts them. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Asserts a JSON error answer with its status and code, and returns the error. */
async function expectError(response: APIResponse, status: number, code: string) {
  expect(response.status()).toBe(status);
  expect(response.headers()['content-type']).toMatch(/^application\/json/);
  const body = await response.json();
  expect(body.error).toMatchObject({ code, message: expect.any(String) });
  return body.error as { code: string; message: string; fields?: Record<string, string[]> };
}

/** Parses Atom XML with the browser's own parser; reports parser errors and each entry's title and link. */
async function readFeed(page: Page, xml: string) {
  return page.evaluate(
    ({ xml, ns }) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      const root = doc.documentElement;
      const child = (el: Element, name: string) => el.getElementsByTagNameNS(ns, name)[0]?.textContent ?? null;
      return {
        parserErrors: doc.getElementsByTagName('parsererror').length,
        root: `${root.namespaceURI} ${root.localName}`,
        id: child(root, 'id'),
        updated: child(root, 'updated'),
        self: root.querySelector(':scope > link[rel="self"]')?.getAttribute('href') ?? null,
        entries: [...doc.getElementsByTagNameNS(ns, 'entry')].map((entry) => ({
          id: child(entry, 'id'),
          title: child(entry, 'title'),
          updated: child(entry, 'updated'),
          summary: child(entry, 'summary'),
          link: entry.querySelector('link[rel="alternate"]')?.getAttribute('href') ?? null,
        })),
      };
    },
    { xml, ns: ATOM },
  );
}

test.describe('read API: officials', () => {
  for (const spelling of ['Шойгу', 'Shoygu', 'shoigu']) {
    test(`finds Sergei Shoigu as “${spelling}”`, async ({ request }) => {
      const response = await request.get('/api/v1/officials', { params: { q: spelling } });
      expect(response.status()).toBe(200);
      const body = await response.json();
      expect(body).toMatchObject({ page: 1, pageSize: 20, total: 1 });
      expect(body.items.map((o: { slug: string }) => o.slug)).toEqual(['sergei-shoigu']);
      expect(body.items[0].otherNames).toContain('Шойгу');
    });
  }

  // Counts only officials it made (a unique name), so nothing another spec left can change them.
  withApi('filters by country and pages', async ({ api, request }) => {
    const name = `Pagetest ${uniqueTag()}`;
    const made = [
      await api.official({ name: `${name} Ivanov`, country: 'RU' }),
      await api.official({ name: `${name} Petrov`, country: 'RU' }),
      await api.official({ name: `${name} Virtanen`, country: 'FI' }),
    ];
    const query = `country=RU&q=${encodeURIComponent(name)}&pageSize=1`;
    const first = await (await request.get(`/api/v1/officials?${query}`)).json();
    expect(first).toMatchObject({ page: 1, total: 2, pageSize: 1 });
    expect(first.items).toHaveLength(1);
    const second = await (await request.get(`/api/v1/officials?${query}&page=2`)).json();
    expect(second).toMatchObject({ page: 2, total: 2 });
    expect([...first.items, ...second.items].map((o: { slug: string }) => o.slug).sort()).toEqual(
      [made[0].slug, made[1].slug].sort(),
    );
  });

  test('gives a profile by slug or id, and a JSON 404 for an unknown official', async ({ request }) => {
    const bySlug = await (await request.get('/api/v1/officials/sergei-shoigu')).json();
    expect(bySlug).toMatchObject({ slug: 'sergei-shoigu', name: 'Sergei Shoigu', country: 'RU', wikidataId: 'Q23460' });
    expect(bySlug.positions[0]).toEqual({
      title: 'Minister of Defence',
      officeKey: 'RU:MINDEF',
      organisation: 'Ministry of Defence of the Russian Federation',
      startDate: '2012-11-06',
      endDate: '2024-05-12',
    });
    const byId = await (await request.get(`/api/v1/officials/${bySlug.id}`)).json();
    expect(byId).toEqual(bySlug);

    const error = await expectError(await request.get('/api/v1/officials/no-such-person'), 404, 'NOT_FOUND');
    expect(error.message).toContain('no-such-person');
  });
});

test.describe('read API: contacts', () => {
  test('lists contacts newest first with ISO dates, participants, initiator and sources with claims', async ({
    request,
  }) => {
    const response = await request.get('/api/v1/contacts?official=lloyd-austin&status=HELD');
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      page: 1,
      pageSize: 50,
      total: 2,
      filters: { official: 'lloyd-austin', status: ['HELD'] },
    });
    const [may, february] = body.items;
    expect([may.date, february.date]).toEqual(['2022-05-13', '2022-02-18']);
    expect(may.participants).toEqual([
      expect.objectContaining({
        slug: 'lloyd-austin',
        country: 'US',
        officeKey: 'US:SECDEF',
        positionTitle: 'Secretary of Defense',
      }),
      expect.objectContaining({
        slug: 'sergei-shoigu',
        country: 'RU',
        officeKey: 'RU:MINDEF',
        positionTitle: 'Minister of Defence',
      }),
    ]);
    expect(may.initiator).toEqual({ slug: 'lloyd-austin', name: 'Lloyd Austin' });
    expect(may.sources[0]).toMatchObject({
      publisher: 'Axios',
      publishedAt: '2022-05-13',
      claims: { durationMinutes: 60 },
    });
  });

  test('shows the sources’ disagreement on the Milley–Gerasimov call', async ({ request }) => {
    const body = await (
      await request.get('/api/v1/contacts?official=mark-milley&from=2022-02-01&to=2022-02-28')
    ).json();
    expect(body.total).toBe(1);
    expect(body.items[0].sources.map((s: { claims: { date?: string } | null }) => s.claims?.date)).toEqual([
      '2022-02-11',
      '2022-02-18',
    ]);
  });

  test('answers bad parameters with a 400 that names them', async ({ request }) => {
    const from = await expectError(await request.get('/api/v1/contacts?from=2022-13-01'), 400, 'INVALID');
    expect(from.message).toContain('from');
    expect(from.fields).toEqual({ from: ['Enter a real date as YYYY-MM-DD'] });

    const page = await expectError(await request.get('/api/v1/contacts?page=0'), 400, 'INVALID');
    expect(Object.keys(page.fields!)).toEqual(['page']);

    const type = await expectError(await request.get('/api/v1/contacts?type=PIGEON'), 400, 'INVALID');
    expect(Object.keys(type.fields!)).toEqual(['type']);

    const unknown = await expectError(await request.get('/api/v1/contacts?contry=RU'), 400, 'INVALID');
    expect(unknown.message).toBe('Unknown parameter: contry');
  });
});

test.describe('read API: gaps', () => {
  test('Austin–Shoigu: 84 days from 18 February to 13 May 2022, with the refusal of 24 March inside', async ({
    request,
  }) => {
    const response = await request.get('/api/v1/gaps?a=lloyd-austin&b=sergei-shoigu');
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.level).toBe('OFFICIAL');
    expect(body.pair.a).toMatchObject({ ref: 'lloyd-austin', label: 'Lloyd Austin', country: 'US' });
    expect(body.pair.b).toMatchObject({ ref: 'sergei-shoigu', label: 'Sergei Shoigu', country: 'RU' });
    expect(body.heldCount).toBe(2);
    // Shoigu left the Ministry of Defence on 12 May 2024: the silence since their last call closed that day.
    expect(body.gaps).toHaveLength(2);
    const [gap, closed] = body.gaps;
    expect(gap).toMatchObject({
      from: '2022-02-18',
      to: '2022-05-13',
      days: 84,
      minDays: 84,
      maxDays: 84,
      approximate: false,
      disputed: false,
      closedBy: null,
    });
    expect(gap.markers).toEqual([expect.objectContaining({ date: '2022-03-24', status: 'REFUSED', type: 'CALL' })]);
    expect(body.markers).toEqual(gap.markers);
    expect(closed).toMatchObject({
      from: '2022-05-13',
      to: '2024-05-12',
      days: 730,
      toContactId: null,
      closedBy: {
        officialId: body.pair.b.key,
        official: { ref: 'sergei-shoigu', label: 'Sergei Shoigu' },
        on: '2024-05-12',
        rank: { longerThan: 1, of: 1 },
      },
      markers: [],
    });
    expect(body.closedSilence).toEqual(closed);
    expect(body.longestGap).toEqual(closed);
    expect(body).toMatchObject({ medianGapDays: 407, meanGapDays: 407 });
    expect(body.firstContact.date).toBe('2022-02-18');
    expect(body.lastContact.date).toBe('2022-05-13');
    expect(body.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.currentSilenceDays).toBeNull();
    expect(body.currentSilence).toBeNull();
    expect(body.currentSilenceRank).toBeNull();

    // The offices' silence runs on, counted to the answer's own today.
    const offices = await (await request.get('/api/v1/gaps?officeA=US:SECDEF&officeB=RU:MINDEF')).json();
    expect(offices.closedSilence).toBeNull();
    expect(offices.currentSilenceDays).toBe(daysBetween('2022-05-13', offices.today));
    expect(offices.currentSilence).toMatchObject({ since: '2022-05-13', days: offices.currentSilenceDays });
    expect(offices.currentSilenceRank).toEqual({ longerThan: 1, of: 1 });
    expect(offices.currentSilence.rank).toEqual(offices.currentSilenceRank);
  });

  test('the same pair by id, in either order, gives the same series', async ({ request }) => {
    const shoigu = await (await request.get('/api/v1/officials/sergei-shoigu')).json();
    const bySlug = await (await request.get('/api/v1/gaps?a=lloyd-austin&b=sergei-shoigu')).json();
    const reversed = await (await request.get(`/api/v1/gaps?a=${shoigu.id}&b=lloyd-austin`)).json();
    expect(reversed.gaps).toEqual(bySlug.gaps);
    expect(reversed.pair.a.ref).toBe('sergei-shoigu');
  });

  test('Milley–Gerasimov: the disputed gap is 90 to 97 days', async ({ request }) => {
    const body = await (await request.get('/api/v1/gaps?a=mark-milley&b=valery-gerasimov')).json();
    expect(body.gaps[0]).toMatchObject({
      from: '2022-02-11',
      to: '2022-05-19',
      days: 97,
      minDays: 90,
      maxDays: 97,
      disputed: true,
    });
  });

  test('office level: US:SECDEF–RU:MINDEF, whoever held them', async ({ request }) => {
    const body = await (await request.get('/api/v1/gaps?officeA=US:SECDEF&officeB=RU:MINDEF')).json();
    expect(body.level).toBe('OFFICE');
    expect(body.pair.a).toMatchObject({ key: 'US:SECDEF', country: 'US' });
    expect(body.gaps.map((g: { days: number }) => g.days)).toEqual([84]);
  });

  test('country level: US–RU, any officials', async ({ request }) => {
    const body = await (await request.get('/api/v1/gaps?countryA=US&countryB=RU')).json();
    expect(body.level).toBe('COUNTRY');
    expect(body.pair.b).toMatchObject({ key: 'RU', label: 'Russia' });
    expect(body.heldCount).toBe(4);
    expect(body.gaps.map((g: { to: string }) => g.to)).toEqual(['2022-02-18', '2022-05-13', '2022-05-19']);
  });

  test('a long series pages back with limit and before, every number the whole series’', async ({ request }) => {
    const query = 'countryA=US&countryB=RU';
    const whole = await expectDocumented(await request.get(`/api/v1/gaps?${query}`), 'get', '/api/v1/gaps');
    // The whole series fits: it answers as it always has, with no page.
    expect(whole).not.toHaveProperty('page');
    expect(whole.gaps).toHaveLength(3);
    const pages = [];
    let path: string | null = `/api/v1/gaps?${query}&limit=1`;
    while (path !== null && pages.length < 10) {
      const body = await expectDocumented(await request.get(path), 'get', '/api/v1/gaps');
      const { page } = body;
      expect({ ...body, gaps: null, markers: null, page: undefined }).toEqual({ ...whole, gaps: null, markers: null });
      expect(page).toMatchObject({ limit: 1, total: 3, returned: body.gaps.length });
      pages.push(body);
      path = page.older;
      if (path !== null)
        expect(path).toMatch(/^\/api\/v1\/gaps\?countryA=US&countryB=RU&limit=1&before=\d{4}-\d{2}-\d{2}~/);
    }
    expect(pages).toHaveLength(3);
    const oldestFirst = pages.reverse();
    expect(oldestFirst.flatMap((page) => page.gaps)).toEqual(whole.gaps);
    expect(oldestFirst.flatMap((page) => page.markers)).toEqual(whole.markers);

    // Before the first gap: no gaps, and nothing older (not a 404).
    const past = await (await request.get(`/api/v1/gaps?${query}&before=1900-01-01~x`)).json();
    expect(past.gaps).toEqual([]);
    expect(past.page).toMatchObject({ returned: 0, total: 3, older: null });

    const limit = await expectError(await request.get(`/api/v1/gaps?${query}&limit=0`), 400, 'INVALID');
    expect(Object.keys(limit.fields!)).toEqual(['limit']);
    const cursor = await expectError(await request.get(`/api/v1/gaps?${query}&before=2022-02-30~x`), 400, 'INVALID');
    expect(Object.keys(cursor.fields!)).toEqual(['before']);
  });

  test('unknown sides are a JSON 404 naming the parameter', async ({ request }) => {
    const official = await expectError(await request.get('/api/v1/gaps?a=no-such&b=sergei-shoigu'), 404, 'NOT_FOUND');
    expect(Object.keys(official.fields!)).toEqual(['a']);
    const office = await expectError(
      await request.get('/api/v1/gaps?officeA=US:NOPE&officeB=RU:MINDEF'),
      404,
      'NOT_FOUND',
    );
    expect(Object.keys(office.fields!)).toEqual(['officeA']);
  });

  test('bad or missing parameters are a 400 naming them', async ({ request }) => {
    const half = await expectError(await request.get('/api/v1/gaps?a=x'), 400, 'INVALID');
    expect(half.fields).toEqual({ b: ['Give b together with a'] });

    const zz = await expectError(await request.get('/api/v1/gaps?countryA=US&countryB=ZZ'), 400, 'INVALID');
    expect(Object.keys(zz.fields!)).toEqual(['countryB']);

    const none = await expectError(await request.get('/api/v1/gaps'), 400, 'INVALID');
    expect(none.fields!.a[0]).toMatch(/officeA and officeB/);

    const two = await expectError(
      await request.get('/api/v1/gaps?a=lloyd-austin&b=sergei-shoigu&countryA=US&countryB=RU'),
      400,
      'INVALID',
    );
    expect(Object.keys(two.fields!)).toEqual(['countryA', 'countryB']);

    const sameCountry = await expectError(
      await request.get('/api/v1/gaps?a=lloyd-austin&b=mark-milley'),
      400,
      'INVALID',
    );
    expect(Object.keys(sameCountry.fields!)).toEqual(['b']);
  });

  test('an unknown address under /api/v1 is a JSON 404 too', async ({ request }) => {
    await expectError(await request.get('/api/v1/nothing-here'), 404, 'NOT_FOUND');
  });
});

test.describe('OpenAPI document', () => {
  test('parses and lists every endpoint', async ({ request }) => {
    const response = await request.get('/api/v1/openapi.json');
    expect(response.status()).toBe(200);
    const doc = await response.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/oembed',
        '/api/v1/contacts',
        '/api/v1/contacts/export',
        '/api/v1/contacts/{id}',
        '/api/v1/gaps',
        '/api/v1/gaps/export',
        '/api/v1/officials',
        '/api/v1/officials/export',
        '/api/v1/officials/{idOrSlug}',
        '/api/v1/openapi.json',
        '/api/v1/ping',
        '/api/v1/readouts/parse',
        '/api/v1/watches',
        '/api/v1/watches/events',
        '/api/v1/watches/{id}',
        '/feeds/contacts.xml',
        '/feeds/pairs/{level}/{a}/{b}',
        '/feeds/watches/{token}',
      ].sort(),
    );
    expect(doc.components.schemas.Error).toBeDefined();
  });

  test('ping answers { ok: true } on every request, never from a cache', async ({ request }) => {
    const response = await request.get('/api/v1/ping');
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers()['cache-control'] ?? '').not.toMatch(/s-maxage|public/);
  });
});

test.describe('exports', () => {
  for (const filters of ['', 'country=RU&status=HELD', 'official=mark-milley', 'from=2030-01-01']) {
    test(`the contact CSV holds as many rows as the API’s total (${filters || 'no filters'})`, async ({ request }) => {
      const api = await (await request.get(`/api/v1/contacts?${filters}`)).json();
      const response = await request.get(`/api/v1/contacts/export?format=csv&${filters}`);
      expect(response.status()).toBe(200);
      const headers = response.headers();
      expect(headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(headers['content-disposition']).toMatch(/^attachment; filename="counterpart-contacts-\d{8}\.csv"$/);
      const csv = await response.text();
      expect(csv).toMatch(/^# Counterpart contacts export\r\n# exported_at: \d{4}-\d{2}-\d{2}T/);
      expect(csv).toContain(`# filters: ${filters || 'none'}\r\n`);
      const parsed = Papa.parse<Record<string, string>>(csv, { header: true, comments: '#', skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data).toHaveLength(api.total);
      expect(parsed.data.map((row) => row.id)).toEqual(api.items.map((item: { id: string }) => item.id));
    });
  }

  test('the contact JSON export holds the filters, the time and the API’s items', async ({ request }) => {
    const api = await (await request.get('/api/v1/contacts?country=RU')).json();
    const response = await request.get('/api/v1/contacts/export?format=json&country=RU');
    expect(response.headers()['content-disposition']).toMatch(/filename="counterpart-contacts-\d{8}\.json"/);
    const file = await response.json();
    expect(file.meta).toMatchObject({
      kind: 'contacts',
      filters: { country: ['RU'] },
      query: 'country=RU',
      total: api.total,
    });
    expect(Date.parse(file.meta.exportedAt)).not.toBeNaN();
    expect(file.items).toEqual(api.items);
  });

  test('the gap CSV of Austin–Shoigu holds the 84 days, the closed silence and the series’ numbers', async ({
    request,
  }) => {
    const response = await request.get('/api/v1/gaps/export?a=lloyd-austin&b=sergei-shoigu&format=csv');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toMatch(
      /^attachment; filename="counterpart-gaps-lloyd-austin-sergei-shoigu-\d{8}\.csv"$/,
    );
    const csv = await response.text();
    expect(csv).toContain('# query: a=lloyd-austin&b=sergei-shoigu\r\n');
    // Shoigu left office on 12 May 2024: the silence since 13 May 2022 closed then, and is the longest gap.
    expect(csv).toContain('# longest_gap_days: 730, 2022-05-13 to 2024-05-12\r\n');
    expect(csv).toContain('# current_silence_days: \r\n');
    expect(csv).toContain(
      '# closed_silence_days: 730, 2022-05-13 to 2024-05-12; closed: Sergei Shoigu left office on 2024-05-12; longer than 1 of 1 earlier gaps\r\n',
    );
    const { data } = Papa.parse<Record<string, string>>(csv, { header: true, comments: '#', skipEmptyLines: true });
    expect(data).toEqual([
      expect.objectContaining({
        from: '2022-02-18',
        to: '2022-05-13',
        days: '84',
        approximate: 'false',
        disputed: 'false',
        closed_by: '',
        markers: '2022-03-24 REFUSED CALL',
      }),
      expect.objectContaining({
        from: '2022-05-13',
        to: '2024-05-12',
        days: '730',
        to_contact_id: '',
        closed_by: 'sergei-shoigu',
        closed_on: '2024-05-12',
        markers: '',
      }),
    ]);
  });

  test('the gap CSV flags the disputed Milley–Gerasimov gap', async ({ request }) => {
    const csv = await (await request.get('/api/v1/gaps/export?a=mark-milley&b=valery-gerasimov')).text();
    const { data } = Papa.parse<Record<string, string>>(csv, { header: true, comments: '#', skipEmptyLines: true });
    expect(data[0]).toMatchObject({ days: '97', min_days: '90', max_days: '97', disputed: 'true' });
  });

  test('the gap JSON export is the API’s answer with its meta block', async ({ request }) => {
    const api = await (await request.get('/api/v1/gaps?officeA=US:SECDEF&officeB=RU:MINDEF')).json();
    const file = await (
      await request.get('/api/v1/gaps/export?officeA=US:SECDEF&officeB=RU:MINDEF&format=json')
    ).json();
    const { meta, ...series } = file;
    expect(meta).toMatchObject({ kind: 'gaps', query: 'officeA=US%3ASECDEF&officeB=RU%3AMINDEF', today: api.today });
    expect(series).toEqual(api);
  });

  test('exports refuse bad parameters in JSON', async ({ request }) => {
    const format = await expectError(await request.get('/api/v1/contacts/export?format=xlsx'), 400, 'INVALID');
    expect(Object.keys(format.fields!)).toEqual(['format']);
    await expectError(await request.get('/api/v1/gaps/export?a=nobody&b=sergei-shoigu'), 404, 'NOT_FOUND');
  });
});

test.describe('Atom feeds', () => {
  test('the contacts feed is well-formed Atom and lists the 13 May 2022 call', async ({ request, page, baseURL }) => {
    const response = await request.get('/feeds/contacts.xml');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = await readFeed(page, await response.text());
    expect(feed.parserErrors).toBe(0);
    expect(feed.root).toBe(`${ATOM} feed`);
    expect(feed.id).toMatch(/^urn:uuid:/);
    expect(Date.parse(feed.updated!)).not.toBeNaN();
    expect(feed.self).toBe(`${baseURL}/feeds/contacts.xml`);
    // As many entries as the API lists contacts, whatever other specs are doing.
    const listed = await (await request.get('/api/v1/contacts?pageSize=1')).json();
    expect(feed.entries.length).toBe(listed.total);
    const call = feed.entries.find((e) => e.title === 'Call held: Lloyd Austin – Sergei Shoigu, 13 May 2022');
    expect(call).toBeDefined();
    expect(call!.link).toBe(`${baseURL}/pairs/officials/lloyd-austin/sergei-shoigu`);
    expect(call!.summary).toContain('immediate ceasefire');
    for (const entry of feed.entries) {
      expect(entry.id).toMatch(/^urn:uuid:/);
      expect(Date.parse(entry.updated!)).not.toBeNaN();
    }
    // Newest first.
    const titles = feed.entries.map((e) => e.title ?? '');
    const may19 = titles.findIndex((t) => /, 19 May 2022$/.test(t));
    expect(may19).toBeGreaterThanOrEqual(0);
    expect(may19).toBeLessThan(titles.indexOf('Call held: Lloyd Austin – Sergei Shoigu, 13 May 2022'));
  });

  test('a pair’s feed lists that pair’s contacts only', async ({ request, page, baseURL }) => {
    const response = await request.get('/feeds/pairs/officials/lloyd-austin/sergei-shoigu');
    expect(response.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = await readFeed(page, await response.text());
    expect(feed.parserErrors).toBe(0);
    expect(feed.entries.map((e) => e.title)).toEqual([
      'Call held: Lloyd Austin – Sergei Shoigu, 13 May 2022',
      'Call refused: Lloyd Austin – Sergei Shoigu, 24 Mar 2022',
      'Call held: Lloyd Austin – Sergei Shoigu, 18 Feb 2022',
    ]);
    expect(feed.self).toBe(`${baseURL}/feeds/pairs/officials/lloyd-austin/sergei-shoigu`);

    const offices = await readFeed(
      page,
      await (await request.get('/feeds/pairs/offices/US%3ASECDEF/RU%3AMINDEF')).text(),
    );
    expect(offices.parserErrors).toBe(0);
    expect(offices.entries).toHaveLength(3);

    const countries = await readFeed(page, await (await request.get('/feeds/pairs/countries/us/ru')).text());
    expect(countries.entries).toHaveLength(7);

    expect((await request.get('/feeds/pairs/officials/lloyd-austin/no-such')).status()).toBe(404);
    expect((await request.get('/feeds/pairs/planets/a/b')).status()).toBe(404);
  });
});

test.describe('API documentation page', () => {
  test('lists the endpoints, readable and accessible, loading nothing from another site', async ({ page, baseURL }) => {
    // Swagger UI's 1.7 MB bundle, an opened operation and axe over its thousands of nodes: slow on a busy machine.
    test.slow();
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (/^https?:$/.test(url.protocol) && url.origin !== new URL(baseURL!).origin) elsewhere.push(url.href);
    });
    await page.goto('/api-docs');
    await expect(page.getByRole('heading', { level: 1, name: 'Counterpart API' })).toBeVisible();
    const reference = page.getByRole('region', { name: 'Reference' });
    const gaps = reference.getByRole('button', { name: /^GET\s*\/api\/v1\/gaps\s*A pair’s silences$/ });
    // Swagger UI's bundle is large: on a busy machine it draws the reference some seconds after the page.
    await expect(gaps).toBeVisible({ timeout: 20_000 });
    await gaps.click();
    await expect(gaps).toHaveAttribute('aria-expanded', 'true');
    // Reads can be tried against this server. Swagger UI resolves an operation's shapes when it is opened,
    // which on a busy machine takes a while.
    await expect(reference.getByRole('button', { name: 'Try it out' })).toBeVisible({ timeout: 20_000 });
    await expect(reference.getByText('lloyd-austin').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'api-docs');

    // Left out, Swagger UI's own markup that neither its options nor our styles reach: the syntax colours and the
    // unfocusable scroll box of its example code (.microlight), and its unlabelled choice of example.
    const results = await new AxeBuilder({ page }).exclude('.microlight').exclude('.examples-select-element').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(elsewhere).toEqual([]);
  });

  test('reads well in the dark', async ({ page }) => {
    test.slow();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/api-docs');
    const reference = page.getByRole('region', { name: 'Reference' });
    await reference.getByRole('button', { name: /^GET\s*\/api\/v1\/gaps\s*A pair’s silences$/ }).click();
    // Swagger UI resolves an operation's shapes when it is opened; on a busy machine that takes a while.
    await expect(reference.getByRole('button', { name: 'Try it out' })).toBeVisible({ timeout: 20_000 });
    await screenshot(page, 'api-docs-dark');
    // Swagger UI's syntax colours in its example code fall short in the dark (14 spans in one run): left out.
    const results = await new AxeBuilder({ page }).withRules(['color-contrast']).exclude('.microlight').analyze();
    expect(results.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([]);
  });

  test('fits a phone', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto('/api-docs');
    await expect(
      page.getByRole('region', { name: 'Reference' }).getByRole('button', { name: /^GET/ }).first(),
    ).toBeVisible({ timeout: 20_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'api-docs-phone');
  });
});
