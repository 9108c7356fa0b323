import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { disconnectDb } from '../lib/db';
import { officialMaker, type Official } from './api-fixtures';
import { account, bearer, storageState } from './auth';
import { expectAccessible } from './axe';
import { addParticipant, participantsBox } from './participants';
import { screenshot } from './screenshots';

/*
 * Logging, editing, verifying and deleting contacts through the form. Each
 * test makes its own officials (unique names, via the API) so that it never
 * touches the demo contacts other specs read.
 */

/** A unique, pronounceable tag for names: type-ahead finds it and nothing else. */
function uniqueTag(): string {
  return `Q${randomBytes(3).toString('hex')}`;
}

/** The officials this test made; they are deleted, with all their contacts, when it ends. */
const officials = officialMaker();
const createOfficial = officials.create;

// A test's officials go when it ends, with all their contacts, so that specs reading
// the demo data (latest contacts, the US–RU country pair, search) see it unchanged.
test.afterEach(({ request }) => officials.removeAll(request));

test.afterAll(async () => {
  await disconnectDb();
});

/** A US official and a Russian one (with a Cyrillic spelling), named with the tag. */
async function freshPair(request: APIRequestContext, tag = uniqueTag()) {
  const us = await createOfficial(request, { name: `Harriet Whitcombe ${tag}`, country: 'US' });
  const ru = await createOfficial(request, {
    name: `Pyotr Voronin ${tag}`,
    country: 'RU',
    otherNames: [`Пётр Воронин ${tag}`],
  });
  return { tag, us, ru };
}

