import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { screenshot } from './screenshots';

/** The width and height a PNG declares in its IHDR chunk. */
function pngSize(body: Buffer): { width: number; height: number } {
  expect(body.subarray(1, 4).toString('latin1'), 'PNG signature').toBe('PNG');
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

/** The sizes of the images an .ico file holds (a stored 0 means 256). */
function icoSizes(body: Buffer): number[] {
  expect([body.readUInt16LE(0), body.readUInt16LE(2)], 'ICO header: reserved 0, type 1 (icon)').toEqual([0, 1]);
  const count = body.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => body.readUInt8(6 + i * 16) || 256);
}

async function fetchOk(request: APIRequestContext, url: string) {
  const response = await request.get(url);
  expect(response.status(), `${url} answers 200`).toBe(200);
  return { type: response.headers()['content-type'] ?? '', body: await response.body(), headers: response.headers() };
}

/**
 * Whether robots.txt lets any crawler fetch a path, by the rules of RFC 9309: the
 * longest matching rule wins, `*` matches anything, and Allow wins a tie.
 */
function robotsAllows(robots: string, path: string): boolean {
  let best: { length: number; allow: boolean } = { length: -1, allow: true };
  for (const line of robots.split('\n')) {
    const match = /^(allow|disallow):\s*(\S*)/i.exec(line.trim());
    if (!match || match[2] === '') continue;
    const pattern = new RegExp(`^${match[2].replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}`);
    if (!pattern.test(path)) continue;
    const allow = match[1].toLowerCase() === 'allow';
    if (match[2].length > best.length || (match[2].length === best.length && allow)) {
      best = { length: match[2].length, allow };
    }
  }
  return best.allow;
}

/** Every same-origin response with a 404, collected while the page loads. */
function collectNotFound(page: Page): string[] {
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  return missing;
}

test.describe('public files', () => {
  test('/favicon.ico is a real icon with 16, 32 and 48 px images', async ({ request }) => {
    const { type, body } = await fetchOk(request, '/favicon.ico');
    expect(type).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    expect(icoSizes(body)).toEqual(expect.arrayContaining([16, 32, 48]));
  });

  test('the web manifest parses, matches the page’s colours, and every icon it names loads', async ({
    page,
    request,
  }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/manifest.webmanifest');
    const { type, body } = await fetchOk(request, href!);
    expect(type).toMatch(/^application\/(manifest\+)?json/);
    const manifest = JSON.parse(body.toString('utf8'));
    expect(manifest).toMatchObject({ name: expect.stringContaining('Counterpart'), short_name: 'Counterpart' });
    expect(manifest.start_url).toBe('/');
    expect(['standalone', 'minimal-ui', 'browser', 'fullscreen']).toContain(manifest.display);

    // The splash screen and title bar use the page's own paper colour.
    const paper = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const hex = (rgb: string) =>
      '#' +
      rgb
        .match(/\d+/g)!
        .slice(0, 3)
        .map((n) => Number(n).toString(16).padStart(2, '0'))
        .join('');
    expect(manifest.background_color.toLowerCase()).toBe(hex(paper));
    expect(manifest.theme_color.toLowerCase()).toBe(hex(paper));

    const icons: { src: string; sizes: string; type: string; purpose?: string }[] = manifest.icons;
    expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of icons) {
      const fetched = await fetchOk(request, icon.src);
      expect(fetched.type, icon.src).toContain(icon.type);
      if (icon.type === 'image/png') {
        const [width, height] = icon.sizes.split('x').map(Number);
        expect(pngSize(fetched.body), icon.src).toEqual({ width, height });
      } else {
        expect(fetched.body.toString('utf8'), icon.src).toContain('<svg');
      }
    }
  });

  test('the icons the pages link to all load, with their declared type and size', async ({ page, request }) => {
    await page.goto('/');
    const links = await page.locator('link[rel="icon"], link[rel="apple-touch-icon"]').evaluateAll((nodes) =>
      nodes.map((n) => ({
        href: n.getAttribute('href')!,
        type: n.getAttribute('type'),
        sizes: n.getAttribute('sizes'),
      })),
    );
    expect(links.map((l) => l.href)).toEqual(
      expect.arrayContaining(['/favicon.ico', '/icon.svg', '/apple-touch-icon.png']),
    );
    for (const link of links) {
      const fetched = await fetchOk(request, link.href);
      expect(fetched.type, link.href).toMatch(/^image\//);
      if (link.type) expect(fetched.type, link.href).toContain(link.type);
      if (link.href.endsWith('.png') && link.sizes) {
        const [width, height] = link.sizes.split('x').map(Number);
        expect(pngSize(fetched.body), link.href).toEqual({ width, height });
      }
    }
  });

  test('robots.txt is plain text that lets crawlers read the public pages and keeps them out of the private ones', async ({
    request,
  }) => {
    const { type, body } = await fetchOk(request, '/robots.txt');
    expect(type).toMatch(/^text\/plain/);
    const robots = body.toString('utf8');
    expect(robots).toMatch(/^User-agent: \*$/m);
    for (const path of [
      '/',
      '/methodology',
      '/pairs/officials/lloyd-austin/sergei-shoigu',
      '/officials/sergei-shoigu',
      '/search?q=Shoigu',
      '/api-docs',
      '/feeds/contacts.xml',
    ]) {
      expect(robotsAllows(robots, path), `robots.txt allows ${path}`).toBe(true);
    }
    for (const path of [
      '/admin',
      '/admin/users',
      '/account',
      '/contacts/new',
      '/contacts/abc/edit',
      '/api/auth/sign-in/email',
    ]) {
      expect(robotsAllows(robots, path), `robots.txt disallows ${path}`).toBe(false);
    }
    // Anything robots.txt points at exists.
    for (const [, url] of robots.matchAll(/^Sitemap:\s*(\S+)/gim)) await fetchOk(request, url);
  });

  test('no page asks for a file that is not there', async ({ page }) => {
    const missing = collectNotFound(page);
    for (const path of ['/', '/methodology', '/pairs/officials/lloyd-austin/sergei-shoigu']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
    }
    expect(missing).toEqual([]);
  });
});

