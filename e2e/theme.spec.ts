import { expect, test, type Page } from '@playwright/test';
import { hydrated } from './hydration';

/*
 * Light, dark or the system's choice, from the header; remembered, and applied before the first paint.
 * The page background is the paper colour of app/globals.css: light #fbfaf7, dark #141413.
 */

const LIGHT = 'rgb(251, 250, 247)';
const DARK = 'rgb(20, 20, 19)';
const PAIR = '/pairs/officials/lloyd-austin/sergei-shoigu';

/** The theme and background the document had when its HTML was parsed, before anything else ran. */
async function recordFirstFrame(page: Page) {
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const root = document.documentElement;
      (window as unknown as { firstFrame: object }).firstFrame = {
        theme: root.dataset.theme ?? null,
        background: getComputedStyle(root).backgroundColor,
      };
    });
  });
}

const firstFrame = (page: Page) =>
  page.evaluate(() => (window as unknown as { firstFrame: { theme: string | null; background: string } }).firstFrame);

const expectBackground = (page: Page, colour: string) =>
  expect(page.locator('html')).toHaveCSS('background-color', colour);

async function choose(page: Page, name: 'Light' | 'Dark' | 'System') {
  const choice = page.getByRole('group', { name: 'Colour theme' }).getByRole('radio', { name });
  await hydrated(choice);
  await expect(choice).toBeEnabled();
  // As a reader does: a click on the option's icon (its label). The radio itself is visually hidden, so
  // Playwright's check() would wait for a click target that the label always covers.
  await page.getByRole('group', { name: 'Colour theme' }).getByTitle(name).click();
  await expect(choice).toBeChecked();
}

test('dark, once chosen, is remembered and there from the first frame', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await recordFirstFrame(page);
  await page.goto('/');
  await choose(page, 'Dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectBackground(page, DARK);

  await page.reload();
  expect(await firstFrame(page)).toEqual({ theme: 'dark', background: DARK });
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();

  // Another page, reached by its address, starts dark too.
  await page.goto(PAIR);
  expect(await firstFrame(page)).toEqual({ theme: 'dark', background: DARK });

  await choose(page, 'Light');
  await page.reload();
  expect(await firstFrame(page)).toEqual({ theme: 'light', background: LIGHT });
});

test('the choice is applied by a script the page runs before its first content', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const script = html.search(/<script[^>]*>[^<]*localStorage/);
  expect(script).toBeGreaterThan(0);
  expect(script).toBeLessThan(html.indexOf('<header'));
});

test('system follows the operating system, as it changes', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  // Nothing chosen yet: the system's preference, and the switch says so.
  await expect(page.getByRole('radio', { name: 'System' })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectBackground(page, DARK);

  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expectBackground(page, LIGHT);

  await choose(page, 'Dark');
  await choose(page, 'System');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

/** The theme-color values the browser applies now: those whose media query matches. */
const toolbarColours = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')]
      .filter((meta) => !meta.media || matchMedia(meta.media).matches)
      .map((meta) => meta.content),
  );

test('the browser toolbar takes the chosen theme’s colour, after a navigation too', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await hydrated(page.getByRole('radio', { name: 'System' }));
  await expect.poll(() => toolbarColours(page)).toEqual(['#fbfaf7']);
  await choose(page, 'Dark');
  await expect.poll(() => toolbarColours(page)).toEqual(['#141413']);
  // A client-side navigation renders the head anew.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/\/search/);
  await expect.poll(() => toolbarColours(page)).toEqual(['#141413']);
  await choose(page, 'System');
  await expect.poll(() => toolbarColours(page)).toEqual(['#fbfaf7']);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => toolbarColours(page)).toEqual(['#141413']);
});

test('the switch is a radio group a keyboard can work', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const system = page.getByRole('radio', { name: 'System' });
  await hydrated(system);
  await expect(system).toBeChecked();
  await page.getByRole('radio', { name: 'Light' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('an embed follows the OS, not the choice made on this site', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await choose(page, 'Dark');
  await page.goto(`/embed${PAIR}`);
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  await expectBackground(page, LIGHT);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectBackground(page, DARK);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, colorScheme: 'dark' });

  test('the OS preference still applies', async ({ page }) => {
    await page.goto('/');
    await expectBackground(page, DARK);
  });
});
