import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Fails on any serious or critical accessibility violation axe finds on the page as it stands. */
export async function expectAccessible(page: Page): Promise<void> {
  // Next.js streams a page's metadata: right after a server action re-renders the page, the title can
  // arrive a moment after the content. Every page has one (a check of its own), so wait for it.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  expect(serious, 'serious or critical accessibility violations').toEqual([]);
}
