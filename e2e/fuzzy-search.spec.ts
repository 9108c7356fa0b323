import { storageState } from './auth';
import { COUNTRY_A, expect, test, uniqueTag } from './api-fixtures';
import { expectAccessible } from './axe';
import { screenshot } from './screenshots';

/*
 * Any spelling finds the official: misspelt, transliterated another way, or in another script. Sergei Shoigu
 * is the demo data's (read, never changed); the invented official is this test's own, with a unique word.
 */

type Hit = { name: string; matchedName: string | null };

test.describe('search by any spelling', () => {
  for (const spelling of ['Schoigu', 'Sergej Schojgu', 'Шойгу']) {
    test(`the search page finds Sergei Shoigu first for “${spelling}”`, async ({ page }) => {
      await page.goto('/');
      await page.getByRole('searchbox', { name: 'Search officials and contacts' }).fill(spelling);
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\/search\?q=/);
      const officials = page.getByRole('region', { name: /Officials/ });
      await expect(officials.getByRole('listitem').first().getByRole('link')).toHaveText('Sergei Shoigu');
      // His contacts are found by the same spelling.
      await expect(page.getByRole('region', { name: /Contacts/ })).toContainText('13 May 2022');
      if (spelling !== 'Sergej Schojgu') {
        await screenshot(page, `fuzzy-search-${spelling === 'Шойгу' ? 'cyrillic' : 'misspelt'}`);
        await expectAccessible(page);
      }
    });
  }

  test('the API finds misspellings and other scripts, closest first, and says which spelling matched', async ({
    api,
    request,
  }) => {
    const tag = uniqueTag();
    const made = await api.official({
      name: `Vsevolod Chernyshov ${tag}`,
      country: COUNTRY_A,
      otherNames: [`Всеволод Чернышов ${tag}`],
    });
    const search = async (q: string) => {
      const response = await request.get(`/api/v1/officials?q=${encodeURIComponent(q)}`);
      expect(response.status()).toBe(200);
      return ((await response.json()) as { items: Hit[] }).items;
    };
    for (const q of [`Wsewolod Tschernyschow ${tag}`, `Chernishov ${tag}`, `Чернышов ${tag}`]) {
      const items = await search(q);
      expect(
        items.map((o) => o.name),
        q,
      ).toEqual([made.name]);
    }
    expect((await search(`Чернышов ${tag}`))[0].matchedName).toBe(`Всеволод Чернышов ${tag}`);
    expect((await search(`Chernishov ${tag}`))[0].matchedName).toBe(null);
    const shoigu = await search('Schoigu');
    expect(shoigu[0].name).toBe('Sergei Shoigu');
  });
});

test.describe('the participants type-ahead', () => {
  test.use({ storageState: storageState('researcher') });

  test('finds Sergei Shoigu by “Schoigu” and by “Шойгу”, with the keyboard', async ({ page }) => {
    await page.goto('/contacts/new');
    const box = page.getByRole('combobox', { name: 'Participants' });
    await box.fill('Schoigu');
    const option = page.getByRole('option', { name: /Sergei Shoigu/ });
    await expect(option).toBeVisible();
    await box.press('ArrowDown');
    await expect(page.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('option').first()).toContainText('Sergei Shoigu');
    await expect(box).toHaveAttribute('aria-activedescendant', /.+/);
    await box.press('Escape');
    await expect(page.getByRole('listbox', { name: 'Matching officials' })).toBeHidden();

    await box.fill('Шойгу');
    await expect(option).toBeVisible();
    // The spelling that matched is shown beside the name.
    await expect(option).toContainText('also written Шойгу');
    await box.press('ArrowDown');
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await box.press('Enter');
    await expect(page.getByRole('list', { name: 'Chosen participants' })).toContainText('Sergei Shoigu');
    await expect(box).toBeFocused();
    await expect(box).toHaveValue('');
  });
});
