import { MONTH_NAMES } from './calendar';
import { COUNTRY_WORDS, countryOfWord, countryWordsSource, FIXED_TITLES, ROLE_PATTERNS } from './roles';
import { findWords, foldName, foldWithOffsets, span } from './text';
import type { DirectoryOfficial, Mention, Role } from './types';

/*
 * Finding people in a readout: by any recorded spelling of an official's name
 * (in full, or the surname alone as readouts write "Secretary Austin"), and by
 * title + country ("the Russian Minister of Defense"), which the caller
 * resolves through positions held on the contact's date.
 */

/** Countries whose names are written family name first: their short form is the first word ("Minister Wei"). */
const FAMILY_NAME_FIRST = new Set(['CN', 'KP', 'KR', 'JP', 'VN', 'TW', 'HU']);

/** The forms of an official's name a readout may use, full spellings first. */
export function nameForms(official: DirectoryOfficial): { form: string; full: boolean }[] {
  const forms = new Map<string, boolean>();
  for (const spelling of official.spellings) {
    const folded = foldName(spelling);
    if (folded) forms.set(folded, true);
  }
  for (const spelling of official.spellings) {
    const words = foldName(spelling)
      .split(' ')
      .filter((w) => !/^(?:i|ii|iii|iv|jr|sr|[a-z]\.?)$/.test(w));
    if (words.length < 2) continue;
    const short = FAMILY_NAME_FIRST.has(official.country) ? words[0] : words[words.length - 1];
    const min = FAMILY_NAME_FIRST.has(official.country) ? 2 : 3;
    if (short.length >= min && !forms.has(short)) forms.set(short, false);
  }
  return [...forms].map(([form, full]) => ({ form, full }));
}

/** Surnames that are also months: "May" beside a number ("on May 13", "13 May 2022") is a date, not Theresa May. */
const MONTHS = new Set(MONTH_NAMES.map((name) => name.toLowerCase()));

function readsAsDate(text: string, start: number, end: number): boolean {
  return /^[\s,.]*\d/.test(text.slice(end, end + 4)) || /\d[\s,.]*$/.test(text.slice(Math.max(0, start - 4), start));
}

/**
 * Every place the text names a known official, by a full spelling or by the
 * short form (which must be capitalised as written). A place covered by a
 * longer name is dropped, and one form shared by several officials lists them all.
 */
