import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { disconnectDb, getDb } from '../lib/db';
import { nameSearchFields } from '../lib/names';
import { test as apiTest } from './api-fixtures';
import { expectAccessible } from './axe';
import { screenshot } from './screenshots';

const AUSTIN_SHOIGU = '/pairs/officials/lloyd-austin/sergei-shoigu';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The page's own "today" (UTC), as its gap table prints it in the running
 * silence's row ("today, 4 Dec 2026"): every expected figure is counted from
 * it, never from the runner's clock, so the spec agrees with the page on any day.
 */
async function pageToday(page: Page): Promise<string> {
  const cell = gapTable(page).locator('tbody td', { hasText: /^today, / });
  await expect(cell).toHaveCount(1);
  const [, day, month, year] = /^today, (\d{1,2}) ([A-Z][a-z]{2}) (\d{4})$/.exec((await cell.innerText()).trim()) ?? [];
  expect(MONTHS, `the page's today: ${await cell.innerText()}`).toContain(month);
  return `${year}-${String(MONTHS.indexOf(month) + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** Days between two ISO dates, as the gap engine counts a running silence. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Days from an ISO date to the page's today. */
async function daysSince(page: Page, date: string): Promise<number> {
  return daysBetween(date, await pageToday(page));
}

/** "more than N times as long": the running silence over the longest past gap, rounded down. */
function timesAsLong(silenceDays: number, longestGapDays: number): number {
  return Math.floor(silenceDays / longestGapDays);
}

const formatted = (n: number) => new Intl.NumberFormat('en-GB').format(n);

/** An ISO date as the page writes it: "4 Dec 2026". */
function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

function gapTable(page: Page): Locator {
  return page.getByRole('table', { name: /Every silence between held contacts/ });
}

/** The Days column of every row of the gap table, running silence last. */
async function tableDays(page: Page): Promise<string[]> {
  const rows = gapTable(page).locator('tbody tr');
  // After a client navigation the page may still be streaming in behind its skeleton.
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[1]?.textContent?.trim() ?? ''));
}

/** Presses Tab until a bar of the gap chart has the focus; returns its label. */
async function tabToChart(page: Page): Promise<string> {
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() =>
      document.activeElement?.hasAttribute('data-bar-index') ? document.activeElement.getAttribute('aria-label') : null,
    );
    if (label) return label;
  }
  throw new Error('Tab never reached a bar of the gap chart');
}

test.describe('pair page', () => {
  test('tells the Austin–Shoigu story: 84 days, the refusal inside it, and the silence that closed when Shoigu left', async ({
    page,
  }) => {
    // Shoigu's Ministry of Defence tenure ended on 12 May 2024 (the demo data): the silence since their call of
    // 13 May 2022 closed that day, so these figures do not depend on the day the spec runs.
    const closedDays = daysBetween('2022-05-13', '2024-05-12');
    expect(closedDays).toBe(730);
    await page.goto(AUSTIN_SHOIGU);
    await expect(page).toHaveTitle('Lloyd Austin – Sergei Shoigu · Counterpart');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      `${formatted(closedDays)} days without a call, until Sergei Shoigu left office`,
    );
    await expect(
      page.getByText(
        `No contact in the last ${formatted(closedDays)} days they were both in office; closed when Sergei Shoigu left office on 12 May 2024.`,
      ),
    ).toBeVisible();
    await expect(
      page.getByText('The last call between Lloyd Austin and Sergei Shoigu was on 13 May 2022.'),
    ).toBeVisible();
    const description = await page.locator('meta[name="description"]').getAttribute('content');
    expect(description).toContain(
      `${formatted(closedDays)} days without a call, until Sergei Shoigu left office, between Lloyd Austin and Sergei Shoigu`,
    );

    // The data table reads like the chart: no running silence, the closed one last.
    const row = gapTable(page).getByRole('row').filter({ hasText: '18 Feb 2022' }).filter({ hasText: '13 May 2022' });
    await expect(row.getByRole('cell', { name: '84', exact: true })).toBeVisible();
    await expect(row).toContainText('Lloyd Austin sought a call — refused');
    expect(await tableDays(page)).toEqual(['84', formatted(closedDays)]);
    await expect(gapTable(page).locator('tbody td', { hasText: /^today, / })).toHaveCount(0);
    await expect(gapTable(page).getByRole('row').filter({ hasText: '12 May 2024' })).toContainText(
      'closed: Sergei Shoigu left office',
    );

    const stats = page.getByRole('region', { name: 'In numbers' });
    await expect(stats.getByRole('definition').filter({ hasText: '13 May 2022 → 12 May 2024' })).toContainText(
      `${formatted(closedDays)} days`,
    );
    await expect(stats).toContainText('Last silence (closed)');
    await expect(stats).toContainText(
      'closed when Sergei Shoigu left office on 12 May 2024; longer than its one past gap',
    );
    await expect(stats).not.toContainText('Current silence');

    // The chart: the 84-day bar, then the closed silence ending on the leaving day, drawn unlike a running one.
    const chart = page.getByTestId('gap-chart');
    await expect(chart.locator('svg.recharts-surface')).toBeVisible();
    const bars = chart.locator('[data-bar-index]');
    await expect(bars).toHaveCount(2);
    await expect(bars.nth(0)).toHaveAttribute('aria-label', '84 days, 18 Feb 2022 to 13 May 2022, ended by a call');
    await expect(bars.nth(1)).toHaveAttribute(
      'aria-label',
      `${formatted(closedDays)} days, 13 May 2022 to 12 May 2024, closed when Sergei Shoigu left office: no longer running`,
    );
    await expect(bars.nth(1).locator('[data-closed]')).toHaveCount(1);
    await expect(chart.locator('svg text', { hasText: 'and counting' })).toHaveCount(0);
    await expect(chart.locator('svg text', { hasText: 'closed: Sergei Shoigu left office' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Legend' })).toContainText(
      'Silence closed when an official left office',
    );
    await expect(chart.locator('svg text', { hasText: 'Russia invades Ukraine' })).toBeVisible();
    await expect(chart.locator('svg text', { hasText: 'US–Russia deconfliction line set up' })).toBeVisible();
    await expect(chart.locator('[data-marker="REFUSED"]')).toHaveCount(1);
    await expect(
      page.getByRole('heading', {
        name: `The last silence, ${formatted(closedDays)} days, was the longest: it closed when Sergei Shoigu left office`,
      }),
    ).toBeVisible();
    await expect(
      page.getByText(/Source: Counterpart, from 3 sourced contacts; today = \d{1,2} [A-Z][a-z]{2} \d{4} \(UTC\)\./),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: 'How gaps are counted' })).toHaveAttribute('href', '/methodology');

    // Timeline: sources quoted, the gap each call ended, and the departure that closed the last.
    const timeline = page.getByRole('region', { name: 'Every contact, with its sources' });
    await expect(timeline.getByText('Ended a silence of 84 days, since 18 Feb 2022.')).toBeVisible();
    await expect(timeline.locator('[data-closed-silence]')).toContainText('12 May 2024');
    await expect(timeline.locator('[data-closed-silence]')).toContainText(
      `Sergei Shoigu left office. No contact in the last ${formatted(closedDays)} days they were both in office`,
    );
    await expect(timeline.getByText('and counting')).toHaveCount(0);
    await expect(timeline.getByRole('link', { name: 'Axios' })).toHaveAttribute(
      'href',
      'https://www.axios.com/2022/05/13/lloyd-austin-russian-minister-of-defense-invasion',
    );
    await expect(timeline.locator('blockquote').first()).toBeVisible();
    await screenshot(page, 'pair-officials');
  });

  test('shows the same tooltip on keyboard focus as on hover, and moves between bars with the arrows', async ({
    page,
  }) => {
    await page.goto(AUSTIN_SHOIGU);
    await expect(page.getByTestId('gap-chart').locator('[data-bar-index]').first()).toBeAttached();
    const label = await tabToChart(page);
    expect(label).toBe('84 days, 18 Feb 2022 to 13 May 2022, ended by a call');
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip).toContainText('84 days');
    await expect(tooltip).toContainText('18 Feb 2022 → 13 May 2022');
    await expect(tooltip).toContainText('Lloyd Austin sought a call — refused');
    await page.keyboard.press('ArrowRight');
    await expect(tooltip).toContainText('Closed when Sergei Shoigu left office on 12 May 2024; no longer running');
    await expect(tooltip).toContainText('13 May 2022 → 12 May 2024');
    await expect(tooltip).not.toContainText('and counting');
    await page.keyboard.press('Escape');
    await expect(tooltip).toBeHidden();
    // The chart is one stop in the tab order: the next Tab leaves it.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Download the chart as SVG' })).toBeFocused();

    await page.getByTestId('gap-chart').locator('[data-bar-index="0"]').hover();
    await expect(tooltip).toContainText('Ended by a call');
  });

  test('switches to the office pair and the country pair, and back', async ({ page }) => {
    await page.goto(AUSTIN_SHOIGU);
    const levels = page.getByRole('navigation', { name: 'This pair at other levels' });
    await levels.getByRole('link', { name: 'Offices' }).click();
    await expect(page).toHaveURL(/\/pairs\/offices\/US(%3A|:)SECDEF\/RU(%3A|:)MINDEF$/);
    await expect(page).toHaveTitle('US Secretary of Defense – RU Minister of Defence · Counterpart');
    // Whoever left, the offices' silence runs on: an open bar up to today.
    const officeSilence = await daysSince(page, '2022-05-13');
    // The chart's source line names the same today as the table.
    await expect(
      page.getByText(
        `Source: Counterpart, from 3 sourced contacts; today = ${formatDate(await pageToday(page))} (UTC).`,
      ),
    ).toBeVisible();
    expect(await tableDays(page)).toEqual(['84', formatted(officeSilence)]);
    await expect(
      page.getByRole('heading', {
        name: `The current silence is more than ${timesAsLong(officeSilence, 84)} times as long as any before it`,
      }),
    ).toBeVisible();
    await expect(page.getByTestId('gap-chart').locator('[data-bar-index]').nth(1)).toHaveAttribute(
      'aria-label',
      new RegExp(`^${formatted(officeSilence)} days and counting`),
    );
    await expect(page.getByRole('region', { name: 'Officials in this pair' })).toContainText(
      'Lloyd Austin – Sergei Shoigu',
    );

    await levels.getByRole('link', { name: 'Countries' }).click();
    await expect(page).toHaveURL(/\/pairs\/countries\/US\/RU$/);
    await expect(page).toHaveTitle('United States – Russia · Counterpart');
    // 11 Feb (Milley–Gerasimov) → 18 Feb → 13 May (Austin–Shoigu) → 19 May (Milley–Gerasimov).
    expect(await tableDays(page)).toEqual(['7', '84', '6', formatted(await daysSince(page, '2022-05-19'))]);
    await expect(gapTable(page).getByRole('row').filter({ hasText: '11 Feb 2022' })).toContainText('0–7');
    await expect(page.getByTestId('gap-chart').locator('[data-marker="REFUSED"]')).toHaveCount(2);
    await screenshot(page, 'pair-countries');

    await levels.getByRole('link', { name: 'Officials' }).click();
    await expect(page).toHaveURL(/\/pairs\/officials\/mark-milley\/valery-gerasimov$/);
  });

  test('shows a disputed date as a range and keeps both sources', async ({ page }) => {
    await page.goto('/pairs/officials/mark-milley/valery-gerasimov');
    const row = gapTable(page).getByRole('row').filter({ hasText: '11 Feb 2022' });
    await expect(row).toContainText('90–97');
    await expect(row).toContainText('dates disputed');
    // The closed silence is the longest gap now; the disputed one still sets the median.
    await expect(page.getByRole('region', { name: 'In numbers' })).toContainText('498 days');
    await expect(page.getByText('The Hill dates this call 18 Feb 2022')).toBeVisible();
    await expect(page.getByText('Approximate or disputed (range marked)')).toBeVisible();
    // The expected call of 13 May was fulfilled on 19 May.
    await expect(page.getByText('expected, fulfilled by the call of 19 May 2022')).toBeVisible();
    // Milley left the chairmanship on 29 September 2023: the silence since 19 May 2022 closed then.
    expect(await tableDays(page)).toEqual(['97', formatted(daysBetween('2022-05-19', '2023-09-29'))]);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('until Mark Milley left office');
    await screenshot(page, 'pair-disputed');

    // The offices run on: up close, the past silence fills the chart and the running one is named off the scale.
    await page.goto('/pairs/offices/US:CJCS/RU:CGS');
    await expect(gapTable(page).getByRole('row').filter({ hasText: '11 Feb 2022' })).toContainText('90–97');
    const chart = page.getByTestId('gap-chart');
    await page.getByRole('button', { name: 'Past silences up close' }).click();
    await expect(page.getByRole('button', { name: 'Past silences up close' })).toHaveAttribute('aria-pressed', 'true');
    await expect(chart.locator('[data-bar-index]')).toHaveCount(1);
    await expect(chart.locator('svg text', { hasText: 'off this scale' })).toBeVisible();
    await expect(chart.locator('[data-marker]')).toHaveCount(2);
  });

  test('downloads the chart as a standalone SVG and as a PNG', async ({ page }) => {
    await page.goto(AUSTIN_SHOIGU);
    await expect(page.getByTestId('gap-chart').locator('svg.recharts-surface')).toBeVisible();

    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the chart as SVG' }).click(),
    ]);
    expect(svg.suggestedFilename()).toBe('counterpart-lloyd-austin-sergei-shoigu-gaps.svg');
    const markup = await readFile((await svg.path())!, 'utf8');
    expect(markup.startsWith('<svg')).toBe(true);
    expect(markup).toContain('The last silence, 730 days, was the longest: it closed when Sergei Shoigu left office');
    expect(markup).toContain('Silence closed when an official left office');
    expect(markup).toContain('Russia invades Ukraine');
    expect(markup).toContain('Source: Counterpart');
    expect(markup).not.toContain('var(--');

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the chart as PNG' }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('counterpart-lloyd-austin-sergei-shoigu-gaps.png');
    const bytes = await readFile((await png.path())!);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');

    // The data behind the chart, from the export API, and the pair's feed.
    const csv = page.getByRole('link', { name: 'The gaps as CSV' });
    await expect(csv).toHaveAttribute('href', '/api/v1/gaps/export?format=csv&a=lloyd-austin&b=sergei-shoigu');
    for (const link of [
      csv,
      page.getByRole('link', { name: 'The gaps as JSON' }),
      page.getByRole('link', { name: /Atom feed/ }),
    ]) {
      const response = await page.request.get((await link.getAttribute('href'))!);
      expect(response.status()).toBe(200);
    }
  });

  test('answers the reversed pair, lower-case codes and merged officials at one address', async ({ page }) => {
    const reversed = await page.goto('/pairs/officials/sergei-shoigu/lloyd-austin');
    expect(reversed?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('days without a call');
    expect(await tableDays(page)).toEqual(['84', '730']);

    await page.goto('/pairs/countries/us/ru');
    await expect(page).toHaveURL(/\/pairs\/countries\/US\/RU$/);

    const db = getDb();
    const austin = await db.official.findUniqueOrThrow({ where: { slug: 'lloyd-austin' }, select: { id: true } });
    const slug = `austin-duplicate-${randomBytes(4).toString('hex')}`;
    const duplicate = await db.official.create({
      data: {
        slug,
        name: `Duplicate ${slug}`,
        ...nameSearchFields(`Duplicate ${slug}`),
        country: 'US',
        mergedIntoId: austin.id,
      },
    });
    try {
      await page.goto(`/pairs/officials/${slug}/sergei-shoigu`);
      await expect(page).toHaveURL(new RegExp(`${AUSTIN_SHOIGU}$`));
    } finally {
      await db.official.delete({ where: { id: duplicate.id } });
    }
  });

  test('answers unknown pairs with 404', async ({ page }) => {
    for (const path of [
      '/pairs/officials/lloyd-austin/no-such-person',
      '/pairs/officials/lloyd-austin/mark-milley',
      '/pairs/countries/US/US',
      '/pairs/countries/US/XX',
      '/pairs/offices/US:SECDEF/RU:NOPE',
      '/pairs/people/lloyd-austin/sergei-shoigu',
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  });

  apiTest('says so when a pair has no held contact yet, and shows its markers', async ({ api, page }) => {
    // Written through the API, as a researcher would, so the pair's statistics and cached pages follow.
    const [a, b] = await api.pair();
    await api.contact(a, b, {
      date: '2024-03-05',
      status: 'REFUSED',
      initiator: a.slug,
      summary: 'A call was sought and declined.',
      sources: [{ url: 'https://example.org/readout', publisher: 'Example readout' }],
    });
    await page.goto(`/pairs/officials/${a.slug}/${b.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('No held contact yet');
    await expect(page.getByText('1 sought, refused or expected contact is recorded below.')).toBeVisible();
    await expect(gapTable(page).getByRole('row').filter({ hasText: 'Before the first held contact' })).toContainText(
      `${a.name} sought a call — refused`,
    );
    await expect(page.getByTestId('gap-chart').locator('[data-marker="REFUSED"]')).toHaveCount(1);
    await expect(page.getByTestId('gap-chart').locator('[data-bar-index]')).toHaveCount(0);
    await screenshot(page, 'pair-empty');
    await expectAccessible(page);
  });

  test('is readable on a phone, without horizontal scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(AUSTIN_SHOIGU);
    await expect(page.getByTestId('gap-chart').locator('svg.recharts-surface')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'pair-officials-phone');
  });

  test('has no serious accessibility problems, in light and dark', async ({ page }) => {
    // Two axe scans of a long page (light and dark): past 30 s on a busy machine.
    test.slow();
    await page.goto(AUSTIN_SHOIGU);
    await expect(page.getByTestId('gap-chart').locator('svg.recharts-surface')).toBeVisible();
    await expectAccessible(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page);
    await screenshot(page, 'pair-officials-dark');
    await page.goto('/pairs/countries/US/RU');
    await expect(page.getByTestId('gap-chart').locator('svg.recharts-surface')).toBeVisible();
    await expectAccessible(page);
  });

  test.afterAll(async () => {
    await disconnectDb();
  });
});

test.describe('pair page before JavaScript runs', () => {
  test.use({ javaScriptEnabled: false });

  test('serves the numbers and reserves the chart’s height', async ({ page }) => {
    await page.goto(AUSTIN_SHOIGU);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('days without a call');
    expect(await tableDays(page)).toEqual(['84', '730']);
    await expect(page.getByRole('region', { name: 'In numbers' })).toContainText('730 days');
    await expect(page.getByRole('region', { name: 'In numbers' })).toContainText(
      'closed when Sergei Shoigu left office',
    );
    const box = await page.getByTestId('gap-chart').boundingBox();
    expect(box?.height).toBe(400);
  });
});

test('the chart does not move the page when it draws', async ({ page }) => {
  await page.goto(AUSTIN_SHOIGU);
  await expect(page.getByTestId('gap-chart').locator('svg.recharts-surface')).toBeVisible();
  const box = await page.getByTestId('gap-chart').boundingBox();
  expect(box?.height).toBe(400);
  const shift = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[]) total += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 300);
      }),
  );
  expect(shift).toBeLessThan(0.01);
});
