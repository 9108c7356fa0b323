import { expect, type Locator, type Page } from '@playwright/test';

/** The contact form's participant type-ahead. */
export function participantsBox(page: Page): Locator {
  return page.getByRole('combobox', { name: 'Participants' });
}

/** Adds a participant by typing part of a name and picking the match with the keyboard. */
export async function addParticipant(page: Page, query: string, name: string) {
  const box = participantsBox(page);
  await box.fill(query);
  const option = page.getByRole('option', { name: new RegExp(name) });
  await expect(option).toBeVisible();
  await box.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(page.getByRole('list', { name: 'Chosen participants' })).toContainText(name);
}
