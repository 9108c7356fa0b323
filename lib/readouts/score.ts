import type { ReadoutFixture } from './fixtures/readouts';
import type { ReadoutAnalysis } from './types';

/*
 * Precision and recall of the parser per field over the fixtures. A field
 * proposed where the truth has none counts against precision; one the truth
 * has and the parser left empty counts against recall. Participants are
 * counted one by one.
 */

export const SCORED_FIELDS = [
  'date',
  'participants',
  'type',
  'status',
  'initiator',
  'durationMinutes',
  'location',
  'publisher',
] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

export type FieldScore = {
  field: ScoredField;
  proposed: number;
  expected: number;
  correct: number;
  precision: number;
  recall: number;
};

/** What the parser proposed, in the fixtures' terms (slugs for people). */
export function proposedValues(analysis: ReadoutAnalysis) {
  const p = analysis.proposal;
  return {
    date: p.date?.value.date ?? null,
    participants: p.participants.map((x) => x.value.slug),
    type: p.type?.value ?? null,
    status: p.status?.value ?? null,
    initiator: p.initiator
      ? (p.participants.find((x) => x.value.id === p.initiator!.value.id)?.value.slug ?? null)
      : null,
    durationMinutes: p.durationMinutes?.value ?? null,
    location: p.location?.value ?? null,
    publisher: p.source.publisher?.value ?? null,
  };
}

/** A place matches when one names the other ("Singapore" and "Singapore, Singapore"). */
function samePlace(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.includes(y) || y.includes(x);
}

/** Scores each field over the fixtures and what the parser proposed for each. */
export function scoreFixtures(results: { fixture: ReadoutFixture; analysis: ReadoutAnalysis }[]): FieldScore[] {
  return SCORED_FIELDS.map((field) => {
    let proposed = 0;
    let expected = 0;
    let correct = 0;
    for (const { fixture, analysis } of results) {
      const got = proposedValues(analysis);
      if (field === 'participants') {
        const want = new Set(fixture.expected.participants);
        proposed += got.participants.length;
        expected += want.size;
        correct += got.participants.filter((slug) => want.has(slug)).length;
        continue;
      }
      const want = fixture.expected[field];
      const value = got[field];
      if (value !== null) proposed += 1;
      if (want !== null) expected += 1;
      if (value === null || want === null) continue;
      if (field === 'location' ? samePlace(String(value), String(want)) : value === want) correct += 1;
    }
    return {
      field,
      proposed,
      expected,
      correct,
      precision: proposed === 0 ? 1 : correct / proposed,
      recall: expected === 0 ? 1 : correct / expected,
    };
  });
}

/** The scores as a Markdown table. */
export function scoreTable(scores: FieldScore[], fixtures: number): string {
  const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
  return [
    `| field | precision | recall | proposed | in the truth | right | fixtures |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...scores.map(
      (s) =>
        `| ${s.field} | ${pct(s.precision)} | ${pct(s.recall)} | ${s.proposed} | ${s.expected} | ${s.correct} | ${fixtures} |`,
    ),
  ].join('\n');
}
