import { expect, test } from '@playwright/test';
import { screenshot } from './screenshots';

test.describe('home page', () => {
  test('shows the founding story: the 84-day silence between Austin and Shoigu, and the silence since', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page).toHaveTitle(/Counterpart/);
    const pair = page.getByRole('article', { name: /Lloyd Austin.*Sergei Shoigu/ });
    await expect(pair).toBeVisible();
    const gaps = pair.getByRole('list', { name: 'Gaps between held contacts' });
    await expect(gaps.getByRole('listitem').first()).toContainText('84 days to 13 May 2022');
    await expect(pair.getByText(/without a held contact, since 13 May 2022/)).toBeVisible();
    await expect(pair.getByText('18 Feb 2022 → 13 May 2022')).toBeVisible();

    // Where sources disagree the gap is a range, not a single number.
    const milley = page.getByRole('article', { name: /Mark Milley.*Valery Gerasimov/ });
    await expect(milley.getByRole('list', { name: 'Gaps between held contacts' })).toContainText('90–97 days');
    await screenshot(page, 'home');
  });

  test('is readable on a phone', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'home-phone');
  });

  test('links to an official’s profile with other spellings and positions', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Sergei Shoigu' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sergei Shoigu' })).toBeVisible();
    await expect(page.getByText(/Also written.*Шойгу/)).toBeVisible();
    await expect(page.getByText('6 Nov 2012 – 12 May 2024')).toBeVisible();
    await screenshot(page, 'official');
  });

  test('answers an unknown official with a 404 page', async ({ page }) => {
    const response = await page.goto('/officials/no-such-person');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  });
});
