import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { account, signIn, storageState } from './auth';
import { screenshot } from './screenshots';

test.describe('signing in and out', () => {
  test('a researcher signs in, sees their role and the form link, and signs out', async ({ page, context }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await expect(page).toHaveTitle(/Sign in/);
    await expectAccessible(page);
    await screenshot(page, 'sign-in');
    await signIn(page, 'researcher');
    const menu = page.getByRole('button', { name: /Rhea Researcher · researcher/ });
    await expect(menu).toBeVisible();
    await expect(page.getByRole('link', { name: 'Log a contact' })).toBeVisible();

    const cookie = (await context.cookies()).find((c) => c.name.includes('session_token'));
    expect(cookie, 'a session cookie').toBeDefined();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    await menu.click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Log a contact' })).toHaveCount(0);
  });

  test('a wrong password says so and signs nobody in', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(account('researcher').email);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(
      'That email and password do not match an account.',
    );
    await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  });

  test('a viewer has no "Log a contact" link', async ({ page }) => {
    await signIn(page, 'viewer');
    await expect(page.getByRole('button', { name: /Vera Viewer · viewer/ })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Log a contact' })).toHaveCount(0);
  });

  test('signing in returns to the page that asked for it, and only to this site', async ({ page }) => {
    await page.goto('/sign-in?next=/account');
    await page.getByLabel('Email').fill(account('viewer').email);
    await page.getByLabel('Password', { exact: true }).fill(account('viewer').password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
    await page.goto('/sign-in?next=https://evil.example/');
    await expect(page).toHaveURL(/\/$/);
  });

  test('a return address that a browser would read as another site leads home instead', async ({ page }) => {
    const origin = new URL(test.info().project.use.baseURL!).origin;
    // %09 is a tab, which browsers drop: "/<tab>/evil.example" is "//evil.example", another host.
    await page.goto('/sign-in?next=/%09/evil.example');
    await page.getByLabel('Email').fill(account('viewer').email);
    await page.getByLabel('Password', { exact: true }).fill(account('viewer').password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: /Vera Viewer/ })).toBeVisible();
    await expect(page).toHaveURL(`${origin}/`);
    // Signed in, the sign-in page sends on at once: still only to this site.
    for (const next of ['/%09/evil.example', '/%5C/evil.example', '/%0A/evil.example', '//evil.example']) {
      await page.goto(`/sign-in?next=${next}`);
      await expect(page).toHaveURL(`${origin}/`);
    }
  });
});

test('reading the session is never rate-limited: a busy reader stays signed in', async ({ browser }) => {
  // Every page load asks for the session; 150 in a row from one address is a morning's reading.
  const context = await browser.newContext({
    storageState: storageState('researcher'),
  });
  const statuses = new Set<number>();
  let last: { user?: { email: string } } | null = null;
  for (let i = 0; i < 150; i += 1) {
    const response = await context.request.get('/api/auth/get-session');
    statuses.add(response.status());
    last = await response.json();
  }
  expect([...statuses]).toEqual([200]);
  expect(last?.user?.email).toBe(account('researcher').email);
  await context.close();
});

test('nobody can sign up on their own', async ({ request }) => {
  const response = await request.post('/api/auth/sign-up/email', {
    headers: { Origin: new URL(test.info().project.use.baseURL!).origin },
    data: { email: 'eve@example.org', password: 'a long password', name: 'Eve' },
  });
  expect(response.ok()).toBe(false);
  expect([400, 403, 404]).toContain(response.status());
});

test.describe('changing the password', () => {
  test('says what is wrong next to the field, then changes it', async ({ browser }) => {
    // A fresh session of its own, so the shared signed-in state of other tests is not signed out.
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, 'member');
    await page.goto('/account');
    await expectAccessible(page);
    await page.getByLabel('Current password').fill('wrong current password');
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('New password again').fill('different');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('Use at least 10 characters')).toBeVisible();
    await expect(page.getByText('The two new passwords differ')).toBeVisible();

    await page.getByLabel('New password', { exact: true }).fill('a brand new password');
    await page.getByLabel('New password again').fill('a brand new password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('That is not your current password')).toBeVisible();

    // Change it and change it back, so the account still signs in for other tests.
    const { password } = account('member');
    for (const [from, to] of [
      [password, 'a brand new password'],
      ['a brand new password', password],
    ]) {
      await page.getByLabel('Current password').fill(from);
      await page.getByLabel('New password', { exact: true }).fill(to);
      await page.getByLabel('New password again').fill(to);
      await page.getByRole('button', { name: 'Change password' }).click();
      await expect(page.getByRole('status')).toHaveText(/Password changed/);
    }
    await context.close();
  });
});

test('a signed-in state from the setup project is honoured', async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageState('admin') });
  const page = await context.newPage();
  await page.goto('/account');
  await expect(page.getByText('admin@e2e.test')).toBeVisible();
  await context.close();
});

test.describe('edit links on a pair page', () => {
  const pairPage = '/pairs/officials/lloyd-austin/sergei-shoigu';

  test('a researcher sees one beside each contact and it opens the edit page', async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageState('researcher') });
    const page = await context.newPage();
    await page.goto(pairPage);
    const edit = page.getByRole('link', { name: 'Edit the contact of 13 May 2022' });
    await edit.click();
    await expect(page.getByRole('heading', { name: 'Edit contact' })).toBeVisible();
    await context.close();
  });

  test('readers without the role see none', async ({ browser }) => {
    for (const [state, menu] of [
      // Exactly the header's link: the pair page's watch control offers "Sign in to watch this silence" too.
      [undefined, { role: 'link', name: /^Sign in$/ }],
      [storageState('viewer'), { role: 'button', name: /Vera Viewer/ }],
    ] as const) {
      const context = await browser.newContext({ storageState: state });
      const page = await context.newPage();
      await page.goto(pairPage);
      // The session has been read once the header shows who is there.
      await expect(page.getByRole(menu.role, { name: menu.name })).toBeVisible();
      await expect(page.getByRole('link', { name: /^Edit the contact/ })).toHaveCount(0);
      await context.close();
    }
  });
});
