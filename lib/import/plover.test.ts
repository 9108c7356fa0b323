import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { contactRowExample } from '../api/examples';
import type { ContactRow } from '../data/contacts';
import { contactToPlover, PLOVER_TABLE, ploverLine, ploverTableRows, type PloverEvent } from '../export/plover';
import { CONTACT_STATUSES, CONTACT_TYPES } from '../validation/contact';
import { REQUIRED_COLUMNS, type ImportRow, type RowProblem } from './contract';
import { ploverRows } from './plover';

const official = (slug: string, name: string, country: string, officeKey: string | null, title: string | null) => ({
  id: `cm0${slug}`,
  slug,
  name,
  country,
  officeKey,
  positionTitle: title,
});
const austin = official('lloyd-austin', 'Lloyd Austin', 'US', 'US:SECDEF', 'Secretary of Defense');
const shoigu = official('sergei-shoigu', 'Sergei Shoigu', 'RU', 'RU:MINDEF', 'Minister of Defence');
const milley = official('mark-milley', 'Mark Milley', 'US', 'US:CJCS', 'Chairman of the Joint Chiefs of Staff');
const lecornu = official('sebastien-lecornu', 'Sébastien Lecornu', 'FR', null, null);
const source = contactRowExample.sources[0];

function contact(id: string, fields: Partial<ContactRow>): ContactRow {
  return { ...contactRowExample, id, initiator: null, ...fields };
}

/** One contact of every status and type, with the cases that stretch the format. */
const samples: ContactRow[] = [
  contactRowExample,
  contact('cm0meeting', {
    type: 'MEETING',
    date: '2023-06-01',
    datePrecision: 'MONTH',
    location: 'Paris',
    participants: [austin, lecornu],
    unnamedCountries: ['DE'],
    durationMinutes: null,
    topics: [],
    summary: null,
    sources: [{ ...source, url: 'https://example.org/paris', claimedInitiator: null, claimedDurationMinutes: null }],
  }),
  contact('cm0refused', {
    status: 'REFUSED',
    initiator: { slug: milley.slug, name: milley.name },
    participants: [austin, milley, shoigu],
    importKey: 'seed:refused-2022-03-24',
  }),
  contact('cm0requested', {
    status: 'REQUESTED',
    type: 'VIDEO_CALL',
    initiator: { slug: austin.slug, name: austin.name },
    participants: [austin, shoigu],
  }),
  contact('cm0scheduled', { status: 'SCHEDULED', type: 'MEETING', date: '2025-01-01', datePrecision: 'YEAR' }),
  contact('cm0cancelled', { status: 'CANCELLED', type: 'LETTER' }),
  contact('cm0hotline', {
    type: 'HOTLINE',
    time: '23:30',
    timeZone: 'Europe/Moscow',
    channel: { slug: 'deconfliction-line', name: 'Deconfliction line' },
    participants: [shoigu],
    unnamedCountries: ['US'],
  }),
  contact('cm0other', {
    type: 'OTHER',
    status: 'HELD',
    sources: [source, { ...source, url: 'https://example.org/b' }],
  }),
];

