import { FIXTURE_OFFICIALS } from './fixtures/officials';
import type { DirectoryOfficial } from './types';

/** The fixture officials as the data layer would hand them to the parser, their slugs as ids: for pure tests. */
export const FIXTURE_DIRECTORY: DirectoryOfficial[] = FIXTURE_OFFICIALS.map((o) => ({
  id: o.slug,
  slug: o.slug,
  name: o.name,
  country: o.country,
  spellings: [o.name, ...o.otherNames],
  positions: o.positions.map((p) => ({
    title: p.title,
    officeKey: p.officeKey,
    startDate: p.startDate,
    endDate: p.endDate ?? null,
  })),
}));
