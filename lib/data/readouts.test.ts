import { describe, expect, it } from 'vitest';
import { getDb } from '../db';
import { FIXTURE_OFFICIALS } from '../readouts/fixtures/officials';
import { HELD_OUT_FIXTURES } from '../readouts/fixtures/held-out';
import { LEAD_HELD_OUT_FIXTURES } from '../readouts/fixtures/lead-held-out';
import { READOUT_FIXTURES } from '../readouts/fixtures/readouts';
import { proposedValues, scoreFixtures, scoreTable, type ScoredField } from '../readouts/score';
import { setupTestDatabase } from '../testing/database';
import type { Actor } from './actor';
import { mergeOfficials } from './merge';
import { parseReadout } from './readouts';
import { makeOfficial } from '../testing/factories';

setupTestDatabase();

const admin: Actor = { userId: null, via: 'cli' };

async function createFixtureOfficials() {
  for (const { slug, ...official } of FIXTURE_OFFICIALS) {
    const created = await makeOfficial(official, admin);
    expect(created.slug).toBe(slug);
  }
}

/**
 * The floors each field must keep over the fixtures, set from what the parser
 * reaches (the table in docs/READOUTS.md): a change of rules that loses a
 * field on a readout it used to read fails here.
 */
const FLOORS: Record<ScoredField, { precision: number; recall: number }> = {
  date: { precision: 0.95, recall: 0.95 },
  participants: { precision: 0.95, recall: 0.95 },
  type: { precision: 0.95, recall: 0.95 },
  status: { precision: 0.95, recall: 0.95 },
  initiator: { precision: 0.95, recall: 0.9 },
  durationMinutes: { precision: 0.95, recall: 0.95 },
  location: { precision: 0.95, recall: 0.95 },
  publisher: { precision: 0.95, recall: 0.95 },
};

