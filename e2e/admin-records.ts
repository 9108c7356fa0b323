import type { Locator, Page } from '@playwright/test';
import { expect, test, uniqueTag, type Official, type WriteApi } from './api-fixtures';
import { expectAccessible } from './axe';
import { hydrated } from './hydration';
import { screenshot } from './screenshots';

/*
 * What the channel and event specs share: both admin pages list records, make one with a "New" form, open
 * one to edit and delete it behind a confirmation, and draw their records on the pair charts.
 */

/** An admin page of records, in its own words. */
type AdminRecordPage = {
  /** The page that lists the records and holds the New form, e.g. `/admin/channels`. */
  path: string;
  /** One record, lower case, as the page's buttons and headings name it: `channel`, `event`. */
  noun: string;
  /** The accessible name of the page's list of records. */
  listName: string;
  /** A field of the form that works only once React has hydrated it. */
  lateField: string;
};

/**
 * Making, opening and deleting records of one admin page. Whatever a test made and did not delete itself
 * is deleted after it, so a failing test leaves nothing behind for the specs that read the same pairs.
 */
export function adminRecordPage(kind: AdminRecordPage) {
  const Noun = kind.noun[0].toUpperCase() + kind.noun.slice(1);
  /** The edit pages of the records each test made. */
  const made: string[] = [];

  async function confirmDelete(page: Page) {
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: `Yes, delete this ${kind.noun}` }).click();
    await expect(page.getByRole('heading', { name: `${Noun} deleted` })).toBeVisible();
  }

  test.afterEach(async ({ page }) => {
    for (const href of made.splice(0)) {
      // Gone already when the test deleted it itself; otherwise its Delete button must be there.
      const response = await page.goto(href);
      if (response?.status() === 404) continue;
      await confirmDelete(page);
    }
  });

  /** The record's edit form. */
  const editForm = (page: Page): Locator => page.getByRole('form', { name: `Edit ${kind.noun}` });

  /** Fills the New form's fields (by label, in the order given) and adds the record called `name`. */
  async function create(page: Page, name: string, fields: Record<string, string>) {
    await page.goto(kind.path);
    const form = page.getByRole('form', { name: `New ${kind.noun}` });
    await hydrated(form.getByLabel(kind.lateField));
    for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
    await form.getByRole('button', { name: `Add ${kind.noun}` }).click();
    await expect(form.getByRole('status')).toContainText(`${Noun} “${name}” created`);
    made.push((await form.getByRole('status').getByRole('link', { name: 'Edit it' }).getAttribute('href'))!);
  }

  /** Opens the record called `name` from the list, ready to edit. */
  async function open(page: Page, name: string) {
    await page.goto(kind.path);
    await page.getByRole('list', { name: kind.listName }).getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { name: `Edit ${kind.noun}` })).toBeVisible();
    await hydrated(page.getByLabel(kind.lateField));
  }

  /** Opens the record called `name` and deletes it. */
  async function remove(page: Page, name: string) {
    await open(page, name);
    await confirmDelete(page);
  }

  return { create, open, remove, editForm };
}

/**
 * Officials of NO, FI and SE (each with the fields `official` gives), and contacts NO–FI and FI–SE on 10 Jan
 * and 13 May 2022: none touches the US or Russia, so the demo pair pages other specs read stay as they were.
 */
export async function nordicPairs(
  api: WriteApi,
  official: (country: string, tag: string) => { name: string } & Record<string, unknown>,
) {
  const tag = uniqueTag();
  const make = (country: string) => api.official({ country, ...official(country, tag) });
  const [no, fi, se] = [await make('NO'), await make('FI'), await make('SE')];
  for (const date of ['2022-01-10', '2022-05-13']) {
    await api.contact(no, fi, { date });
    await api.contact(fi, se, { date });
  }
  return { tag, no, fi, se };
}

/** The page of two officials' pair. */
export const officialPair = (a: Official, b: Official) => `/pairs/officials/${a.slug}/${b.slug}`;

/** The gap chart's text (a reference line's or area's label) that contains `text`. */
export function chartLabel(page: Page, text: string): Locator {
  return page.getByTestId('gap-chart').locator('svg text', { hasText: text });
}

/** The page as it stands fits its width (nothing to scroll sideways), passes the accessibility scan, and is shot. */
export async function expectFitsAndShoot(page: Page, name: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expectAccessible(page);
  await screenshot(page, name);
}

/** The pair page at `href` draws its chart, and no label of it contains `text`. */
export async function expectChartWithout(page: Page, href: string, text: string) {
  await page.goto(href);
  await expect(page.getByTestId('gap-chart').locator('svg.recharts-surface')).toBeVisible();
  await expect(chartLabel(page, text)).toHaveCount(0);
}
