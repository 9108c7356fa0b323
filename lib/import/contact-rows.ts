/**
 * Checks one import row against the contract and the officials Counterpart knows, without a database
 * round trip: the importer loads every official, spelling and position once (`OfficialIndex`) and this
 * turns each row into a contact input, checked by the same `ZContactInput` as the form and the API, or
 * into problems naming the row, the column and what to fix.
 */
import { createHash } from 'node:crypto';
import { countryName, isCountryCode } from '../countries';
import { normalizeName, slugForName } from '../names';
import {
  CONTACT_STATUSES,
  CONTACT_TYPES,
  DATE_PRECISIONS,
  ZContactInput,
  type ContactInput,
} from '../validation/contact';
import { PARTICIPANT_LETTERS, type ImportRow, type RowProblem } from './contract';

export type IndexedOfficial = { id: string; slug: string; name: string; country: string };
export type IndexedPosition = { id: string; officeKey: string; start: string; end: string | null };

/** Every official an import may name, by every key a row may name them with. */
export type OfficialIndex = {
  byId: Map<string, IndexedOfficial>;
  /** Wikidata id → official id. */
  byWikidata: Map<string, string>;
  /** Slug (also a merged official's old slug) → official id. */
  bySlug: Map<string, string>;
  /** `COUNTRY|normalized name or spelling` → official ids. */
  byName: Map<string, string[]>;
  /** Normalized name or spelling → official ids, in any country (to say which country a name is in). */
  byAnyName: Map<string, string[]>;
  /** Official id → positions, latest start first. */
  positions: Map<string, IndexedPosition[]>;
};

/** An official an import will create (with `--create-officials`): an unknown name with its country. */
export type NewOfficial = IndexedOfficial & { line: number };

/** A participant of a prepared contact, with the position held that day. */
export type PreparedParticipant = {
  officialId: string;
  country: string;
  positionId: string | null;
  officeKey: string | null;
};

/** A row ready to write: its contact input with officials by id, and a hash of everything it states. */
export type PreparedRow = {
  line: number;
  externalId: string;
  input: ContactInput;
  participants: PreparedParticipant[];
  /** The officials as the audit snapshot names them (slugs, sorted). */
  slugs: string[];
  initiatorSlug: string | null;
  /** Each source's claimed initiator, as a slug (the audit snapshot's form). */
  claimSlugs: (string | null)[];
  hash: string;
};

const ENUM_MESSAGES = {
  type: `Use one of ${CONTACT_TYPES.join(', ')}`,
  status: `Use one of ${CONTACT_STATUSES.join(', ')}`,
  date_precision: `Use one of ${DATE_PRECISIONS.join(', ')}, or leave it empty for DAY`,
};

/** "video call", "Video-Call" → "VIDEO_CALL": enum names in any case, with spaces or hyphens. */
function enumValue(cell: string): string {
  return cell
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
}

/** Where a ZContactInput issue belongs in the file. */
function columnOf(path: PropertyKey[]): string {
  const [first, , field] = path;
  if (first === 'sources') {
    const column = {
      publisher: 'source_publisher',
      title: 'source_title',
      publishedAt: 'source_published_at',
      quote: 'source_quote',
    }[String(field)];
    return column ?? 'source_url';
  }
  const columns: Record<string, string> = {
    datePrecision: 'date_precision',
    participants: 'participant_a',
    unnamedCountries: 'country_b',
    durationMinutes: 'duration_minutes',
  };
  return columns[String(first)] ?? String(first);
}

/**
 * A month or a year may be written as such ("2022-05" with MONTH, "2022" with YEAR) or as its first day.
 */
function fullDate(cell: string, precision: string): string {
  const date = cell.trim();
  if (precision === 'MONTH' && /^\d{4}-\d{2}$/.test(date)) return `${date}-01`;
  if (precision === 'YEAR' && /^\d{4}$/.test(date)) return `${date}-01-01`;
  return date;
}

