import { randomInt } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { disconnectDb } from '../lib/db';
import { expectDocumented, officialMaker, type Official } from './api-fixtures';
import { storageState } from './auth';
import { expectAccessible } from './axe';
import { screenshot } from './screenshots';

/*
 * "Paste a readout": a researcher pastes a readout on the log-a-contact page,
 * sees each field proposed with the phrase it came from, corrects one and
 * saves; and the same parser through the API, without a token. Each test
 * makes its own officials, named with letters only (the parser reads names as
 * capitalised words), and removes them with their contacts when it ends.
 */

/** A unique capitalised word: "Qxkzvb". */
function uniqueWord(): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  return `Q${Array.from({ length: 6 }, () => letters[randomInt(letters.length)]).join('')}`;
}

/** The officials this test made; they are deleted, with all their contacts, when it ends. */
const officials = officialMaker();
const createOfficial = officials.create;

test.afterEach(({ request }) => officials.removeAll(request));

test.afterAll(async () => {
  await disconnectDb();
});

/** Two officials of different countries whose surnames are the unique word. */
async function freshPair(request: APIRequestContext) {
  const word = uniqueWord();
  const us = await createOfficial(request, { name: `Harriet ${word}`, country: 'US' });
  const ru = await createOfficial(request, { name: `Pyotr ${word}ov`, country: 'RU' });
  return { word, us, ru };
}

const URL = 'https://www.defense.gov/News/Releases/Release/Article/3031214/';

function readoutOf(us: Official, ru: Official): string {
  return (
    `Readout of Secretary ${us.name}'s Phone Call With Minister ${ru.name}\n` +
    `Secretary ${us.name} spoke with Minister ${ru.name} on Friday at the request of the Russian side. ` +
    'The call lasted about an hour. The two discussed the situation in Ukraine.'
  );
}

/** The hint paragraph of a labelled field, where its "Proposed" mark is shown. */
function hintOf(page: Page, id: string) {
  return page.locator(`[id="${id}-hint"]`);
}

