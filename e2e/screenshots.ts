import path from 'node:path';
import type { Page } from '@playwright/test';

/** Saves a full-page screenshot under the test results, to look at after a run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join(process.env.TEST_RESULTS_DIR || 'test-results', 'screenshots');
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
