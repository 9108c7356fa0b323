import { expect, type Locator } from '@playwright/test';

/**
 * Waits until React has hydrated the element: until then a date typed into a
 * controlled date field is put back to the server-rendered value (a text field's
 * typing is replayed, a date field's is not), and a slow machine shows it.
 * React keeps an element's props on the element itself once it owns it.
 */
export async function hydrated(element: Locator): Promise<void> {
  await expect
    .poll(() => element.evaluate((node) => Object.keys(node).some((key) => key.startsWith('__reactProps$'))), {
      message: 'the page became interactive (React hydrated it)',
    })
    .toBe(true);
}