/** The participant columns present in a row, in order: a, b, then c… while named. */
function participantCells(cells: Record<string, string>) {
  const found: { letter: string; name: string; country: string }[] = [];
  for (const letter of PARTICIPANT_LETTERS) {
    const name = cells[`participant_${letter}`];
    const country = cells[`country_${letter}`];
    if (name === undefined && country === undefined) {
      if (letter > 'b') break;
      continue;
    }
    if ((name ?? '').trim() === '' && (country ?? '').trim() === '' && letter > 'b') continue;
    found.push({ letter, name: (name ?? '').trim(), country: (country ?? '').trim().toUpperCase() });
  }
  return found;
}

/**
 * Turns rows into prepared contacts. It remembers the external ids it has seen (a second row with one is
 * a problem) and the officials it plans to create, so that two rows naming one new person make one.
 */
export class ContactRowChecker {
  private readonly seen = new Set<string>();
  readonly newOfficials = new Map<string, NewOfficial>();
  private readonly plannedSlugs = new Set<string>();
  private readonly newById = new Map<string, NewOfficial>();

  constructor(
    private readonly index: OfficialIndex,
    private readonly options: { createOfficials: boolean; newId: () => string },
  ) {}

  check(row: ImportRow): { prepared: PreparedRow; problems: [] } | { prepared: null; problems: RowProblem[] } {
    const { line, cells } = row;
    const problems: RowProblem[] = [];
    const problem = (column: string, message: string) => problems.push({ line, column, message });

    if (cells.__cells !== undefined) {
      problem(
        'row',
        `This row has ${cells.__cells} cells where the header has ${Object.keys(cells).length - 1}: check its commas and quotes`,
      );
      return { prepared: null, problems };
    }

    const externalId = (cells.external_id ?? '').trim();
    if (externalId === '')
      problem('external_id', 'Give the row an id of your own (any text that stays the same when you import again)');
    else if (externalId.length > 200) problem('external_id', 'Keep the id to 200 characters');
    else if (this.seen.has(externalId))
      problem('external_id', `The id “${externalId}” is used by an earlier row of this file: ids must be unique`);
    else this.seen.add(externalId);

    const type = enumValue(cells.type ?? '');
    if (!(CONTACT_TYPES as readonly string[]).includes(type)) problem('type', ENUM_MESSAGES.type);
    const status = enumValue(cells.status ?? '');
    if (!(CONTACT_STATUSES as readonly string[]).includes(status)) problem('status', ENUM_MESSAGES.status);
    const precision = cells.date_precision?.trim() ? enumValue(cells.date_precision) : 'DAY';
    if (!(DATE_PRECISIONS as readonly string[]).includes(precision))
      problem('date_precision', ENUM_MESSAGES.date_precision);

    const participants: PreparedParticipant[] = [];
    const unnamedCountries: string[] = [];
    const refs = new Map<string, string>(); // a letter or a cell → official id, for the initiator
    for (const cell of participantCells(cells)) {
      const countryColumn = `country_${cell.letter}`;
      const nameColumn = `participant_${cell.letter}`;
      if (cell.country === '') {
        problem(
          countryColumn,
          `Give the country of participant ${cell.letter.toUpperCase()} as a two-letter ISO code, e.g. US`,
        );
        continue;
      }
      if (!isCountryCode(cell.country)) {
        problem(
          countryColumn,
          `“${cell.country}” is not a country code: use two letters from ISO 3166, e.g. US, RU, FR`,
        );
        continue;
      }
      if (cell.name === '') {
        // The record names the country met, not the person: "met officials of France".
        if (unnamedCountries.includes(cell.country))
          problem(countryColumn, `Officials of ${cell.country} are listed twice`);
        else unnamedCountries.push(cell.country);
        continue;
      }
      const found = this.resolve(cell.name, cell.country, line);
      if ('message' in found) {
        problem(nameColumn, found.message);
        continue;
      }
      if (participants.some((p) => p.officialId === found.id)) {
        problem(nameColumn, `${found.name} is already a participant of this row`);
        continue;
      }
      participants.push({ officialId: found.id, country: cell.country, positionId: null, officeKey: null });
      refs.set(cell.letter, found.id);
      refs.set(normalizeName(cell.name), found.id);
      refs.set(found.slug, found.id);
    }
    const named = unnamedCountries.filter((country) => participants.some((p) => p.country === country));
    for (const country of named) {
      problem(
        'country_b',
        `Officials of ${country} are named in this row: leave the unnamed ${country} participant out`,
      );
    }
    const countries = new Set([...participants.map((p) => p.country), ...unnamedCountries]);
    if (
      problems.every((p) => !p.column.startsWith('participant_') && !p.column.startsWith('country_')) &&
      countries.size < 2
    ) {
      problem(
        'participant_b',
        `All participants are from ${countryName([...countries][0] ?? '??')}: a contact is between officials of two countries`,
      );
    }

    let initiator: string | undefined;
    const initiatorCell = cells.initiator?.trim() ?? '';
    if (initiatorCell !== '') {
      initiator = refs.get(initiatorCell.toLowerCase()) ?? refs.get(normalizeName(initiatorCell));
      if (initiator === undefined)
        problem('initiator', 'Name a participant: a, b, … or one of the participants as the row names them');
    }

    const sourceUrl = (row.sources?.[0]?.url ?? cells.source_url ?? '').trim();
    if (sourceUrl === '') problem('source_url', 'Add the address of the source: every contact needs one');

    if (problems.length > 0) {
      // Still check the other fields, so one pass reports everything wrong with the row.
      this.fieldProblems(
        row,
        { type, status, precision, initiator, participants, unnamedCountries, sourceUrl },
        problems,
        true,
      );
      return { prepared: null, problems: dedupe(problems) };
    }
    const input = this.fieldProblems(
      row,
      { type, status, precision, initiator, participants, unnamedCountries, sourceUrl },
      problems,
      false,
    );
    if (input === null) return { prepared: null, problems: dedupe(problems) };

    for (const p of participants) {
      const position = (this.index.positions.get(p.officialId) ?? []).find(
        (q) => q.start <= input.date && (q.end === null || q.end >= input.date),
      );
      p.positionId = position?.id ?? null;
      p.officeKey = position?.officeKey ?? null;
    }
    const slugs = participants.map((p) => this.official(p.officialId).slug).sort();
    const initiatorSlug = initiator ? this.official(initiator).slug : null;
    const claimSlugs = input.sources.map((s) => (s.claims?.initiator ? this.official(s.claims.initiator).slug : null));
    const hash = createHash('sha1')
      .update(JSON.stringify([input, slugs, initiatorSlug, [...unnamedCountries].sort()]))
      .digest('base64url');
    return {
      prepared: { line, externalId, input, participants, slugs, initiatorSlug, claimSlugs, hash },
      problems: [],
    };
  }

