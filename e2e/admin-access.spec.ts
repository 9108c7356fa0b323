import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { storageState, type AccountName } from './auth';

/*
 * Every admin page and admin route handler, found on disk when the spec runs
 * (so a page added later is covered without touching this file), refuses
 * everyone but admins on the server: a real HTTP 403 with the refusal page
 * for researchers and viewers, a sign-in redirect that comes back for
 * visitors. The server actions behind the pages are held to the same table by
 * the unit permission matrix (lib/actions/permissions.test.ts).
 */

const APP_ADMIN = path.resolve('app/admin');

/** Files under app/admin named `name`, as routes: `/admin/users/[id]`. Route groups `(x)` are not in the URL. */
function routesOf(name: string): { route: string; file: string }[] {
  return (readdirSync(APP_ADMIN, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((file) => path.basename(file) === name)
    .map((file) => {
      const segments = path
        .dirname(file)
        .split(path.sep)
        .filter((s) => s !== '.' && !/^\(.*\)$/.test(s));
      return { route: ['/admin', ...segments].join('/'), file: path.join(APP_ADMIN, file) };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}

const PAGES = routesOf('page.tsx');
const ROUTE_HANDLERS = routesOf('route.ts');

/** Values for dynamic segments that no list page links to; everything else is found by following links. */
const KNOWN: Record<string, string> = { slug: 'lloyd-austin' };

/** The folders beside a dynamic segment that are routes of their own (`new` beside `[id]`). */
function staticSiblings(parentRoute: string): Set<string> {
  const dir = path.join(APP_ADMIN, ...parentRoute.split('/').slice(2));
  return new Set(
    readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('['))
      .map((entry) => entry.name),
  );
}

/**
 * A real URL for a route: each dynamic segment gets a known value, or the
 * first value the admin's page one level up links to. A segment with neither
 * fails the test: no admin page goes unchecked.
 */
async function resolveRoute(admin: Page, route: string): Promise<string> {
  let resolved = '';
  for (const segment of route.split('/').slice(1)) {
    const dynamic = /^\[{1,2}(?:\.\.\.)?(\w+)\]{1,2}$/.exec(segment);
    if (!dynamic) {
      resolved += `/${segment}`;
      continue;
    }
    const parent = resolved;
    let value: string | undefined = KNOWN[dynamic[1]];
    if (value === undefined) {
      const response = await admin.goto(parent);
      expect(response?.status(), `${parent} opens for the admin, to find a value for ${segment}`).toBe(200);
      const siblings = staticSiblings(route.slice(0, route.indexOf(segment) - 1));
      const hrefs = await admin
        .locator(`main a[href^="${parent}/"]`)
        .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
      value = hrefs
        .map((href) => href.slice(parent.length + 1).split(/[/?#]/)[0])
        .find((candidate) => candidate !== '' && !siblings.has(candidate));
    }
    expect(value, `a value for ${segment} in ${route}: add it to KNOWN or link to it from ${parent}`).toBeTruthy();
    resolved += `/${value}`;
  }
  return resolved;
}

async function contextFor(browser: Browser, who: AccountName | 'visitor') {
  return browser.newContext({
    storageState: who === 'visitor' ? { cookies: [], origins: [] } : storageState(who),
  });
}

test('the admin area has pages and an audit export to check', () => {
  expect(PAGES.map((p) => p.route)).toEqual(expect.arrayContaining(['/admin', '/admin/users', '/admin/users/[id]']));
  expect(ROUTE_HANDLERS.map((r) => r.route)).toContain('/admin/audit/export');
});

for (const { route } of PAGES) {
  test(`${route}: 200 for an admin, 403 for a researcher and a viewer, sign-in for a visitor`, async ({ browser }) => {
    const admin = await contextFor(browser, 'admin');
    const adminPage = await admin.newPage();
    const url = await resolveRoute(adminPage, route);
    const response = await adminPage.goto(url);
    expect(response?.status(), `${url} as admin`).toBe(200);
    await expect(adminPage.getByRole('navigation', { name: 'Admin' })).toBeVisible();
    await admin.close();

    for (const who of ['researcher', 'viewer'] as const) {
      const context = await contextFor(browser, who);
      const page = await context.newPage();
      const refused = await page.goto(url);
      expect(refused?.status(), `${url} as ${who}`).toBe(403);
      await expect(page.getByRole('heading', { name: 'Your role may not open this page' })).toBeVisible();
      await expect(page.getByText(`, a ${who}.`)).toBeVisible();
      await context.close();
    }

    const visitor = await contextFor(browser, 'visitor');
    const page = await visitor.newPage();
    await page.goto(url);
    await expect(page).toHaveURL((current) => {
      return current.pathname === '/sign-in' && current.searchParams.get('next') === url;
    });
    await expect(page.getByRole('heading', { name: 'Your role may not open this page' })).toHaveCount(0);
    await visitor.close();
  });
}

/** The HTTP methods a route handler exports. */
function methodsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/export\s+(?:async\s+)?(?:function\s+|const\s+)(GET|POST|PUT|PATCH|DELETE)\b/g)].map(
    (m) => m[1],
  );
}

for (const { route, file } of ROUTE_HANDLERS) {
  for (const method of methodsOf(file)) {
    test(`${method} ${route}: only for admins`, async ({ browser }) => {
      expect(route, 'admin route handlers have no dynamic segments yet; resolve them like pages').not.toMatch(/\[/);
      const statuses: Record<string, number> = {};
      for (const who of ['visitor', 'viewer', 'researcher', 'admin'] as const) {
        const context = await contextFor(browser, who);
        const origin = new URL(test.info().project.use.baseURL!).origin;
        const response = await context.request.fetch(route, {
          method,
          maxRedirects: 0,
          headers: { Origin: origin },
        });
        statuses[who] = response.status();
        if (who !== 'admin') {
          expect(response.headers()['content-type'] ?? '', `${method} ${route} as ${who}`).not.toMatch(/text\/csv/);
        }
        await context.close();
      }
      expect(
        statuses.visitor === 401 || [302, 303, 307].includes(statuses.visitor),
        `visitor: ${statuses.visitor}`,
      ).toBe(true);
      expect(statuses.viewer).toBe(403);
      expect(statuses.researcher).toBe(403);
      expect([401, 403]).not.toContain(statuses.admin);
      if (method === 'GET') expect(statuses.admin).toBe(200);
    });
  }
}