function lines(events: (PloverEvent | Record<string, unknown>)[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n');
}

async function read(input: string | AsyncIterable<string>) {
  const problems: RowProblem[] = [];
  const rows: ImportRow[] = [];
  const stream = typeof input === 'string' ? Readable.from([input]) : input;
  for await (const row of ploverRows(stream, { onProblem: (p) => problems.push(p) })) rows.push(row);
  return { rows, problems };
}

/** A row's participants as `slug/country` (`/country` for one not named), sorted. */
function participantsOf(cells: Record<string, string>): string[] {
  return Object.keys(cells)
    .filter((key) => key.startsWith('participant_'))
    .map((key) => `${cells[key]}/${cells[`country_${key.slice(-1)}`]}`)
    .filter((p) => p !== '/')
    .sort();
}

function expectedParticipants(c: ContactRow): string[] {
  return [...c.participants.map((p) => `${p.slug}/${p.country}`), ...c.unnamedCountries.map((cc) => `/${cc}`)].sort();
}

const withoutExtension = (event: PloverEvent) => {
  const { counterpart, ...rest } = event;
  void counterpart;
  return rest;
};

describe('the PLOVER table', () => {
  it('codes every type × status, each status as its own PLOVER category, with a CAMEO code', () => {
    const categories = new Map<string, string>();
    for (const status of CONTACT_STATUSES) {
      for (const type of CONTACT_TYPES) {
        const coding = PLOVER_TABLE[status][type];
        expect(coding, `${status} ${type}`).toBeDefined();
        expect(coding.cameo).toMatch(/^\d{3}$/);
        expect(coding.cameoText).not.toBe('');
        expect(categories.get(coding.event) ?? status, `${coding.event} is one status`).toBe(status);
        categories.set(coding.event, status);
      }
    }
    expect(categories.size).toBe(CONTACT_STATUSES.length);
    expect(PLOVER_TABLE.HELD.CALL).toMatchObject({ event: 'CONSULT', mode: 'phone', cameo: '041' });
    expect(PLOVER_TABLE.HELD.MEETING).toMatchObject({ event: 'CONSULT', mode: null, cameo: '040' });
    expect(PLOVER_TABLE.REFUSED.MEETING).toMatchObject({ event: 'REJECT', mode: 'meet', cameo: '125' });
    // The documentation's rows cover every cell once.
    expect(ploverTableRows().flatMap((r) => r.types.map((t) => `${r.status} ${t}`))).toHaveLength(
      CONTACT_STATUSES.length * CONTACT_TYPES.length,
    );
  });

  it('is the table the README shows', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('### PLOVER / CAMEO event data'));
    const rows = section
      .split('\n')
      .filter((line) => /^\| [A-Z]+ +\|/.test(line))
      .map((line) =>
        line
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim()),
      );
    expect(rows).toEqual(
      ploverTableRows().map(({ status, types, coding }) => [
        status,
        types.length === CONTACT_TYPES.length ? 'any' : types.join(', '),
        coding.event,
        coding.mode ?? '',
        coding.context.join(', '),
        `${coding.cameo} ${coding.cameoText}`,
      ]),
    );
  });

  it('reads each status back from PLOVER’s own fields, and the type as far as the mode tells', async () => {
    const events = CONTACT_STATUSES.flatMap((status) =>
      CONTACT_TYPES.map((type) =>
        withoutExtension(contactToPlover(contact(`cm0${status}${type}`, { status, type, importKey: null }))),
      ),
    );
    const { rows, problems } = await read(lines(events));
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(events.length);
    rows.forEach((row, i) => {
      const status = CONTACT_STATUSES[Math.floor(i / CONTACT_TYPES.length)];
      const type = CONTACT_TYPES[i % CONTACT_TYPES.length];
      const expected = status !== 'HELD' ? 'OTHER' : PLOVER_TABLE.HELD[type].mode === 'phone' ? 'CALL' : 'MEETING';
      expect([row.cells.status, row.cells.type], `${status} ${type}`).toEqual([status, expected]);
    });
  });
});

describe('contactToPlover', () => {
  it('writes a PLOVER event: ISO alpha-3 actors, category, mode, CAMEO code and the source', () => {
    const event = contactToPlover(contactRowExample);
    expect(event).toMatchObject({
      id: 'cm0call0513',
      date: '2022-05-13',
      event: ['CONSULT'],
      mode: ['phone'],
      quad_code: 1,
      cameo: '041',
      recipient: [],
      cite_info: [
        { url: source.url, publication: 'Axios', claims: { durationMinutes: 60, initiator: 'lloyd-austin' } },
      ],
      counterpart: { type: 'CALL', status: 'HELD', initiator: 'lloyd-austin', durationMinutes: 60 },
    });
    expect(event.source.map((a) => [a.code, a.actor_text, a.initiator])).toEqual([
      ['USA', 'Lloyd Austin', true],
      ['RUS', 'Sergei Shoigu', undefined],
    ]);
    expect(event.enddate).toBeUndefined();
    expect(ploverLine(contactRowExample)).toMatch(/^\{.*\}\n$/);
    expect(ploverLine(contactRowExample).split('\n')).toHaveLength(2);
  });

  it('puts the side that refused as the source of a refusal, and the side that asked as that of a request', () => {
    const refused = contactToPlover(samples[2]);
    expect(refused).toMatchObject({ event: ['REJECT'], mode: ['meet'], cameo: '125', quad_code: 3 });
    expect(refused.source.map((a) => a.slug)).toEqual(['sergei-shoigu']);
    expect(refused.recipient.map((a) => [a.slug, a.initiator])).toEqual([
      ['lloyd-austin', undefined],
      ['mark-milley', true],
    ]);
    const requested = contactToPlover(samples[3]);
    expect(requested.source.map((a) => a.slug)).toEqual(['lloyd-austin']);
    expect(requested.recipient.map((a) => a.slug)).toEqual(['sergei-shoigu']);
  });

  it('gives an approximate date its period as PLOVER’s end date, and countries met unnamed as bare actors', () => {
    const meeting = contactToPlover(samples[1]);
    expect(meeting).toMatchObject({ date: '2023-06-01', enddate: '2023-06-30', event_loc: { name: 'Paris' } });
    expect(meeting.source.at(-1)).toEqual({ code: 'DEU', country: 'DE' });
    expect(contactToPlover(samples[4])).toMatchObject({ enddate: '2025-12-31', event: ['AGREE'], cameo: '036' });
    expect(contactToPlover(samples[6])).toMatchObject({
      time: '23:30',
      link: 'counterpart:channel:deconfliction-line',
    });
  });
});

