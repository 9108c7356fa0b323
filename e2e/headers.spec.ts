import { expect, test, type Browser, type Page } from '@playwright/test';
import { storageState, type AccountName } from './auth';

/*
 * Security headers on every kind of response, and no Content-Security-Policy
 * violation on any main page: the policy must be strict without breaking the
 * chart, the forms, the downloads or Next.js's own scripts.
 */

const PAIR = '/pairs/officials/lloyd-austin/sergei-shoigu';

/** The directives of a CSP header, by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0] !== '')
      .map(([name, ...values]) => [name, values]),
  );
}

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  const csp = directives(headers['content-security-policy'] ?? '');
  expect(csp.get('default-src'), `${what}: default-src`).toEqual(["'self'"]);
  expect(csp.get('object-src'), `${what}: object-src`).toEqual(["'none'"]);
  expect(csp.get('base-uri'), `${what}: base-uri`).toEqual(["'self'"]);
  expect(csp.get('form-action'), `${what}: form-action`).toEqual(["'self'"]);
  expect(csp.get('frame-ancestors'), `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(csp.get('connect-src'), `${what}: connect-src`).toEqual(["'self'"]);
  // A production build: inline scripts (Next.js's page data) yes, eval and other origins no.
  expect(csp.get('script-src'), `${what}: script-src`).toEqual(["'self'", "'unsafe-inline'"]);
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['x-frame-options'], what).toBe('DENY');
}

test('every kind of response carries the security headers', async ({ request }) => {
  const staticFile = (await (await request.get('/')).text()).match(/\/_next\/static\/[^"'\s]+\.(?:js|css)/)?.[0];
  expect(staticFile, 'the dashboard links a static file').toBeDefined();
  const targets: [string, number][] = [
    ['/', 200],
    [PAIR, 200],
    ['/api/v1/officials?country=RU', 200],
    ['/api/v1/openapi.json', 200],
    ['/feeds/contacts.xml', 200],
    ['/no-such-page', 404],
    ['/api/v1/no-such-endpoint', 404],
    [staticFile!, 200],
    ['/robots.txt', 200],
  ];
  for (const [path, status] of targets) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(status);
    expectSecurityHeaders(response.headers(), path);
    // Plain HTTP here: no HSTS, which would pin a browser to an HTTPS this server does not offer.
    expect(response.headers()['strict-transport-security'], path).toBeUndefined();
  }
});

test('behind an HTTPS proxy, responses add Strict-Transport-Security', async ({ request }) => {
  for (const path of ['/', PAIR, '/api/v1/officials?country=RU']) {
    const response = await request.get(path, { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(response.headers()['strict-transport-security'], path).toMatch(/^max-age=\d{7,}; includeSubDomains$/);
  }
});

/** Collects CSP violations of a page, both as the browser logs them and as DOM events. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) violations.push(`console: ${text}`);
  });
  await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(`event: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} on ${location.pathname}`);
    });
  });
  return violations;
}

async function visit(page: Page, path: string, heading: RegExp | string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  // Let hydration, the chart and any lazy script run before judging the page.
  await page.waitForLoadState('networkidle');
}

async function signedIn(browser: Browser, name: AccountName) {
  const context = await browser.newContext({ storageState: storageState(name) });
  const page = await context.newPage();
  return { context, page, violations: await watchViolations(page) };
}

test('no public page reports a Content-Security-Policy violation', async ({ page }) => {
  test.setTimeout(90_000);
  const violations = await watchViolations(page);
  await visit(page, '/', /since|silence/i);
  await visit(page, '/?level=countries', /since|silence/i);

  for (const path of [PAIR, '/pairs/offices/US:SECDEF/RU:MINDEF', '/pairs/countries/US/RU']) {
    await visit(page, path, /./);
    const chart = page.getByRole('group', { name: 'Download the chart' });
    await expect(chart).toBeVisible();
    // Hovering and focusing a bar draws its tooltip (inline styles).
    await page.locator('[data-bar-index="0"]').first().focus();
  }
  // The PNG download draws the chart from a data: URL and saves it through a blob: URL.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the chart as PNG' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.png$/);

  await visit(page, '/officials/sergei-shoigu', 'Sergei Shoigu');
  await visit(page, '/search?q=Shoigu', /./);
  await visit(page, '/api-docs', /API/);
  await visit(page, '/sign-in', /Sign in/i);
  await visit(page, '/methodology', /./);
  await page.goto('/no-such-page');
  await page.waitForLoadState('networkidle');

  expect(violations).toEqual([]);
});

test('no signed-in page reports a Content-Security-Policy violation', async ({ browser }) => {
  test.setTimeout(60_000);
  const researcher = await signedIn(browser, 'researcher');
  await visit(researcher.page, '/contacts/new', /Log a contact/i);
  // The participant type-ahead fetches from the app itself.
  await researcher.page.getByRole('combobox', { name: 'Participants' }).fill('Shoi');
  await expect(researcher.page.getByRole('option', { name: /Sergei Shoigu/ }).first()).toBeVisible();
  await visit(researcher.page, '/account', /./);
  expect(researcher.violations).toEqual([]);
  await researcher.context.close();

  const admin = await signedIn(browser, 'admin');
  await visit(admin.page, '/admin/officials', /Officials/);
  await visit(admin.page, '/admin/audit', /Audit/i);
  expect(admin.violations).toEqual([]);
  await admin.context.close();
});
