import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

/** The accounts scripts/test.ts creates in the end-to-end database. */
export type AccountName = 'viewer' | 'researcher' | 'researcher2' | 'admin' | 'member';

type Account = { email: string; password: string; name: string; role: string; token: string };

let accounts: Record<AccountName, Account> | undefined;

/** An account's email, password, name, role and API token. */
export function account(name: AccountName): Account {
  const file = process.env.E2E_ACCOUNTS_FILE;
  if (!file) throw new Error('Run the end-to-end tests with `npm run test:e2e`, which creates the test accounts.');
  accounts ??= JSON.parse(readFileSync(file, 'utf8')) as Record<AccountName, Account>;
  return accounts[name];
}

/** Where the setup project saved a signed-in browser state for the account. */
export function storageState(name: AccountName): string {
  return path.resolve(process.env.TEST_RESULTS_DIR || 'test-results', 'auth', `${name}.json`);
}

/** Headers that make an API request as the account. */
export function bearer(name: AccountName): Record<string, string> {
  return { Authorization: `Bearer ${account(name).token}` };
}

/** Signs in through the sign-in page and waits until the header shows the account. */
export async function signIn(page: Page, name: AccountName): Promise<void> {
  const { email, password, name: displayName } = account(name);
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: new RegExp(displayName) })).toBeVisible();
}