  private official(id: string): IndexedOfficial {
    return this.index.byId.get(id) ?? this.newById.get(id)!;
  }

  /** Runs the shared contact rules; returns the input, or null with the problems added. */
  private fieldProblems(
    row: ImportRow,
    known: {
      type: string;
      status: string;
      precision: string;
      initiator: string | undefined;
      participants: PreparedParticipant[];
      unnamedCountries: string[];
      sourceUrl: string;
    },
    problems: RowProblem[],
    alreadyWrong: boolean,
  ): ContactInput | null {
    const { cells, line } = row;
    const text = (column: string) => {
      const value = cells[column]?.trim();
      return value === '' ? undefined : value;
    };
    const parsed = ZContactInput.safeParse({
      date: fullDate(cells.date ?? '', known.precision),
      datePrecision: (DATE_PRECISIONS as readonly string[]).includes(known.precision) ? known.precision : 'DAY',
      type: (CONTACT_TYPES as readonly string[]).includes(known.type) ? known.type : 'OTHER',
      status: (CONTACT_STATUSES as readonly string[]).includes(known.status) ? known.status : 'HELD',
      // Placeholders where the row's own problems are already reported, so that the rest is still checked.
      participants: alreadyWrong ? ['x', 'y'] : known.participants.map((p) => p.officialId),
      unnamedCountries: alreadyWrong ? undefined : known.unnamedCountries,
      initiator: alreadyWrong ? undefined : known.initiator,
      durationMinutes: text('duration_minutes'),
      location: text('location'),
      summary: text('summary'),
      topics: (cells.topics ?? '')
        .split(';')
        .map((topic) => topic.trim())
        .filter(Boolean),
      sources: row.sources
        ? row.sources.map((s, i) => ({
            ...s,
            url: i === 0 ? known.sourceUrl || 'https://placeholder.invalid/' : s.url,
            // A claimed initiator must be a participant: by slug, as the reader gives it.
            claims: s.claims && {
              ...s.claims,
              initiator:
                s.claims.initiator && !alreadyWrong ? this.claimant(s.claims.initiator, known.participants) : undefined,
            },
          }))
        : [
            {
              url: known.sourceUrl || 'https://placeholder.invalid/',
              publisher: text('source_publisher'),
              title: text('source_title'),
              publishedAt: text('source_published_at'),
              quote: text('source_quote'),
            },
          ],
    });
    if (parsed.success) {
      if (alreadyWrong) return null;
      return parsed.data;
    }
    for (const issue of parsed.error.issues) {
      const column = columnOf(issue.path);
      const message =
        column === 'date' && issue.message.startsWith('Enter') ? dateMessage(known.precision) : issue.message;
      problems.push({ line, column, message });
    }
    return null;
  }