async function logViaApi(
  request: APIRequestContext,
  body: { date: string; participants: string[]; status?: string; summary?: string; type?: string },
): Promise<{ id: string; version: number }> {
  const response = await request.post('/api/v1/contacts', {
    headers: bearer('researcher'),
    data: { type: 'CALL', status: 'HELD', sources: [{ url: 'https://example.org/readout' }], ...body },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; version: number };
}

async function contactsOf(request: APIRequestContext, official: Official) {
  const response = await request.get(`/api/v1/contacts?official=${official.slug}&pageSize=100`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as { total: number; items: { id: string; summary: string | null }[] };
}

/** Presses Tab until the locator has the focus: proves it is in the tab order, and gets there by keyboard. */
async function tabTo(page: Page, target: Locator, limit = 60) {
  for (let i = 0; i < limit; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the element');
}

test.describe('log a contact', () => {
  test.use({ storageState: storageState('researcher') });

  test('says which silence the call ended, and the pair page shows it', async ({ page, request }) => {
    // The whole flow with two accessibility scans and the pair page: past 30 s beside a bench on two cores.
    test.slow();
    const { tag, us, ru } = await freshPair(request);
    await logViaApi(request, { date: '2022-02-18', participants: [us.slug, ru.slug] });

    await page.goto('/contacts/new');
    await expect(page).toHaveTitle('Log a contact · Counterpart');
    await expect(page.getByRole('heading', { level: 1, name: 'Log a contact' })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'log-contact');

    await addParticipant(page, `Whitcombe ${tag}`, us.name);
    // Any spelling: the Cyrillic one finds the same official.
    await addParticipant(page, `Воронин ${tag}`, ru.name);
    await expect(page.getByRole('listbox', { name: 'Matching officials' })).toBeHidden();
    await page.getByLabel('Date', { exact: true }).fill('2022-05-13');
    await page.getByLabel('Duration (optional)').fill('60');
    await page.getByLabel('Initiator (optional)', { exact: true }).selectOption({ label: `${us.name} (US)` });
    await page.getByLabel(/^Summary/).fill(`The first call since February (${tag}).`);
    await page
      .getByLabel('URL', { exact: true })
      .fill('https://www.defense.gov/News/Releases/Release/Article/3031000/');
    await page.getByLabel(/^Publisher/).fill('US Department of Defense');
    await page.getByRole('button', { name: 'Log contact' }).click();

    const saved = page.getByRole('heading', { name: 'Contact logged' });
    await expect(saved).toBeFocused();
    await expect(
      page.getByText(`Ends an 84-day silence between ${us.name} and ${ru.name} (since 18 Feb 2022).`),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: 'Edit this contact' })).toHaveAttribute(
      'href',
      /^\/contacts\/[^/]+\/edit$/,
    );
    await expectAccessible(page);
    await screenshot(page, 'log-contact-saved');

    await page.getByRole('link', { name: /See it on the pair page/ }).click();
    await expect(page).toHaveURL(new RegExp(`/pairs/officials/${us.slug}/${ru.slug}#contact-`));
    const timeline = page.getByRole('region', { name: 'Every contact, with its sources' });
    await expect(timeline.getByText('Ended a silence of 84 days, since 18 Feb 2022.')).toBeVisible();
    await expect(timeline.getByText(`The first call since February (${tag}).`)).toBeVisible();
  });

  test('can be filled in with the keyboard alone', async ({ page, request }) => {
    // Every field by Tab and keys, then the save and an accessibility scan: past 30 s on a busy machine.
    test.slow();
    const { tag, us, ru } = await freshPair(request);
    await page.goto('/contacts/new');
    const box = participantsBox(page);
    await tabTo(page, box);

    await page.keyboard.type(`Whitcombe ${tag}`);
    await expect(page.getByRole('option', { name: new RegExp(us.name) })).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(box).toBeFocused();
    await expect(box).toHaveValue('');
    // Escape closes the list, then clears what was typed.
    await page.keyboard.type(`Voronin ${tag}`);
    await expect(page.getByRole('listbox', { name: 'Matching officials' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('listbox', { name: 'Matching officials' })).toBeHidden();
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('option', { name: new RegExp(ru.name) })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('list', { name: 'Chosen participants' }).getByRole('listitem')).toHaveCount(2);

    const date = page.getByLabel('Date', { exact: true });
    await tabTo(page, date);
    // The order of a date field's parts is the browser build's own: Debian's Chromium, with
    // only its en-US language pack, keeps month/day/year whatever locale the page is given.
    // 3 March reads the same in either order, so this types the same date everywhere.
    await page.keyboard.type('03032023');
    await expect(date).toHaveValue('2023-03-03');
    // The browser shows the date in its locale's order; the form reads it back unambiguously.
    await expect(page.getByText('Friday 3 Mar 2023')).toBeVisible();

    await tabTo(page, page.getByRole('radio', { name: 'Day' }));
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('radio', { name: 'Month only' })).toBeChecked();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByRole('radio', { name: 'Day' })).toBeChecked();

    const type = page.getByRole('combobox', { name: 'Type' });
    await tabTo(page, type);
    await page.keyboard.press('m');
    await expect(type).toHaveValue('MEETING');

    const initiator = page.getByRole('combobox', { name: 'Initiator (optional)' });
    await tabTo(page, initiator);
    await page.keyboard.press('ArrowDown');
    await expect(initiator).toHaveValue(us.id);

    await tabTo(page, page.getByLabel('Duration (optional)'));
    await page.keyboard.type('90');
    await tabTo(page, page.getByLabel('Location (optional)'));
    await page.keyboard.type('Geneva');
    await tabTo(page, page.getByLabel(/^Summary/));
    await page.keyboard.type(`Met in Geneva (${tag}).`);
    await tabTo(page, page.getByLabel(/^Topics/));
    await page.keyboard.type('arms control, Ukraine');
    await tabTo(page, page.getByLabel('URL', { exact: true }));
    await page.keyboard.type('https://www.state.gov/readout-geneva');

    await tabTo(page, page.getByRole('button', { name: 'Add another source' }));
    await page.keyboard.press('Enter');
    const second = page.getByRole('group', { name: 'Source 2' }).getByLabel('URL', { exact: true });
    await expect(second).toBeFocused();
    await page.keyboard.type('https://mid.ru/readout-geneva');

    await tabTo(page, page.getByRole('button', { name: 'Log contact' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Contact logged' })).toBeFocused();
    await expect(page.getByText(`First recorded held contact between ${us.name} and ${ru.name}`)).toBeVisible();

    const stored = await contactsOf(request, us);
    expect(stored.total).toBe(1);
    const response = await request.get(`/api/v1/contacts/${stored.items[0].id}`);
    expect(await response.json()).toMatchObject({
      date: '2023-03-03',
      type: 'MEETING',
      status: 'HELD',
      durationMinutes: 90,
      location: 'Geneva',
      topics: ['arms control', 'ukraine'],
      initiator: { slug: us.slug },
      sources: [{ url: 'https://www.state.gov/readout-geneva' }, { url: 'https://mid.ru/readout-geneva' }],
    });

    await page.getByRole('button', { name: 'Log another' }).press('Enter');
    await expect(box).toBeFocused();
    await expect(page.getByRole('list', { name: 'Chosen participants' })).toHaveCount(0);
  });

  test('a search answered after Escape leaves the list closed; an arrow key then opens it at the newest match', async ({
    page,
    request,
  }) => {
    const { tag, ru } = await freshPair(request);
    const full = `Voronin ${tag}`;
    // The answers for the whole name wait until the test lets them go; shorter texts are answered at once.
    const held: (() => void)[] = [];
    const asked: string[] = [];
    await page.route('**/api/v1/officials?*', async (route) => {
      if (new URL(route.request().url()).searchParams.get('q') === full) {
        asked.push(full);
        await new Promise<void>((resolve) => held.push(resolve));
      }
      await route.continue();
    });
    await page.goto('/contacts/new');
    const box = participantsBox(page);
    const list = page.getByRole('listbox', { name: 'Matching officials' });
    const searching = page.getByRole('status').getByText('Searching…');
    const option = page.getByRole('option', { name: new RegExp(ru.name) });

    /** Lists the matches of "Voronin", then asks for the whole name, whose answer is held. */
    async function askForWholeName(times: number) {
      await box.fill('Voronin');
      await expect(list).toBeVisible();
      await box.fill(full);
      await expect.poll(() => asked.length).toBe(times);
      await expect(searching).toBeVisible();
    }

    await askForWholeName(1);
    await box.press('Escape');
    await expect(list).toBeHidden();
    held.shift()!();
    await expect(searching).toBeHidden();
    await expect(list).toBeHidden();
    await expect(box).toHaveAttribute('aria-expanded', 'false');
    await expect(box).toHaveValue(full);

    // ArrowDown while the answer is on its way: the list opens when it comes, at its first match.
    await askForWholeName(2);
    await box.press('Escape');
    await box.press('ArrowDown');
    await expect(list).toBeHidden();
    held.shift()!();
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await expect(box).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id'))!);
    // The list open with a match active: its grey details keep their contrast on the highlight.
    await expectAccessible(page);
    await screenshot(page, 'contact-participant-matches');
    await box.press('Enter');
    await expect(page.getByRole('list', { name: 'Chosen participants' }).getByRole('listitem')).toHaveCount(1);
  });

  test('warns of the same pair within a day, and saves anyway when asked', async ({ page, request }) => {
    const { tag, us, ru } = await freshPair(request);
    await logViaApi(request, { date: '2022-06-01', participants: [us.slug, ru.slug], summary: `Earlier ${tag}` });

    await page.goto('/contacts/new');
    await addParticipant(page, `Voronin ${tag}`, ru.name);
    await addParticipant(page, `Whitcombe ${tag}`, us.name);
    await page.getByLabel('Date', { exact: true }).fill('2022-06-02');
    await page.getByLabel('URL', { exact: true }).fill('https://example.org/same-call');
    await page.getByRole('button', { name: 'Log contact' }).click();

    const warning = page.getByRole('region', { name: 'Possibly logged already' });
    await expect(warning).toBeFocused();
    await expect(warning).toContainText('already have a contact within a day of this date');
    const nearby = warning.getByRole('list', { name: 'Contacts within a day' }).getByRole('listitem');
    await expect(nearby).toHaveCount(1);
    await expect(nearby).toContainText('1 Jun 2022');
    await expect(nearby).toContainText('Call, held');
    await expect(nearby).toContainText(`Earlier ${tag}`);
    await expect(nearby.getByRole('link', { name: 'See it on the pair page' })).toHaveAttribute(
      'href',
      new RegExp(`^/pairs/officials/.+#contact-`),
    );
    expect((await contactsOf(request, us)).total).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'log-contact-duplicate');

    await page.getByRole('button', { name: 'Save anyway' }).click();
    await expect(page.getByRole('heading', { name: 'Contact logged' })).toBeVisible();
    await expect(
      page.getByText(`Ends a 1-day silence between ${ru.name} and ${us.name} (since 1 Jun 2022).`),
    ).toBeVisible();
    expect((await contactsOf(request, us)).total).toBe(2);
  });

  test('puts each error next to its field and keeps everything typed', async ({ page, request }) => {
    const { tag, us, ru } = await freshPair(request);
    const usToo = await createOfficial(request, { name: `Dana Ostrander ${tag}`, country: 'US' });
    // In the future on any day this suite will run, whatever the clock of the runner or the server.
    const nextYear = '2999-03-04';

    await page.goto('/contacts/new');
    await addParticipant(page, `Whitcombe ${tag}`, us.name);
    await addParticipant(page, `Ostrander ${tag}`, usToo.name);
    const date = page.getByLabel('Date', { exact: true });
    await date.fill(nextYear);
    await page.getByLabel('Time (optional)').fill('09:30');
    const zone = page.getByLabel('Time zone (optional)');
    await zone.fill('Mars/Olympus_Mons');
    await page.getByLabel(/^Summary/).fill(`Nothing typed is lost (${tag}).`);
    await page.getByLabel(/^Publisher/).fill('Kept publisher');
    // The source's URL is left empty.
    await page.getByRole('button', { name: 'Log contact' }).click();

    const summary = page.getByRole('region', { name: /problem/ });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('heading')).toHaveText('There are 3 problems to fix.');
    await expect(date).toHaveAttribute('aria-invalid', 'true');
    await expect(date).toHaveAccessibleDescription(/A held contact cannot be in the future: use Scheduled/);
    await expect(zone).toHaveAccessibleDescription(/Use an IANA time zone, e.g. Europe\/Moscow/);
    const url = page.getByLabel('URL', { exact: true });
    await expect(url).toHaveAttribute('aria-invalid', 'true');
    await expect(url).toHaveAccessibleDescription(/Enter a full web address starting with https:\/\//);
    await expectAccessible(page);
    await screenshot(page, 'log-contact-errors');
    // The summary links to the field.
    await summary.getByRole('link', { name: /^Date:/ }).click();
    await expect(date).toBeFocused();
    // Everything typed is still there.
    await expect(page.getByRole('list', { name: 'Chosen participants' }).getByRole('listitem')).toHaveCount(2);
    await expect(page.getByLabel(/^Summary/)).toHaveValue(`Nothing typed is lost (${tag}).`);
    await expect(page.getByLabel(/^Publisher/)).toHaveValue('Kept publisher');
    await expect(zone).toHaveValue('Mars/Olympus_Mons');

    // Fix those, and remove the only source.
    await date.fill('2022-07-01');
    await zone.fill('Europe/Moscow');
    await page.getByRole('button', { name: 'Remove source 1' }).click();
    await expect(page.getByRole('button', { name: 'Add a source' })).toBeFocused();
    await page.getByRole('button', { name: 'Log contact' }).click();
    await expect(summary.getByRole('heading')).toHaveText('There is a problem with one field.');
    await expect(page.getByRole('button', { name: 'Add a source' })).toHaveAccessibleDescription(
      /Add at least one source: every contact needs one/,
    );

    // Two officials of one country: said next to the participants.
    await page.getByRole('button', { name: 'Add a source' }).click();
    await page.getByLabel('URL', { exact: true }).fill('https://example.org/readout');
    await page.getByRole('button', { name: 'Log contact' }).click();
    await expect(participantsBox(page)).toHaveAttribute('aria-invalid', 'true');
    await expect(participantsBox(page)).toHaveAccessibleDescription(/Add an official of another country/);
    await expect(page.getByLabel(/^Summary/)).toHaveValue(`Nothing typed is lost (${tag}).`);

    await page.getByRole('button', { name: `Remove ${usToo.name}` }).click();
    await expect(participantsBox(page)).toBeFocused();
    await addParticipant(page, `Voronin ${tag}`, ru.name);
    await page.getByRole('button', { name: 'Log contact' }).click();
    await expect(page.getByRole('heading', { name: 'Contact logged' })).toBeVisible();
  });

  test('looks finished on a phone and in dark mode', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto('/contacts/new');
    await expect(participantsBox(page)).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'log-contact-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('button', { name: 'Log contact' }).click();
    await expect(page.getByRole('region', { name: /problem/ })).toBeFocused();
    await expectAccessible(page);
    await screenshot(page, 'log-contact-dark');
  });
});

test.describe('who may log a contact', () => {
  test('a viewer gets a 403 refusal on the form and the edit page, a visitor is sent to sign in', async ({
    browser,
  }) => {
    const viewer = await browser.newContext({ storageState: storageState('viewer') });
    const page = await viewer.newPage();
    const refused = await page.goto('/contacts/new');
    expect(refused?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your role may not open this page');
    await expect(page.getByText(`You are signed in as ${account('viewer').name}, a viewer.`)).toBeVisible();
    await expect(page.getByRole('form')).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: 'Participants' })).toHaveCount(0);
    await expectAccessible(page);
    await screenshot(page, 'log-contact-viewer');
    // Editing is refused the same way, with a 403.
    const { items } = await (await viewer.request.get('/api/v1/contacts?official=lloyd-austin')).json();
    const edit = await page.goto(`/contacts/${items[0].id}/edit`);
    expect(edit?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your role may not open this page');
    await expect(page.getByRole('form')).toHaveCount(0);
    await viewer.close();

    const visitor = await browser.newContext();
    const anonymous = await visitor.newPage();
    await anonymous.goto('/contacts/new');
    await expect(anonymous).toHaveURL(/\/sign-in\?next=%2Fcontacts%2Fnew$/);
    await visitor.close();
  });

  test('the server action refuses a viewer who posts to it directly', async ({ browser, baseURL }) => {
    const researcher = await browser.newContext({ storageState: storageState('researcher') });
    const page = await researcher.newPage();
    const { tag, us, ru } = await freshPair(researcher.request);

    // Capture a real submission of the form, and stop it before it reaches the server.
    let captured: { action: string; contentType: string; body: Buffer } | null = null;
    await page.route('**/contacts/new', async (route) => {
      const headers = route.request().headers();
      if (route.request().method() === 'POST' && headers['next-action']) {
        captured = {
          action: headers['next-action'],
          contentType: headers['content-type'],
          body: route.request().postDataBuffer()!,
        };
        await route.abort();
      } else {
        await route.continue();
      }
    });
    await page.goto('/contacts/new');
    await addParticipant(page, `Whitcombe ${tag}`, us.name);
    await addParticipant(page, `Voronin ${tag}`, ru.name);
    await page.getByLabel('Date', { exact: true }).fill('2022-08-01');
    await page.getByLabel('URL', { exact: true }).fill('https://example.org/replayed');
    await page.getByRole('button', { name: 'Log contact' }).click();
    await expect.poll(() => captured).not.toBeNull();
    const request = captured!;

    const replay = (context: typeof researcher) =>
      context.request.post('/contacts/new', {
        headers: {
          'Next-Action': request.action,
          'Content-Type': request.contentType,
          Accept: 'text/x-component',
          Origin: baseURL!,
        },
        data: request.body,
      });

    const viewer = await browser.newContext({ storageState: storageState('viewer') });
    const refused = await replay(viewer);
    expect(await refused.text()).toContain('Your role (viewer) may not do this.');
    expect((await contactsOf(viewer.request, us)).total).toBe(0);

    const visitor = await browser.newContext();
    expect(await (await replay(visitor)).text()).toContain('Sign in to do this.');
    expect((await contactsOf(visitor.request, us)).total).toBe(0);

    // The same request from the researcher does log it: the refusals above were the role check.
    await replay(researcher);
    expect((await contactsOf(researcher.request, us)).total).toBe(1);
    await Promise.all([viewer.close(), visitor.close(), researcher.close()]);
  });
});