test.describe('methodology', () => {
  test('explains the counting with the 84-day example, and is reached from every page’s footer', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('contentinfo').getByRole('link', { name: 'How we count' }).click();
    await expect(page).toHaveURL(/\/methodology$/);
    await expect(page).toHaveTitle('Methodology · Counterpart');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'How Counterpart counts the silences between officials',
    );

    const example = page.getByRole('region', { name: 'The 84-day example' });
    await expect(example.getByText('13 May 2022 − 18 Feb 2022 = 84 days')).toBeVisible();
    await expect(example.getByRole('figure', { name: /84 days without a call/ })).toBeVisible();
    const days = example.getByRole('list', { name: /day by day/ }).getByRole('listitem');
    await expect(days.filter({ hasText: 'Russia invades Ukraine' })).toContainText('24 Feb 2022');
    await expect(days.filter({ hasText: 'Russia invades Ukraine' })).toContainText('day 6');
    await expect(days.filter({ hasText: 'refused' })).toContainText('day 34');
    await expect(days.last()).toContainText('day 84');
    // Where the Joint Chiefs and The Hill disagree, the gap is a range.
    await expect(example).toContainText('90–97 days');
    await expect(page.getByRole('region', { name: 'Disputed dates' })).toContainText(
      '11 Feb 2022 (the Joint Chiefs) or 18 Feb 2022 (The Hill), to 19 May 2022: 90–97 days',
    );

    for (const name of [
      'Pairs at three levels',
      'What ends a silence',
      'Counting a gap',
      'The current silence',
      'Approximate dates',
      'Markers inside a gap',
      'Expected and overdue contacts',
      'The numbers of a pair',
      'Verification',
      'How to cite',
    ]) {
      await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
    }
    const contents = page.getByRole('navigation', { name: 'On this page' });
    await contents.getByRole('link', { name: 'Disputed dates' }).click();
    await expect(page).toHaveURL(/#disputed$/);
    await expectAccessible(page);
    await screenshot(page, 'methodology');
  });

  test('is a prerendered page, the same for every reader', async ({ request }) => {
    // Next.js marks a response it built ahead of time; the dashboard, rendered per request, is the control.
    const prerendered = (headers: Record<string, string>) =>
      (headers['x-nextjs-prerender'] ?? '').split(',').some((value) => value.trim() === '1');
    const methodology = await request.get('/methodology');
    expect(methodology.status()).toBe(200);
    expect(prerendered(methodology.headers())).toBe(true);
    expect(methodology.headers()['cache-control'] ?? '').not.toContain('no-store');
    expect(prerendered((await request.get('/')).headers())).toBe(false);
  });

  test('reads in dark mode and on a 360 px phone without sideways scrolling', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/methodology');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const colours = await page.evaluate(() => {
      const html = getComputedStyle(document.documentElement);
      return { background: html.backgroundColor, text: getComputedStyle(document.querySelector('h1')!).color };
    });
    expect(colours).toEqual({ background: 'rgb(20, 20, 19)', text: 'rgb(236, 235, 231)' });
    await expectAccessible(page);
    await screenshot(page, 'methodology-dark');

    for (const scheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 360, height: 780 });
      await page.goto('/methodology');
      await expect(page.getByRole('figure', { name: /84 days without a call/ })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      await screenshot(page, `methodology-360-${scheme}`);
    }
    await expectAccessible(page);
  });
});