  /** A source's claimed initiator (a slug) as the id of one of the row's participants, or left out. */
  private claimant(slug: string, participants: PreparedParticipant[]): string | undefined {
    const id = this.index.bySlug.get(slug.toLowerCase());
    return participants.some((p) => p.officialId === id) ? id : undefined;
  }

  /** The official a participant cell names in a country, or what is wrong. */
  private resolve(cell: string, country: string, line: number): IndexedOfficial | { message: string } {
    const { byId, byWikidata, bySlug, byName } = this.index;
    const direct = /^Q\d+$/i.test(cell) ? byWikidata.get(cell.toUpperCase()) : bySlug.get(cell.toLowerCase());
    if (direct !== undefined) {
      const official = byId.get(direct)!;
      if (official.country !== country) {
        return { message: `${official.name} is an official of ${official.country}, not ${country}: check the country` };
      }
      return official;
    }
    const key = `${country}|${normalizeName(cell)}`;
    const ids = byName.get(key) ?? [];
    if (ids.length === 1) return byId.get(ids[0])!;
    if (ids.length > 1) {
      const slugs = ids.map((id) => byId.get(id)!.slug).join(', ');
      return { message: `“${cell}” names ${ids.length} officials of ${country} (${slugs}): use a slug or Wikidata id` };
    }
    const planned = this.newOfficials.get(key);
    if (planned) return planned;
    const elsewhere = this.index.byAnyName.get(normalizeName(cell)) ?? [];
    if (elsewhere.length > 0) {
      const others = [...new Set(elsewhere.map((id) => byId.get(id)!.country))].join(', ');
      return { message: `“${cell}” is an official of ${others}, not ${country}: check the country` };
    }
    if (/^Q\d+$/i.test(cell))
      return { message: `No official has the Wikidata id ${cell.toUpperCase()}: add them first` };
    if (!this.options.createOfficials) {
      return {
        message: `No official “${cell}” of ${country}: check the spelling, add them first, or let the import create officials (--create-officials)`,
      };
    }
    const official: NewOfficial = {
      id: this.options.newId(),
      slug: this.freeSlug(cell, country),
      name: cell,
      country,
      line,
    };
    this.newOfficials.set(key, official);
    this.newById.set(official.id, official);
    return official;
  }

  private freeSlug(name: string, country: string): string {
    const base = slugForName(name);
    const taken = (slug: string) => this.index.bySlug.has(slug) || this.plannedSlugs.has(slug);
    let slug = taken(base) ? `${base}-${country.toLowerCase()}` : base;
    for (let n = 2; taken(slug); n += 1) slug = `${base}-${country.toLowerCase()}-${n}`;
    this.plannedSlugs.add(slug);
    return slug;
  }
}

function dateMessage(precision: string): string {
  if (precision === 'MONTH') return 'Enter a real month as YYYY-MM (or its first day, YYYY-MM-01)';
  if (precision === 'YEAR') return 'Enter a year as YYYY';
  return 'Enter a real date as YYYY-MM-DD';
}

function dedupe(problems: RowProblem[]): RowProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.column}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