test.describe('edit a contact', () => {
  test('shows who changed what on a conflict, keeps what was typed, and saves on top', async ({ browser, request }) => {
    const { tag, us, ru } = await freshPair(request);
    const { id } = await logViaApi(request, { date: '2022-09-01', participants: [us.slug, ru.slug] });
    const first = await browser.newContext({ storageState: storageState('researcher') });
    const second = await browser.newContext({ storageState: storageState('researcher2') });
    const rhea = await first.newPage();
    const reza = await second.newPage();
    await Promise.all([rhea.goto(`/contacts/${id}/edit`), reza.goto(`/contacts/${id}/edit`)]);
    await expect(rhea).toHaveTitle('Edit: Call, held, 1 Sep 2022 · Counterpart');
    await expect(reza.getByRole('list', { name: 'Chosen participants' })).toContainText(us.name);
    await expect(reza.getByLabel('Date', { exact: true })).toHaveValue('2022-09-01');
    await expectAccessible(reza);

    await rhea.getByLabel(/^Location/).fill('Geneva');
    await rhea.getByRole('button', { name: 'Save changes' }).click();
    await expect(rhea.getByRole('status').filter({ hasText: 'Saved. This is version 2' })).toBeVisible();

    await reza.getByLabel(/^Summary/).fill(`Reza's summary ${tag}`);
    await reza.getByLabel('Duration (optional)').fill('25');
    await reza.getByRole('button', { name: 'Save changes' }).click();
    const conflict = reza.getByRole('region', { name: /changed this contact while you were editing it/ });
    await expect(conflict).toBeFocused();
    await expect(conflict.getByRole('heading')).toHaveText(
      `${account('researcher').name} changed this contact while you were editing it`,
    );
    const row = conflict.getByRole('row', { name: /^Location/ });
    await expect(row.getByRole('cell')).toHaveText(['—', '→ Geneva', 'unchanged: theirs is kept']);
    await expect(reza.getByLabel(/^Summary/)).toHaveValue(`Reza's summary ${tag}`);
    await expect(reza.getByLabel('Duration (optional)')).toHaveValue('25');
    await expectAccessible(reza);
    await screenshot(reza, 'edit-contact-conflict');

    await conflict.getByRole('button', { name: 'Keep my changes and save again' }).click();
    await expect(reza.getByRole('status').filter({ hasText: 'Saved. This is version 3' })).toBeVisible();
    const stored = await (await request.get(`/api/v1/contacts/${id}`)).json();
    expect(stored).toMatchObject({
      version: 3,
      location: 'Geneva',
      summary: `Reza's summary ${tag}`,
      durationMinutes: 25,
    });
    await Promise.all([first.close(), second.close()]);
  });

  test('a second researcher verifies; the logger cannot; a new date makes it unverified', async ({
    browser,
    request,
  }) => {
    const { us, ru } = await freshPair(request);
    const { id } = await logViaApi(request, { date: '2022-10-01', participants: [us.slug, ru.slug] });
    const loggerContext = await browser.newContext({ storageState: storageState('researcher') });
    const logger = await loggerContext.newPage();
    await logger.goto(`/contacts/${id}/edit`);
    const panel = logger.getByRole('region', { name: 'Verification' });
    await expect(panel).toContainText('Unverified');
    await expect(panel).toContainText(`Logged by ${account('researcher').name}`);
    await expect(panel.getByRole('button', { name: 'Mark verified' })).toHaveCount(0);
    await expect(panel).toContainText(
      'You logged or last edited this contact, so a different researcher must verify it.',
    );

    const verifierContext = await browser.newContext({ storageState: storageState('researcher2') });
    const verifier = await verifierContext.newPage();
    await verifier.goto(`/contacts/${id}/edit`);
    const theirPanel = verifier.getByRole('region', { name: 'Verification' });
    await theirPanel.getByRole('button', { name: 'Mark verified' }).click();
    await expect(theirPanel.getByRole('status')).toHaveText('Marked verified.');
    await expect(theirPanel).toContainText(`verified by ${account('researcher2').name}`);
    await screenshot(verifier, 'edit-contact-verified');
    expect((await (await request.get(`/api/v1/contacts/${id}`)).json()).verification).toBe('VERIFIED');

    await logger.reload();
    await expect(panel).toContainText('Verified');
    await expect(panel).toContainText('Changing anything but its summary or topics makes it Unverified');
    await logger.getByLabel('Date', { exact: true }).fill('2022-10-02');
    await logger.getByRole('button', { name: 'Save changes' }).click();
    await expect(logger.getByRole('status').filter({ hasText: 'Saved.' })).toContainText('so it is Unverified again');
    await expect(panel).toContainText('Unverified');
    expect((await (await request.get(`/api/v1/contacts/${id}`)).json()).verification).toBe('UNVERIFIED');
    await Promise.all([loggerContext.close(), verifierContext.close()]);
  });

  test('an admin deletes a contact after confirming; a researcher has no delete button', async ({
    browser,
    request,
  }) => {
    const { tag, us, ru } = await freshPair(request);
    await logViaApi(request, { date: '2022-11-01', participants: [us.slug, ru.slug], summary: `Kept ${tag}` });
    const { id } = await logViaApi(request, {
      date: '2022-12-01',
      participants: [us.slug, ru.slug],
      summary: `Deleted ${tag}`,
    });
    const pairPage = `/pairs/officials/${us.slug}/${ru.slug}`;

    const researcherContext = await browser.newContext({ storageState: storageState('researcher2') });
    const researcher = await researcherContext.newPage();
    await researcher.goto(`/contacts/${id}/edit`);
    await expect(researcher.getByRole('heading', { name: 'Edit contact' })).toBeVisible();
    await expect(researcher.getByRole('button', { name: 'Delete contact' })).toHaveCount(0);
    await researcherContext.close();

    const adminContext = await browser.newContext({ storageState: storageState('admin') });
    const admin = await adminContext.newPage();
    await admin.goto(pairPage);
    await expect(admin.getByText(`Deleted ${tag}`)).toBeVisible();
    await admin.goto(`/contacts/${id}/edit`);
    await admin.getByRole('button', { name: 'Delete contact' }).click();
    await expect(admin.getByText('Delete this contact for everyone?')).toBeVisible();
    await expect(admin.getByRole('button', { name: 'Yes, delete it' })).toBeFocused();
    await screenshot(admin, 'edit-contact-delete');
    await admin.getByRole('button', { name: 'Yes, delete it' }).click();
    await expect(admin.getByRole('heading', { name: 'Contact deleted' })).toBeFocused();
    await admin.getByRole('link', { name: 'See the pair page' }).click();
    await expect(admin).toHaveURL(new RegExp(`${pairPage}$`));
    await expect(admin.getByText(`Kept ${tag}`)).toBeVisible();
    await expect(admin.getByText(`Deleted ${tag}`)).toHaveCount(0);
    expect((await request.get(`/api/v1/contacts/${id}`)).status()).toBe(404);
    const again = await admin.goto(`/contacts/${id}/edit`);
    expect(again?.status()).toBe(404);
    await expect(admin.getByRole('heading', { name: 'No such contact' })).toBeVisible();
    await adminContext.close();
  });
});