test.describe('paste a readout', () => {
  test.use({ storageState: storageState('researcher') });

  test('proposes every field with its phrase; a corrected field is saved as corrected, with its source', async ({
    page,
    request,
  }) => {
    const { us, ru } = await freshPair(request);
    await page.goto('/contacts/new');
    const panel = page.getByRole('region', { name: 'Paste a readout' });
    await expect(panel).toBeVisible();
    await screenshot(page, 'readout-panel-before');

    await panel.getByLabel('Readout text').fill(readoutOf(us, ru));
    await panel.getByLabel('Its URL (optional)').fill(URL);
    await panel.getByLabel('Published on (optional)').fill('2022-05-16');
    // By keyboard: the button is reached and pressed like any other.
    await panel.getByRole('button', { name: 'Propose' }).press('Enter');

    const status = panel.getByRole('status');
    await expect(status).toContainText('Proposed from the readout: date, 2 participants, type, status, initiator');
    await expect(status).toBeFocused();

    // Participants, each with the phrase it was found by.
    const chips = page.getByRole('list', { name: 'Chosen participants' });
    await expect(chips).toContainText(us.name);
    await expect(chips).toContainText(ru.name);
    const proposedPeople = page.getByRole('list', { name: 'Proposed participants' });
    await expect(proposedPeople).toContainText(`Proposed: ${us.name} from “${us.name}”`);
    await expect(proposedPeople).toContainText(`Proposed: ${ru.name} from “${ru.name}”`);

    // "On Friday" counts from the publication date: Friday 13 May 2022.
    await expect(page.getByLabel('Date', { exact: true })).toHaveValue('2022-05-13');
    await expect(hintOf(page, 'field-date')).toContainText('Proposed from “on Friday”');
    await expect(page.getByLabel('Type', { exact: true })).toHaveValue('CALL');
    await expect(hintOf(page, 'field-type')).toContainText('Proposed from “spoke with”');
    await expect(page.getByLabel('Initiator (optional)', { exact: true })).toHaveValue(ru.id);
    await expect(hintOf(page, 'field-initiator')).toContainText('Proposed from “at the request of the Russian side”');
    const duration = page.getByLabel('Duration (optional)');
    await expect(duration).toHaveValue('60');
    await expect(hintOf(page, 'field-durationMinutes')).toContainText('Proposed from “about an hour”');
    await expect(page.getByLabel('URL', { exact: true })).toHaveValue(URL);
    await expect(page.getByLabel('Publisher (optional)')).toHaveValue('US Department of Defense');
    await expect(hintOf(page, 'field-sources-0-publisher')).toContainText('Proposed Read from the domain defense.gov');
    // The mark is text in the field's description, so a screen reader hears it with the field.
    await expect(duration).toHaveAccessibleDescription(/Proposed from “about an hour”/);
    await expectAccessible(page);
    await screenshot(page, 'readout-panel-after');

    // The researcher corrects the duration: the mark goes, the correction stays.
    await duration.fill('55');
    await expect(hintOf(page, 'field-durationMinutes')).toHaveCount(0);
    // And clears the title proposed for the source (the readout's headline, taken as written) with its button.
    await expect(page.getByLabel('Title (optional)')).toHaveValue(
      `Readout of Secretary ${us.name}'s Phone Call With Minister ${ru.name}`,
    );
    const titleHint = hintOf(page, 'field-sources-0-title');
    await expect(titleHint).toContainText('Proposed from the readout, as written');
    await titleHint.getByRole('button', { name: 'Clear' }).click();
    await expect(page.getByLabel('Title (optional)')).toHaveValue('');

    // Nothing was saved by proposing.
    const before = await request.get(`/api/v1/contacts?official=${us.slug}`);
    expect((await before.json()).total).toBe(0);

    await page.getByRole('button', { name: 'Log contact' }).click();
    await expect(page.getByRole('heading', { name: 'Contact logged' })).toBeFocused();

    const response = await request.get(`/api/v1/contacts?official=${us.slug}`);
    const { items, total } = await response.json();
    expect(total).toBe(1);
    const [contact] = items;
    expect(contact).toMatchObject({
      date: '2022-05-13',
      datePrecision: 'DAY',
      type: 'CALL',
      status: 'HELD',
      durationMinutes: 55,
      initiator: { slug: ru.slug },
    });
    expect(contact.participants.map((p: { slug: string }) => p.slug).sort()).toEqual([ru.slug, us.slug].sort());
    expect(contact.sources).toHaveLength(1);
    expect(contact.sources[0]).toMatchObject({
      url: URL,
      publisher: 'US Department of Defense',
      publishedAt: '2022-05-16',
      side: 'US readout',
      title: null,
      quote: `Secretary ${us.name} spoke with Minister ${ru.name} on Friday at the request of the Russian side.`,
    });
  });

  test('says so when nothing is recognised, proposes nothing, and puts a bad URL’s error next to it', async ({
    page,
  }) => {
    await page.goto('/contacts/new');
    const panel = page.getByRole('region', { name: 'Paste a readout' });
    await panel.getByLabel('Readout text').fill('Lorem ipsum dolor sit amet, consectetur adipiscing elit.');
    await panel.getByRole('button', { name: 'Propose' }).click();
    await expect(panel.getByRole('status')).toContainText('Nothing proposed. Nothing in this text was recognised');
    await expect(page.getByRole('list', { name: 'Chosen participants' })).toHaveCount(0);
    await expect(page.getByLabel('Date', { exact: true })).toHaveValue('');
    await expect(page.locator('[data-proposed]')).toHaveCount(0);

    // Enter in the panel's URL field proposes; it does not submit the contact form around it.
    await panel.getByLabel('Its URL (optional)').fill('defense.gov/readout');
    await panel.getByLabel('Its URL (optional)').press('Enter');
    await expect(panel.getByLabel('Its URL (optional)')).toHaveAccessibleDescription(
      /Enter a full web address starting with https:\/\//,
    );
    // (The contact form, had it been submitted empty, would show its summary of errors.)
    await expect(page.locator('#error-summary-title')).toHaveCount(0);
    // What was typed stays.
    await expect(panel.getByLabel('Readout text')).toHaveValue(
      'Lorem ipsum dolor sit amet, consectetur adipiscing elit.',
    );
    await expectAccessible(page);
  });
});

test.describe('POST /api/v1/readouts/parse', () => {
  test('answers without a token, in the documented shape, and refuses a text that is too long', async ({ request }) => {
    const { us, ru } = await freshPair(request);
    const ok = await request.post('/api/v1/readouts/parse', {
      data: { text: readoutOf(us, ru), url: URL, publishedAt: '2022-05-16' },
    });
    const body = await expectDocumented(ok, 'post', '/api/v1/readouts/parse');
    expect(body.proposal.participants.map((p: { value: { slug: string } }) => p.value.slug)).toEqual([
      us.slug,
      ru.slug,
    ]);
    expect(body.proposal.date.value.date).toBe('2022-05-13');

    const tooLong = await request.post('/api/v1/readouts/parse', { data: { text: 'a'.repeat(20_001) } });
    expect(tooLong.status()).toBe(400);
    const error = await expectDocumented(tooLong, 'post', '/api/v1/readouts/parse');
    expect(error.error.fields.text[0]).toMatch(/under 20,000 characters/);
  });
});