describe('ploverRows', () => {
  it('turns an export back into rows that describe the same contacts', async () => {
    const { rows, problems } = await read(samples.map(ploverLine).join(''));
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(samples.length);
    rows.forEach((row, i) => {
      const c = samples[i];
      expect(row.line).toBe(i + 1);
      for (const column of REQUIRED_COLUMNS) expect(row.cells, column).toHaveProperty(column);
      expect(row.cells).toMatchObject({
        external_id: c.importKey ?? c.id,
        date: c.date,
        date_precision: c.datePrecision,
        type: c.type,
        status: c.status,
        initiator: c.initiator?.slug ?? '',
        duration_minutes: c.durationMinutes === null ? '' : String(c.durationMinutes),
        location: c.location ?? '',
        summary: c.summary ?? '',
        topics: c.topics.join('; '),
        source_url: c.sources[0].url,
        source_publisher: c.sources[0].publisher ?? '',
        source_title: c.sources[0].title ?? '',
        source_published_at: c.sources[0].publishedAt ?? '',
        source_quote: c.sources[0].quote ?? '',
      });
      expect(participantsOf(row.cells), c.id).toEqual(expectedParticipants(c));
    });
  });

  it('reads the same contacts from PLOVER’s own fields when the counterpart key is gone', async () => {
    const { rows, problems } = await read(lines(samples.map((c) => withoutExtension(contactToPlover(c)))));
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(samples.length);
    rows.forEach((row, i) => {
      const c = samples[i];
      expect(row.cells).toMatchObject({
        external_id: c.id,
        date: c.date,
        date_precision: c.datePrecision,
        status: c.status,
        initiator: c.initiator?.slug ?? '',
        location: c.location ?? '',
        source_url: c.sources[0].url,
      });
      expect(participantsOf(row.cells), c.id).toEqual(expectedParticipants(c));
    });
  });

  it('reads events written elsewhere: names, alpha-3 codes, one cite_info object, REQUEST', async () => {
    const { rows, problems } = await read(
      lines([
        {
          id: 'PHOX-1',
          date: '2016-07-24',
          source: [{ code: 'JPN', actor_text: 'Shinzo Abe' }],
          recipient: [{ code: 'USA' }],
          event: 'CONSULT',
          mode: 'visit',
          cite_info: { url: 'https://example.org/visit', publication: 'Kyodo' },
        },
        {
          id: 7,
          date: '2016-07-25',
          source: [{ code: 'usa', initiator: true, actor_text: 'A' }],
          event: ['REQUEST'],
          mode: ['meet'],
        },
      ]),
    );
    expect(problems).toEqual([]);
    expect(rows[0].cells).toMatchObject({
      external_id: 'PHOX-1',
      type: 'MEETING',
      status: 'HELD',
      date_precision: 'DAY',
      participant_a: 'Shinzo Abe',
      country_a: 'JP',
      participant_b: '',
      country_b: 'US',
      source_url: 'https://example.org/visit',
      source_publisher: 'Kyodo',
    });
    expect(rows[1].cells).toMatchObject({ external_id: '7', status: 'REQUESTED', type: 'OTHER', initiator: 'A' });
  });

  it('reports bad lines by number and goes on; skips blank lines; takes CRLF and a byte-order mark', async () => {
    const good = JSON.stringify(contactToPlover(contactRowExample));
    const file = [
      `\uFEFF${good}`,
      '',
      '{"id": "x", "date": ',
      '[1, 2]',
      JSON.stringify({ id: 'y', date: '2022-01-01', event: ['ASSAULT'], source: [{ code: 'USA' }] }),
      JSON.stringify({ date: '2022-01-01', event: ['CONSULT'], source: [{ code: 'XYZ' }, 'Austin'] }),
      good,
    ].join('\r\n');
    const { rows, problems } = await read(file);
    expect(rows.map((r) => r.line)).toEqual([1, 7]);
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [3, 'json'],
      [4, 'json'],
      [5, 'event'],
      [6, 'id'],
      [6, 'source.0'],
      [6, 'source.1'],
    ]);
    expect(problems[0].message).toMatch(/^Not valid JSON/);
    expect(problems[2].message).toContain('ASSAULT is not a contact');
    expect(problems[4].message).toContain('“XYZ”');
  });

  it('takes lines as an async iterable too', async () => {
    async function* given() {
      yield ploverLine(contactRowExample).trim();
      yield 'not json';
    }
    const { rows, problems } = await read(given());
    expect(rows).toHaveLength(1);
    expect(problems).toEqual([{ line: 2, column: 'json', message: expect.stringContaining('Not valid JSON') }]);
  });
});
