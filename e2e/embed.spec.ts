import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { addDays } from 'date-fns';
import { getDb } from '../lib/db';
import { daysBetween, parseIsoDate, toIsoDate } from '../lib/gaps/dates';
import { expect, test, type WriteApi } from './api-fixtures';
import { bearer } from './auth';
import { screenshot } from './screenshots';

/*
 * Embeds and citations: another site frames /embed/pairs/… (and cannot frame a pair page), finds the embed
 * through oEmbed discovery, copies the embed code and the citation; a permalink (?asOf=) shows the pair as
 * it stood that day, is refused for a day to come, and is purged from the response cache by a write that
 * changes it.
 */

/** A site on another origin (another port) serving the pages a test gives it. */
async function otherSite() {
  const pages = new Map<string, string>();
  const server = http.createServer((req, res) => {
    const body = pages.get(req.url ?? '/');
    res.writeHead(body === undefined ? 404 : 200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body ?? 'Not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    serve(path: string, html: string) {
      pages.set(path, `<!doctype html><html><head><title>Elsewhere</title></head><body>${html}</body></html>`);
      return `${origin}${path}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A pair with three held calls, the first two logged (created) on the day after they happened, the last one
 * today: a permalink of a day between the second and the third shows two of them.
 */
async function pairWithHistory(api: WriteApi) {
  const [a, b] = await api.pair();
  const dates = ['2022-01-10', '2022-03-01', '2022-05-13'];
  const ids: string[] = [];
  for (const date of dates) ids.push((await api.contact(a, b, { date })).id);
  // Before any page of the pair is read (nothing of it is cached yet): as if logged at the time.
  for (const [i, date] of dates.slice(0, 2).entries()) {
    await getDb().contact.update({
      where: { id: ids[i] },
      data: { createdAt: addDays(parseIsoDate(date), 1) },
    });
  }
  return { a, b, dates, ids, path: `/pairs/officials/${a.slug}/${b.slug}` };
}

const AS_OF = '2022-04-01';

test('another site frames the embed, and cannot frame a pair page', async ({ api, page, baseURL }) => {
  const { a, b, path } = await pairWithHistory(api);
  const site = await otherSite();
  try {
    const url = site.serve(
      '/article',
      `<h1>An article</h1>
       <iframe id="embed" name="embed" src="${baseURL}/embed${path}" width="600" height="400" title="Chart"></iframe>
       <iframe id="page" name="page" src="${baseURL}${path}" width="600" height="300" title="Page"></iframe>`,
    );
    await page.goto(url);
    const embed = page.frameLocator('#embed');
    await expect(embed.getByText(`${a.name} – ${b.name}`, { exact: true })).toBeVisible();
    await expect(embed.getByRole('heading', { level: 1 })).toHaveText(/silence/);
    await expect(embed.getByTestId('gap-chart').locator('svg.recharts-surface')).toBeVisible();
    await expect(embed.getByRole('link', { name: /^Counterpart,/ })).toHaveAttribute('href', `${baseURL}${path}`);
    // No site navigation in an embed.
    await expect(embed.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    // The pair page refuses: the browser shows its error page in the frame, never the page.
    await expect
      .poll(() =>
        page
          .frames()
          .find((frame) => frame.name() === 'page')
          ?.url(),
      )
      .toMatch(/^chrome-error:/);
    await expect(page.frameLocator('#page').getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    await screenshot(page, 'embed-framed-elsewhere');
  } finally {
    await site.close();
  }
});

test('the embed fits a 600×400 frame, and only it may be framed', async ({ api, page, request }) => {
  const { path } = await pairWithHistory(api);
  const embedHeaders = (await request.get(`/embed${path}`)).headers();
  expect(embedHeaders['content-security-policy']).toMatch(/frame-ancestors http: https:(;|$)/);
  expect(embedHeaders['x-frame-options']).toBeUndefined();
  const pageHeaders = (await request.get(path)).headers();
  expect(pageHeaders['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(pageHeaders['x-frame-options']).toBe('DENY');

  await page.setViewportSize({ width: 600, height: 400 });
  await page.goto(`/embed${path}`);
  await expect(page.getByTestId('gap-chart').locator('svg.recharts-surface')).toBeVisible();
  const overflow = await page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }));
  expect(overflow).toEqual({ x: 0, y: 0 });
  await expect(page.getByRole('link', { name: /^Counterpart,/ })).toBeInViewport();
  await screenshot(page, 'embed-600x400');
});

test('oEmbed discovery on a pair page leads to JSON whose html frames the embed', async ({ api, page, request }) => {
  const { a, b, path } = await pairWithHistory(api);
  await page.goto(path);
  const href = await page.locator('link[rel="alternate"][type="application/json+oembed"]').getAttribute('href');
  expect(href).not.toBeNull();
  const response = await request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/json/);
  const oembed = await response.json();
  expect(oembed).toMatchObject({ type: 'rich', version: '1.0', provider_name: 'Counterpart', width: 600, height: 400 });
  const src = oembed.html.match(/<iframe src="([^"]+)"/)?.[1];
  expect(new URL(src).pathname).toBe(`/embed${path}`);

  // The html, pasted into a page of another site, shows the chart.
  const site = await otherSite();
  try {
    await page.goto(site.serve('/oembed', oembed.html));
    await expect(page.frameLocator('iframe').getByText(`${a.name} – ${b.name}`, { exact: true })).toBeVisible();
    await expect(page.frameLocator('iframe').getByTestId('gap-chart').locator('svg.recharts-surface')).toBeVisible();
  } finally {
    await site.close();
  }
  const small = await (await request.get(`${href}&maxwidth=300&maxheight=200`)).json();
  expect(small).toMatchObject({ width: 300, height: 200 });
  expect((await request.get(`/api/oembed?url=${encodeURIComponent('/officials/lloyd-austin')}`)).status()).toBe(404);
});

test('Copy embed code puts the iframe on the clipboard, or shows it to copy by hand', async ({
  api,
  page,
  context,
}) => {
  const { path } = await pairWithHistory(api);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(path);
  const code = await page.getByTestId('embed-code').textContent();
  expect(code).toMatch(/^<iframe src="http:\/\/[^"]+\/embed\/pairs\/officials\//);
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Embed code copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  await page.getByTestId('embed-code').scrollIntoViewIfNeeded();
  await screenshot(page, 'pair-cite-and-embed');

  // Without a clipboard (an insecure origin, a refused permission): a field holding the code, selected.
  const bare = await context.newPage();
  await bare.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
  await bare.goto(path);
  await bare.getByRole('button', { name: 'Copy embed code' }).click();
  const field = bare.getByRole('textbox', { name: /clipboard is not available/ });
  await expect(field).toHaveValue(code!);
  await bare.close();
});

test('Cite this gives APA and BibTeX with the access date, data version and a permalink that works', async ({
  api,
  page,
  context,
}) => {
  const { a, b, path } = await pairWithHistory(api);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(path);
  const cite = page.getByRole('region', { name: 'Cite this' });
  await expect(cite).toBeVisible();
  const bibtex = (await cite.getByTestId('cite-bibtex').textContent())!;
  // The access date is the server's today: read it from the permalink the server wrote, not from this clock.
  const permalink = bibtex.match(/url = \{([^}]+)\}/)![1];
  const today = new URL(permalink).searchParams.get('asOf')!;
  expect(new URL(permalink).pathname).toBe(path);
  const version = cite.locator('code').first();
  await expect(version).toHaveText(/^[0-9a-f]{12}$/);
  const dataVersion = (await version.textContent())!;
  expect(bibtex).toContain(`@misc{counterpart-${a.slug.toLowerCase()}-${b.slug.toLowerCase()}-${today},`);
  expect(bibtex).toContain(`urldate = {${today}}`);
  expect(bibtex).toContain(`version = {${dataVersion}}`);
  await expect(cite.getByTestId('cite-apa')).toContainText(`[Data set; data version ${dataVersion}]. Retrieved `);
  await expect(cite.getByTestId('cite-apa')).toContainText(`from ${permalink}`);
  await cite.getByRole('button', { name: 'Copy BibTeX' }).click();
  await expect(cite.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(bibtex);

  // The permalink shows the same figures, with the same data version.
  await page.goto(permalink);
  await expect(page.getByTestId('as-of-banner')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Cite this' }).locator('code').first()).toHaveText(dataVersion);

  // The gap export carries the citation too.
  const exported = await (await page.request.get(`/api/v1/gaps/export?format=json&a=${a.slug}&b=${b.slug}`)).json();
  expect(exported.meta.citation).toMatchObject({ permalink, dataVersion, accessed: today });
});

test('a permalink shows the pair as it stood that day, with a banner; a day to come is a 400', async ({
  api,
  page,
}) => {
  const { dates, ids, path } = await pairWithHistory(api);
  await page.goto(path);
  await expect(page.locator('li[id^="contact-"]')).toHaveCount(3);

  await page.goto(`${path}?asOf=${AS_OF}`);
  const banner = page.getByTestId('as-of-banner');
  await expect(banner).toContainText('This is the pair as it stood on 1 Apr 2022');
  await expect(page.locator('li[id^="contact-"]')).toHaveCount(2);
  await expect(page.locator(`#contact-${ids[2]}`)).toHaveCount(0);
  const silence = daysBetween(dates[1], AS_OF);
  await expect(page.getByRole('region', { name: 'In numbers' })).toContainText(`${silence} days`);
  // The running silence is counted to that day, and named so: never "today".
  await expect(page.getByRole('region', { name: 'Every gap' })).toContainText('as of 1 Apr 2022');
  await expect(page.getByRole('region', { name: 'Every gap' })).not.toContainText('today');
  await screenshot(page, 'pair-as-of');

  // The embed as of the same day.
  await page.goto(`/embed${path}?asOf=${AS_OF}`);
  await expect(page.locator('dl[aria-label="Key numbers"]')).toContainText(`${silence} days`);

  await page.goto(`${path}?asOf=${AS_OF}`);
  await banner.getByRole('link', { name: 'See the pair today' }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await expect(page.getByTestId('as-of-banner')).toHaveCount(0);

  // The server's today, from the permalink it writes; the day after is refused, as is a date that is none.
  const permalink = (await page.getByTestId('cite-bibtex').textContent())!.match(/url = \{([^}]+)\}/)![1];
  const today = new URL(permalink).searchParams.get('asOf')!;
  const tomorrow = toIsoDate(addDays(parseIsoDate(today), 1));
  for (const bad of [tomorrow, '2022-02-30', 'last-week']) {
    for (const address of [`${path}?asOf=${bad}`, `/embed${path}?asOf=${bad}`]) {
      const response = await page.goto(address);
      expect(response?.status(), address).toBe(400);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not a date this page can show');
    }
  }
  await expect(page.getByText(/YYYY-MM-DD/)).toBeVisible();
  await page.goto(`${path}?asOf=${tomorrow}`);
  await expect(page.getByText(/in the future/)).toBeVisible();
  await screenshot(page, 'pair-as-of-refused');
});

test('a cached permalink embed is purged by a write that changes it', async ({ api, request }) => {
  const { dates, ids, path } = await pairWithHistory(api);
  const address = `/embed${path}?asOf=${AS_OF}`;
  const figures = async () => {
    const response = await request.get(address);
    expect(response.status()).toBe(200);
    const html = await response.text();
    return {
      cache: response.headers()['x-counterpart-cache'],
      median: html.match(/Median gap<\/dt><dd[^>]*>([^<]+)</)?.[1],
    };
  };
  expect((await figures()).median).toBe(`${daysBetween(dates[0], dates[1])} days`);
  await expect.poll(async () => (await figures()).cache).toBe('hit');

  // The first call was logged before the day; its date is corrected today.
  const contact = await api.getContact(ids[0]);
  const edited = await request.patch(`/api/v1/contacts/${ids[0]}`, {
    headers: bearer('researcher'),
    data: { version: contact.version, date: '2022-01-20' },
  });
  expect(edited.status(), await edited.text()).toBe(200);
  const after = await figures();
  expect(after.median).toBe(`${daysBetween('2022-01-20', dates[1])} days`);
  expect(after.cache).not.toBe('hit');
});
