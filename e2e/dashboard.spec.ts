import { expect, test } from './api-fixtures';
import { expectAccessible } from './axe';
import { screenshot } from './screenshots';

test.describe('dashboard', () => {
  test('lists no closed silence as running: the demo officials’ silences closed when one of them left', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page).toHaveTitle('Counterpart — the silences between officials');
    // Shoigu left the Ministry of Defence on 12 May 2024 and Milley the chairmanship on 29 September 2023.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('No silence between officials is running');
    await expect(page.getByRole('region', { name: 'Featured pair' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Headline chart' })).toHaveCount(0);
    const main = page.locator('main');
    await expect(
      main.getByText(/No running silences here\. A pair’s silence closed when one of the two left office/),
    ).toBeVisible();
    // The demo data is loaded: the page must not suggest loading it.
    await expect(main.getByText(/Load the demo data/)).toHaveCount(0);
    // A visitor has no watches (and the cached page carries no one's).
    await expect(page.getByRole('region', { name: 'Your watches past their threshold' })).toHaveCount(0);
    // The closed pairs are history on their own pages, not running silences here.
    await expect(page.getByRole('region', { name: /Running silences between officials/ })).toHaveCount(0);
    await main.getByRole('link', { name: 'the pairs of offices' }).click();
    await expect(page).toHaveURL(/level=offices/);
    await expect(page.getByRole('region', { name: /Running silences between offices/ })).toContainText(
      'Minister of Defence (Russia) — Secretary of Defense (United States)',
    );
    await screenshot(page, 'dashboard');
    await expectAccessible(page);
  });

  test('leads with the most unusual running silence, measured against the pair’s own past gaps', async ({ page }) => {
    // The US–Russia pair: gaps of 7, 84 and 6 days (median 7), running since 19 May 2022.
    await page.goto('/?level=countries');
    await expect(page.getByText('Most unusual running silence', { exact: true })).toBeVisible();
    const headline = page.getByRole('heading', { level: 1 });
    await expect(headline).toContainText(/days since (Russia and United States|United States and Russia) last held/);
    // The figures are the page's own: the days in its headline, over the median gap it states.
    const days = Number(/^([\d,]+) days/.exec(await headline.innerText())![1].replace(/,/g, ''));
    await expect(page.getByTestId('lead-measure')).toHaveText(
      `${new Intl.NumberFormat('en-GB').format(Math.floor(days / 7))} times the pair’s median gap of 7 days, and longer than all 3 of its past gaps.`,
    );
    const featured = page.getByRole('region', { name: 'Featured pair' });
    await expect(featured.getByRole('list', { name: 'Gaps between held contacts' })).toContainText(
      '84 days to 13 May 2022',
    );
    await expect(featured.getByText('18 Feb 2022 → 13 May 2022')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Headline chart' }).locator('svg.recharts-surface')).toBeVisible();
    // Where sources disagree a gap is a range, not one number.
    await page.goto('/?level=offices');
    const offices = page.getByRole('region', { name: /Running silences between offices/ });
    await expect(offices.getByRole('listitem').filter({ hasText: 'Chief of the General Staff' })).toContainText(
      'Longest gap 90–97 days',
    );
  });

  test('puts a pair that breaks its rhythm above an older silence with no rhythm to break', async ({ api, page }) => {
    // Weekly calls, then silence since 26 January 2015: far beyond the pair's median gap of 7 days.
    const [a, b] = await api.pair();
    for (const date of ['2015-01-05', '2015-01-12', '2015-01-19', '2015-01-26']) await api.contact(a, b, { date });
    // One call in 2010: a longer silence, but with no past gap to measure it against.
    const [c, d] = await api.pair();
    await api.contact(c, d, { date: '2010-03-01' });

    await page.goto('/');
    await expect(page.getByText('Most unusual running silence', { exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(
      `days since ${a.name} and ${b.name} last held a contact`,
    );
    const all = page.getByRole('region', { name: /Running silences between officials/ });
    // The list of running silences stays longest first.
    await expect(all.getByRole('listitem').first()).toContainText(c.name);
    await expect(page.getByRole('region', { name: 'Unusual silences' })).toContainText(a.name);
    await expect(page.getByRole('region', { name: 'Unusual silences' })).not.toContainText(c.name);
    await screenshot(page, 'dashboard-unusual');
  });

  test('links each pair to its page, where the chart’s table and the numbers read 84', async ({ page }) => {
    await page.goto('/?level=offices');
    const all = page.getByRole('region', { name: /Running silences between offices/ });
    await all
      .getByRole('link', { name: 'Minister of Defence (Russia) — Secretary of Defense (United States)' })
      .click();
    await expect(page).toHaveURL(/\/pairs\/offices\/[^/]+\/[^/]+$/);
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
    await expect(page.getByText(/No running silences here\./)).toBeVisible();
    await page.getByRole('link', { name: 'Show every country' }).click();
    await expect(page).toHaveURL(/\/\?level=officials$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('No silence between officials is running');
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