describe('parsing real readouts', () => {
  it(`reads the ${READOUT_FIXTURES.length + HELD_OUT_FIXTURES.length + LEAD_HELD_OUT_FIXTURES.length} fixtures with each field above its floor`, async () => {
    await createFixtureOfficials();
    const results = [];
    const fixtures = [...READOUT_FIXTURES, ...HELD_OUT_FIXTURES, ...LEAD_HELD_OUT_FIXTURES];
    for (const fixture of fixtures) {
      const analysis = await parseReadout({ text: fixture.text, url: fixture.url, publishedAt: fixture.publishedAt });
      results.push({ fixture, analysis });
    }
    const scores = scoreFixtures(results);
    // The table docs/READOUTS.md quotes; printed so that a run shows where the parser stands.
    process.stdout.write(`\nReadout parsing, ${fixtures.length} fixtures:\n${scoreTable(scores, fixtures.length)}\n`);
    for (const score of scores) {
      expect(score.precision, `${score.field} precision`).toBeGreaterThanOrEqual(FLOORS[score.field].precision);
      expect(score.recall, `${score.field} recall`).toBeGreaterThanOrEqual(FLOORS[score.field].recall);
    }
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
  });

  it('gives every proposed field its phrase, and a phrase that is where it says in the text', async () => {
    await createFixtureOfficials();
    for (const fixture of [...READOUT_FIXTURES, ...HELD_OUT_FIXTURES, ...LEAD_HELD_OUT_FIXTURES]) {
      const { proposal } = await parseReadout({
        text: fixture.text,
        url: fixture.url,
        publishedAt: fixture.publishedAt,
      });
      const fields = [
        proposal.date,
        proposal.type,
        proposal.status,
        proposal.initiator,
        proposal.durationMinutes,
        proposal.location,
        ...proposal.participants,
        ...Object.values(proposal.source),
      ].filter((p) => p !== null);
      for (const field of fields) {
        expect(field.confidence, fixture.id).toBeGreaterThan(0);
        expect(field.confidence, fixture.id).toBeLessThanOrEqual(1);
        if (field.evidence) {
          expect(fixture.text.slice(field.evidence.start, field.evidence.end), fixture.id).toBe(field.evidence.text);
        } else {
          expect(field.basis, fixture.id).toEqual(expect.any(String));
        }
      }
    }
  });

  it('finds "the Russian Minister of Defense" through the tenure held on the date the readout gives', async () => {
    await createFixtureOfficials();
    const text = 'Secretary Austin spoke with the Russian Minister of Defense on {date}. They discussed Ukraine.';
    const before = await parseReadout({ text: text.replace('{date}', 'May 13, 2022'), publishedAt: '2022-05-13' });
    expect(proposedValues(before).participants.sort()).toEqual(['lloyd-austin', 'sergei-shoigu']);
    const shoigu = before.proposal.participants.find((p) => p.value.slug === 'sergei-shoigu')!;
    expect(shoigu.value.matchedBy).toBe('title');
    expect(shoigu.evidence!.text).toBe('Russian Minister of Defense');
    expect(shoigu.value.title).toBe('Minister of Defence');

    const after = await parseReadout({ text: text.replace('{date}', 'July 12, 2024'), publishedAt: '2024-07-12' });
    expect(proposedValues(after).participants.sort()).toEqual(['andrei-belousov', 'lloyd-austin']);
  });

  it('finds an untitled "Defence Secretary" by the publisher’s country, and "his Russian counterpart" by office', async () => {
    await createFixtureOfficials();
    const analysis = await parseReadout({
      text: 'The Defence Secretary spoke to his Russian counterpart this morning.',
      url: 'https://www.gov.uk/government/news/defence-secretary-call',
      publishedAt: '2022-10-23',
    });
    expect(proposedValues(analysis).participants.sort()).toEqual(['ben-wallace', 'sergei-shoigu']);
    expect(analysis.proposal.date?.value.date).toBe('2022-10-23');
  });

  it('finds an official by any recorded spelling, Cyrillic included, and not one merged away', async () => {
    await createFixtureOfficials();
    const cyrillic = await parseReadout({
      text: 'Сергей Шойгу held a telephone conversation with Lloyd Austin on 13 May 2022.',
    });
    expect(proposedValues(cyrillic).participants.sort()).toEqual(['lloyd-austin', 'sergei-shoigu']);
    expect(cyrillic.proposal.participants.find((p) => p.value.slug === 'sergei-shoigu')!.evidence!.text).toBe(
      'Сергей Шойгу',
    );

    const duplicate = await makeOfficial({ name: 'Sergej Schojgu', country: 'RU', positions: [] }, admin);
    const german = await parseReadout({ text: 'Sergej Schojgu met Lloyd Austin on 13 May 2022 in Moscow.' });
    expect(proposedValues(german).participants).toContain(duplicate.slug);
    const kept = await getDb().official.findUniqueOrThrow({ where: { slug: 'sergei-shoigu' } });
    const dup = await getDb().official.findUniqueOrThrow({ where: { id: duplicate.id } });
    await mergeOfficials(
      { duplicateId: dup.id, keptId: kept.id, duplicateVersion: dup.version, keptVersion: kept.version },
      admin,
    );
    const merged = await parseReadout({ text: 'Sergej Schojgu met Lloyd Austin on 13 May 2022 in Moscow.' });
    expect(proposedValues(merged).participants.sort()).toEqual(['lloyd-austin', 'sergei-shoigu']);
  });

  it('proposes nothing, with a message, for a text that reports no contact', async () => {
    await createFixtureOfficials();
    const analysis = await parseReadout({
      text: 'The weather was fine and the markets rose slightly.',
      publishedAt: '2022-05-13',
    });
    expect(analysis.empty).toBe(true);
    expect(analysis.message).toMatch(/Nothing in this text was recognised/);
    expect(analysis.proposal.participants).toEqual([]);
    expect(analysis.proposal.date).toBeNull();
    expect(analysis.proposal.type).toBeNull();
  });

  it('lists names and titles it could not match to a recorded official', async () => {
    await createFixtureOfficials();
    const analysis = await parseReadout({
      text: 'Secretary Austin spoke with Turkish Minister of National Defense Hulusi Akar on 13 May 2022.',
    });
    expect(proposedValues(analysis).participants).toEqual(['lloyd-austin']);
    expect(analysis.unmatched.map((u) => u.text)).toEqual(['Turkish Minister of National Defense Hulusi Akar']);
  });
});
