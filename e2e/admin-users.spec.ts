import type { Browser, Page } from '@playwright/test';
import { contactBody, expect, test, uniqueTag } from './api-fixtures';
import { expectAccessible } from './axe';
import { storageState } from './auth';
import { screenshot } from './screenshots';

/*
 * Users and roles, end to end: an admin makes a researcher, who signs in in a
 * second browser, makes an API token and writes with it; the admin disables,
 * enables, resets and demotes them, and each change bites at once. The admin
 * cannot take away the last admin, not even their own. The new account stays
 * behind (accounts cannot be deleted) as a disabled viewer that nothing reads.
 */

async function researcherBrowser(browser: Browser) {
  // Signed out: the spec's admin state would otherwise carry over to this context.
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
  });
  return { context, page: await context.newPage() };
}

async function signInAs(page: Page, email: string, password: string) {
  await page.goto('/sign-in?next=/account');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('an admin manages users', () => {
  test.use({ storageState: storageState('admin') });

  test('make, token, disable, enable, reset and demote a researcher; each bites at once', async ({
    page,
    browser,
    api,
  }) => {
    test.setTimeout(120_000);
    const tag = uniqueTag();
    const name = `Nora Test ${tag}`;
    const email = `nora-${tag.toLowerCase()}@e2e.test`;

    // The admin makes the account, with a generated password shown once.
    await page.goto('/admin/users');
    await expect(page).toHaveTitle(/Users/);
    await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'admin-users');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page);
    await screenshot(page, 'admin-users-dark');
    await page.setViewportSize({ width: 360, height: 800 });
    await screenshot(page, 'admin-users-360');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme: 'light' });
    const form = page.getByRole('region', { name: 'New user' });
    await form.getByRole('button', { name: 'Make the account' }).click();
    await expect(form.getByRole('alert')).toHaveText('There are 2 problems to fix.');
    await expect(form.getByText(/Enter a name$/)).toBeVisible();
    await expect(form.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');

    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Role').selectOption('RESEARCHER');
    await form.getByRole('button', { name: 'Make the account' }).click();
    const made = form.getByRole('status').first();
    await expect(made).toContainText(`Account made for ${name}.`);
    const password = (await form.locator('#new-user-password').textContent())!;
    expect(password).toMatch(/^([a-zA-Z2-9]{5}-){3}[a-zA-Z2-9]{5}$/);
    await screenshot(page, 'admin-users-made');
    const manage = form.getByRole('link', { name: `Manage ${name}` });
    const userPath = (await manage.getAttribute('href'))!;
    expect(userPath).toMatch(/^\/admin\/users\/\w+$/);

    // The same email again is refused beside the field, and nothing is lost.
    await form.getByRole('button', { name: 'Make another account' }).click();
    await form.getByLabel('Name').fill('Someone Else');
    await form.getByLabel('Email').fill(email.toUpperCase());
    await form.getByRole('button', { name: 'Make the account' }).click();
    await expect(form.getByText('This email already has an account')).toBeVisible();
    await expect(form.getByLabel('Name')).toHaveValue('Someone Else');

    // The researcher signs in elsewhere, makes a token and logs a contact with it.
    const researcher = await researcherBrowser(browser);
    const rpage = researcher.page;
    await signInAs(rpage, email, password);
    await expect(rpage.getByRole('heading', { name: 'Your account' })).toBeVisible();
    const tokens = rpage.getByRole('region', { name: 'API tokens' });
    await tokens.getByLabel('Label').fill(`script ${tag}`);
    await tokens.getByLabel(/Expires after/).fill('0');
    await tokens.getByRole('button', { name: 'Make a token' }).click();
    await expect(tokens.getByText('Enter at least 1 day')).toBeVisible();
    await expect(tokens.getByLabel('Label')).toHaveValue(`script ${tag}`);
    await tokens.getByLabel(/Expires after/).fill('30');
    await tokens.getByRole('button', { name: 'Make a token' }).click();
    await expect(tokens.getByText(`Token “script ${tag}” made.`)).toBeVisible();
    const token = (await tokens.locator('#new-token').textContent())!;
    expect(token).toMatch(/^cp_/);
    await expect(tokens.locator('pre')).toContainText(`Authorization: Bearer ${token}`);
    await expect(tokens.getByLabel('Label')).toHaveValue('');
    await expect(tokens.getByRole('listitem').filter({ hasText: `script ${tag}` })).toContainText('Expires');
    await expectAccessible(rpage);
    await screenshot(rpage, 'account-api-tokens');
    await rpage.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(rpage);
    await screenshot(rpage, 'account-api-tokens-dark');
    await rpage.setViewportSize({ width: 360, height: 800 });
    await screenshot(rpage, 'account-api-tokens-360');
    expect(await rpage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    const [a, b] = await api.pair();
    const post = () =>
      api.request.post('/api/v1/contacts', {
        headers: { Authorization: `Bearer ${token}` },
        data: contactBody(a, b, { date: '2023-03-03' }),
      });
    expect((await post()).status()).toBe(201);

    // Disabled: the token is refused on the very next request, the open browser is signed out.
    await page.goto(userPath);
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'admin-user');
    await page.getByRole('button', { name: 'Disable account…' }).click();
    await page.getByLabel(/Reason/).fill('End-to-end test');
    await expectAccessible(page);
    await page.getByRole('button', { name: `Disable ${name}` }).click();
    await expect(page.getByRole('status').filter({ hasText: 'is disabled' })).toContainText(
      `${name} is disabled: they cannot sign in and their API tokens are refused. One session was ended.`,
    );
    const refused = await post();
    expect(refused.status()).toBe(401);
    await rpage.reload();
    await expect(rpage).toHaveURL(/\/sign-in\?next=(%2F|\/)account$/);
    // The right password of a disabled account is answered exactly as a wrong one, so the
    // answer does not tell a guesser that the password was right.
    await signInAs(rpage, email, password);
    await expect(rpage.getByRole('main').getByRole('alert')).toHaveText(
      'That email and password do not match an account.',
    );

    // Enabled again, then a password reset: the old password fails, the new one works.
    await page.getByRole('button', { name: 'Enable account…' }).click();
    await page.getByRole('button', { name: `Enable ${name}` }).click();
    await expect(page.getByRole('status').filter({ hasText: 'is enabled' })).toBeVisible();
    const reset = page.getByRole('region', { name: 'Reset password' });
    await reset.getByLabel('Type one').check();
    await reset.getByLabel('Temporary password').fill('short');
    await reset.getByRole('button', { name: 'Reset password' }).click();
    await expect(reset.getByText(/Use at least 10 characters$/)).toBeVisible();
    await expect(reset.getByLabel('Temporary password')).toHaveAttribute('aria-invalid', 'true');
    await reset.getByLabel('Generate a strong one').check();
    await reset.getByRole('button', { name: 'Reset password' }).click();
    await expect(page.getByText(`${name}’s password is reset`)).toBeVisible();
    const newPassword = (await page.locator('#reset-password-value').textContent())!;
    expect(newPassword).not.toBe(password);
    await screenshot(page, 'admin-user-reset');
    await page.setViewportSize({ width: 360, height: 800 });
    await screenshot(page, 'admin-user-360');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 720 });

    await signInAs(rpage, email, password);
    await expect(rpage.getByRole('main').getByRole('alert')).toHaveText(
      'That email and password do not match an account.',
    );
    await signInAs(rpage, email, newPassword);
    await expect(rpage.getByRole('heading', { name: 'Your account' })).toBeVisible();

    // A viewer's token may not write.
    await page.getByLabel('New role').selectOption('VIEWER');
    await page.getByRole('button', { name: 'Change role' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'is now viewer' })).toHaveText(`${name} is now viewer.`);
    expect((await post()).status()).toBe(403);

    // As a viewer they make no new tokens, but can still revoke theirs; a revoked token is refused at once.
    await rpage.reload();
    await expect(tokens.getByRole('button', { name: 'Make a token' })).toHaveCount(0);
    await expect(tokens).toContainText('Your role may not write');
    await tokens.getByRole('button', { name: 'Revoke…' }).click();
    await tokens.getByRole('button', { name: `Revoke script ${tag}` }).click();
    await expect(tokens.getByRole('status').filter({ hasText: 'is revoked' })).toBeVisible();
    await expect(tokens.getByRole('listitem').filter({ hasText: `script ${tag}` })).toContainText('Revoked');
    expect((await post()).status()).toBe(401);

    // A second admin's change in between is a conflict, and the form says what the account is now.
    await researcher.context.close();
    const other = await browser.newContext({ storageState: storageState('admin') });
    const otherPage = await other.newPage();
    await otherPage.goto(userPath);
    await otherPage.getByLabel('New role').selectOption('RESEARCHER');
    await otherPage.getByRole('button', { name: 'Change role' }).click();
    await expect(otherPage.getByRole('status').filter({ hasText: 'is now researcher' })).toBeVisible();
    await other.close();
    await page.getByLabel('New role').selectOption('ADMIN');
    await page.getByRole('button', { name: 'Change role' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('it is now researcher and enabled');
    await expect(page.getByLabel('New role')).toHaveValue('ADMIN');
    await page.reload();
    await expect(page.getByText(/is a researcher:/)).toBeVisible();

    // Leave the account disabled: nothing should sign in with it again.
    await page.getByRole('button', { name: 'Disable account…' }).click();
    await page.getByRole('button', { name: `Disable ${name}` }).click();
    await expect(page.getByRole('status').filter({ hasText: 'is disabled' })).toBeVisible();
  });

  test('the last admin can neither demote nor disable themselves', async ({ page }) => {
    await page.goto('/admin/users');
    await expect(page.getByText(/, 1 enabled admin\./)).toBeVisible();
    const me = page.getByRole('row').filter({ hasText: '(you)' });
    await me.getByRole('link').click();
    await expect(page.getByRole('heading', { name: /Ada Admin/, level: 1 })).toBeVisible();

    await page.getByLabel('New role').selectOption('RESEARCHER');
    await page.getByRole('button', { name: 'Change role' }).click();
    const main = page.getByRole('main');
    await expect(main.getByRole('alert')).toHaveText(
      'You cannot demote the last admin: make another account admin first, so that someone can still manage users.',
    );
    await page.getByRole('button', { name: 'Disable account…' }).click();
    await page.getByRole('button', { name: 'Disable Ada Admin' }).click();
    await expect(main.getByRole('alert').filter({ hasText: 'disable' })).toHaveText(
      'You cannot disable the last admin: make another account admin first, so that someone can still manage users.',
    );

    await page.reload();
    await expect(page.getByText('Ada Admin (you) is an admin:')).toBeVisible();
    await page.goto('/admin/users');
    await expect(page.getByRole('row').filter({ hasText: '(you)' })).toContainText('Admin');
    await expect(page.getByRole('row').filter({ hasText: '(you)' })).toContainText('Enabled');
  });
});
