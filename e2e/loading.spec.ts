import { expect, test, type Page, type Route } from '@playwright/test';
import { screenshot } from './screenshots';

/*
 * What each page shows while it loads. A page's data cannot be held up from the browser, but a navigation's
 * can: following a link, the app shows the page's skeleton (its loading.tsx, fetched ahead with the link)
 * until the server's answer arrives. Holding that answer shows the skeleton for as long as it takes to look at
 * it — what a reader sees on a slow connection or a busy server — then letting it through shows the page.
 * Screenshots of both, light and dark, land in the test results' screenshots folder.
 */

/** Holds the app's navigation requests (not the prefetches) until released. */
async function holdNavigations(page: Page) {
  const held: Route[] = [];
  let holding = false;
  await page.route('**/*', async (route) => {
    const headers = route.request().headers();
    const isNavigation =
      headers['rsc'] !== undefined &&
      headers['next-router-prefetch'] === undefined &&
      headers['next-router-segment-prefetch'] === undefined;
    if (holding && isNavigation) held.push(route);
    else await route.continue();
  });
  return {
    hold: () => {
      holding = true;
    },
    release: async () => {
      holding = false;
      await Promise.all(held.splice(0).map((route) => route.continue()));
    },
  };
}

/** Follows a link with its answer held: the skeleton shows, then the page once the answer is let through. */
async function follow(
  page: Page,
  gate: Awaited<ReturnType<typeof holdNavigations>>,
  options: { link: ReturnType<Page['getByRole']>; name: string; loaded: () => Promise<void>; status: string },
) {
  await options.link.hover();
  // The link's skeleton is fetched ahead (a prefetch); wait for it to be here before following the link.
  await page.waitForLoadState('networkidle');
  gate.hold();
  await options.link.click();
  const skeleton = page.locator('[aria-busy="true"]').first();
  await expect(skeleton).toBeVisible();
  await expect(skeleton.getByRole('status')).toHaveText(options.status);
  await screenshot(page, `loading-${options.name}`);
  await gate.release();
  await options.loaded();
  await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0);
  await screenshot(page, `loaded-${options.name}`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`each page shows its skeleton while it loads (${scheme})`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme: scheme });
    const gate = await holdNavigations(page);
    await page.goto('/search?q=Shoigu');
    await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible();

    await follow(page, gate, {
      link: page.getByRole('region', { name: /Officials/ }).getByRole('link', { name: 'Sergei Shoigu' }),
      name: `official-${scheme}`,
      status: 'Loading the official…',
      loaded: () => expect(page.getByRole('heading', { level: 1, name: 'Sergei Shoigu' })).toBeVisible(),
    });

    await follow(page, gate, {
      link: page
        .getByRole('main')
        .getByRole('link', { name: /^Sergei Shoigu — / })
        .first(),
      name: `pair-${scheme}`,
      status: 'Loading the pair…',
      loaded: async () => {
        await expect(page.getByTestId('gap-chart').locator('svg.recharts-surface')).toBeVisible();
        await expect(page.getByRole('heading', { name: 'Every contact, with its sources' })).toBeVisible();
      },
    });

    await follow(page, gate, {
      link: page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }),
      name: `search-${scheme}`,
      status: 'Searching…',
      loaded: () => expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible(),
    });

    await follow(page, gate, {
      link: page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Silences' }),
      name: `dashboard-${scheme}`,
      status: 'Loading the running silences…',
      // The demo data has no running silence between officials: the headline says so.
      loaded: () => expect(page.getByRole('heading', { level: 1, name: /silence/ })).toBeVisible(),
    });
  });
}