export function findNameMentions(text: string, officials: DirectoryOfficial[]): Mention[] {
  const { folded, offsets } = foldWithOffsets(text);
  const found = new Map<string, { start: number; end: number; ids: Set<string>; full: boolean }>();
  for (const official of officials) {
    for (const { form, full } of nameForms(official)) {
      for (const at of findWords(folded, form)) {
        const start = offsets[at];
        const end = offsets[at + form.length - 1] + 1;
        if (!full && !/\p{Lu}|\p{Lo}/u.test(text[start])) continue;
        if (!full && MONTHS.has(form) && readsAsDate(text, start, end)) continue;
        const key = `${start}:${end}`;
        const entry = found.get(key) ?? { start, end, ids: new Set<string>(), full };
        entry.ids.add(official.id);
        found.set(key, entry);
      }
    }
  }
  const all = [...found.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: typeof all = [];
  for (const m of all) {
    if (kept.some((k) => k.start <= m.start && k.end >= m.end)) continue;
    kept.push(m);
  }
  return kept.map((m) => ({ kind: 'name', evidence: span(text, m.start, m.end), officialIds: [...m.ids] }));
}

let titleRegexes: { regex: RegExp; shape: 'before' | 'after' | 'fixed'; role?: Role; country?: string }[] | undefined;

function titleRegexesOnce() {
  if (titleRegexes) return titleRegexes;
  const countries = countryWordsSource();
  titleRegexes = [];
  for (const [role, pattern] of Object.entries(ROLE_PATTERNS) as [Role, string][]) {
    // "the Russian Minister of Defense", "Chinese State Councilor and Defense Minister", "Russia's defence minister"
    titleRegexes.push({
      regex: new RegExp(
        `(?<![\\p{L}.])(${countries})(?:['’]s)?\\s+(?:(?:[\\p{L}-]+\\s+){0,3}?(?:and\\s+)?)?${pattern}(?!\\p{L})`,
        'giud',
      ),
      shape: 'before',
      role,
    });
    // "Minister of Defence of the Russian Federation", "President of France"
    titleRegexes.push({
      regex: new RegExp(`(?<!\\p{L})${pattern}\\s+of\\s+(?:the\\s+)?(${countries})(?![\\p{L}])`, 'giud'),
      shape: 'after',
      role,
    });
  }
  for (const fixed of FIXED_TITLES) {
    titleRegexes.push({
      regex: new RegExp(`(?<!\\p{L})${fixed.pattern}(?!\\p{L})`, 'giud'),
      shape: 'fixed',
      role: fixed.role,
      country: fixed.country,
    });
  }
  return titleRegexes;
}

/**
 * Every title + country in the text ("the Russian Minister of Defense", "head
 * of the Pentagon"). A title without a country ("The Defence Secretary") is
 * the publisher's own official when the publisher's country is known.
 */
export function findTitleMentions(text: string, homeCountry: string | null = null): Mention[] {
  const out: Mention[] = [];
  if (homeCountry) {
    for (const [role, pattern] of Object.entries(ROLE_PATTERNS) as [Role, string][]) {
      // Capitalised as a title is: "the Defence Secretary", not "a defence secretary".
      for (const m of text.matchAll(new RegExp(`(?<!\\p{L})${pattern}(?!\\p{L})`, 'giu'))) {
        if (!/^\p{Lu}/u.test(m[0])) continue;
        out.push({
          kind: 'title',
          evidence: span(text, m.index, m.index + m[0].length),
          country: homeCountry,
          role,
          home: true,
        });
      }
    }
  }
  for (const { regex, shape, role, country } of titleRegexesOnce()) {
    regex.lastIndex = 0;
    for (const m of text.matchAll(regex)) {
      let code = country ?? null;
      if (shape !== 'fixed') {
        const word = m[1];
        // A country word is capitalised as written: "US" is a country, "us" a pronoun.
        if (!/^\p{Lu}/u.test(word)) continue;
        code = countryOfWord(word);
      }
      if (!code) continue;
      out.push({ kind: 'title', evidence: span(text, m.index, m.index + m[0].length), country: code, role });
    }
  }
  // "his Russian counterpart": the same office as the person it belongs to, in another country.
  const countries = countryWordsSource();
  for (const m of text.matchAll(
    new RegExp(`(?<!\\p{L})(?:his|her|their)\\s+(${countries})\\s+counterparts?(?!\\p{L})`, 'giu'),
  )) {
    if (!/^\p{Lu}/u.test(m[1])) continue;
    const code = countryOfWord(m[1]);
    if (code)
      out.push({
        kind: 'title',
        evidence: span(text, m.index, m.index + m[0].length),
        country: code,
        counterpart: true,
      });
  }
  out.sort((a, b) => a.evidence.start - b.evidence.start || b.evidence.end - a.evidence.end);
  return out.filter(
    (m, i) => !out.slice(0, i).some((k) => k.evidence.start <= m.evidence.start && k.evidence.end >= m.evidence.end),
  );
}

/** The countries a text names, by adjective or name: the data layer looks up their office holders. */
export function countriesNamed(text: string): string[] {
  const codes = new Set<string>();
  for (const m of findTitleMentions(text)) if (m.country) codes.add(m.country);
  for (const [code, words] of Object.entries(COUNTRY_WORDS)) {
    if (
      words.some((w) => new RegExp(`(?<!\\p{L})${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'u').test(text))
    ) {
      codes.add(code);
    }
  }
  return [...codes];
}
