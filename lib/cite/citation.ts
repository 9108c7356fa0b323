import { parseIsoDate } from '../gaps/dates';
import type { IsoDate } from '../gaps/types';

/** What a citation of a pair's record names. */
export type CitationInput = {
  /** "Lloyd Austin and Sergei Shoigu: contacts and silences" */
  title: string;
  /** The permalink, absolute, with `?asOf=` (see permalinkFor). */
  permalink: string;
  /** The day the figures stand as of: the permalink's asOf. */
  asOf: IsoDate;
  /** The day the reader accessed the record (today, UTC). */
  accessed: IsoDate;
  /** The data version: a content hash of the pair's contacts as of that day. */
  dataVersion: string;
  /** Parts for the BibTeX key, e.g. the pair's two refs. */
  keyParts: string[];
  /** What is cited: a data set (page, embed) or an export file. */
  medium?: string;
};

/** A citation in the two forms the "Cite this" block offers. */
export type Citation = { apa: string; bibtex: string; permalink: string; dataVersion: string; accessed: IsoDate };

export const PUBLISHER = 'Counterpart';

const MONTH_NAME = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' });

/** APA's date forms: "(2022, May 13)" in the reference, "May 13, 2022" for the retrieval date. */
function apaParts(date: IsoDate) {
  const day = parseIsoDate(date);
  return { year: day.getUTCFullYear(), month: MONTH_NAME.format(day), day: day.getUTCDate() };
}

/** A permalink: the page's absolute address with `asOf`, and nothing else in its query. */
export function permalinkFor(origin: string, path: string, asOf: IsoDate): string {
  const url = new URL(path, origin);
  url.search = '';
  url.hash = '';
  url.searchParams.set('asOf', asOf);
  return url.toString();
}

/** Text set inside a BibTeX field: TeX's special characters escaped, braces balanced. */
export function bibtexEscape(text: string): string {
  return text.replace(/[\\{}&%$#_^~]/g, (ch) => {
    if (ch === '\\') return '\\textbackslash{}';
    if (ch === '^') return '\\textasciicircum{}';
    if (ch === '~') return '\\textasciitilde{}';
    return `\\${ch}`;
  });
}

/** A BibTeX key of plain ASCII letters, digits and hyphens: `counterpart-lloyd-austin-sergei-shoigu-2022-05-13`. */
export function bibtexKey(parts: string[], asOf: IsoDate): string {
  const words = ['counterpart', ...parts, asOf]
    .map((part) =>
      part
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter((part) => part !== '');
  return words.join('-');
}

/**
 * The APA-like reference and the BibTeX entry of a pair's record as of a day. The reference
 * is dated by the asOf day (the state of the record it cites), carries the data version and the
 * retrieval date, and points at the permalink, which shows the same figures later.
 */
export function buildCitation(input: CitationInput): Citation {
  const { title, permalink, asOf, accessed, dataVersion, keyParts, medium = 'Data set' } = input;
  const as = apaParts(asOf);
  const got = apaParts(accessed);
  const apa =
    `${PUBLISHER}. (${as.year}, ${as.month} ${as.day}). ${title} [${medium}; data version ${dataVersion}]. ` +
    `Retrieved ${got.month} ${got.day}, ${got.year}, from ${permalink}`;
  const fields: [string, string][] = [
    ['author', `{${PUBLISHER}}`],
    ['title', `{${bibtexEscape(title)}}`],
    ['year', String(as.year)],
    ['howpublished', `\\url{${permalink}}`],
    ['url', permalink],
    ['urldate', accessed],
    ['version', dataVersion],
    ['note', `${bibtexEscape(medium)} as of ${asOf}; data version ${dataVersion}; accessed ${accessed}`],
  ];
  const bibtex = [
    `@misc{${bibtexKey(keyParts, asOf)},`,
    ...fields.map(([name, value], i) => `  ${name} = {${value}}${i === fields.length - 1 ? '' : ','}`),
    '}',
  ].join('\n');
  return { apa, bibtex, permalink, dataVersion, accessed };
}
