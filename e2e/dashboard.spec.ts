import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { screenshot } from './screenshots';

test.describe('dashboard', () => {
  test('leads with the longest running silence and the founding story’s 84 days', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle('Counterpart — the silences between officials');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(
      /days since Lloyd Austin and Sergei Shoigu last held a contact/,
    );
    const featured = page.getByRole('region', { name: 'Featured pair' });
    await expect(featured.getByRole('list', { name: 'Gaps between held contacts' })).toContainText(
      '84 days to 13 May 2022',
    );
    await expect(featured.getByText('18 Feb 2022 → 13 May 2022')).toBeVisible();
    // Where sources disagree a gap is a range, not one number.
    const all = page.getByRole('region', { name: /Running silences between officials/ });
    await expect(all.getByRole('listitem').filter({ hasText: 'Mark Milley' })).toContainText('Longest gap 90–97 days');
    await expect(page.getByRole('region', { name: 'Headline chart' }).locator('svg.recharts-surface')).toBeVisible();
    await screenshot(page, 'dashboard');
    await expectAccessible(page);
  });

  test('links each pair to its page, where the chart’s table and the numbers read 84', async ({ page }) => {
    await page.goto('/');
    const all = page.getByRole('region', { name: /Running silences between officials/ });
    await all.getByRole('link', { name: 'Lloyd Austin — Sergei Shoigu' }).click();
    await expect(page).toHaveURL(/\/pairs\/officials\/lloyd-austin\/sergei-shoigu$/);
    const table = page.getByRole('table', { name: /Every silence between held contacts/ });
    await expect(table.getByRole('row').filter({ hasText: '18 Feb 2022' })).toContainText('84');
    await expect(page.getByText('18 Feb 2022 → 13 May 2022').first()).toBeVisible();
  });

  test('says in one line what a silence is, and lists overdue and latest contacts', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByText(/A silence is the time since a pair last held a contact/)).toBeVisible();
    const latest = page.getByRole('region', { name: 'Latest contacts' });
    await expect(latest.getByRole('listitem').first()).toContainText('19 May 2022');
  });

  test('switches to office and country level, and keeps the level in the URL', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Between offices' }).click();
    await expect(page).toHaveURL(/level=offices/);
    const offices = page.getByRole('region', { name: /Running silences between offices/ });
    await expect(
      offices.getByRole('link', { name: 'Minister of Defence (Russia) — Secretary of Defense (United States)' }),
    ).toBeVisible();
    await page.getByRole('link', { name: 'Between countries' }).click();
    await expect(page).toHaveURL(/level=countries/);
    await expect(page.getByRole('region', { name: /Running silences between countries/ })).toContainText(
      /Russia.*United States|United States.*Russia/,
    );
    await page.goBack();
    await expect(page).toHaveURL(/level=offices/);
    await page.reload();
    await expect(page.getByRole('link', { name: 'Between offices' })).toHaveAttribute('aria-current', 'page');
    await expectAccessible(page);
  });

  test('filters pairs by country and says so when none match', async ({ page }) => {
    await page.goto('/?country=FR');
    await expect(page.getByText('No pairs here yet.')).toBeVisible();
    await page.getByRole('link', { name: 'Show every country' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Lloyd Austin');
  });

  test('is readable on a phone, with no sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'dashboard-phone');
  });

  test('follows the system’s dark mode', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe('rgb(20, 20, 19)');
    await screenshot(page, 'dashboard-dark');
    await expectAccessible(page);
  });
});
