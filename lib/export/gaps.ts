import type { GapJson, GapSeriesJson } from '../api/serialize';
import type { Citation } from '../cite/citation';
import { joinCell, toCsv, type CsvColumn } from './csv';

/** What a gap export says about itself: when it was made, which pair, and the date silences count to. */
export type GapsExportMeta = {
  generator: 'Counterpart';
  kind: 'gaps';
  exportedAt: string;
  /** The parameters that name the pair, as for /api/v1/gaps, e.g. `a=lloyd-austin&b=sergei-shoigu`. */
  query: string;
  /** The UTC date the current silence is counted to. */
  today: string;
  /** How to cite the figures: APA-like and BibTeX, with the permalink and data version. */
  citation?: Citation;
};

/** The metadata of a gap export made at `at`. */
export function gapsExportMeta(options: {
  query: string;
  today: string;
  at: Date;
  citation?: Citation;
}): GapsExportMeta {
  return {
    generator: 'Counterpart',
    kind: 'gaps',
    exportedAt: options.at.toISOString(),
    query: options.query,
    today: options.today,
    ...(options.citation ? { citation: options.citation } : {}),
  };
}

/**
 * The citation as `#` lines of the CSV preamble (readers told to skip comments skip them): the
 * BibTeX entry on one line, which BibTeX reads the same.
 */
function citationLines(citation: Citation | undefined): [string, string][] {
  if (!citation) return [];
  return [
    ['cite_as', citation.apa],
    ['cite_bibtex', citation.bibtex.replace(/\n\s*/g, ' ')],
    ['permalink', citation.permalink],
    ['data_version', citation.dataVersion],
  ];
}

const GAP_COLUMNS: CsvColumn<GapJson>[] = [
  { name: 'from', value: (g) => g.from },
  { name: 'to', value: (g) => g.to },
  { name: 'days', value: (g) => g.days },
  { name: 'min_days', value: (g) => g.minDays },
  { name: 'max_days', value: (g) => g.maxDays },
  // An end known only to the month or year: the days count from the first day of that period.
  { name: 'approximate', value: (g) => g.approximate },
  // Sources disagree on the date of an end: min_days and max_days hold what they allow.
  { name: 'disputed', value: (g) => g.disputed },
  { name: 'from_contact_id', value: (g) => g.fromContactId },
  { name: 'to_contact_id', value: (g) => g.toContactId },
  // The last silence of an official pair closes when one of the two leaves office: no contact ends it.
  { name: 'closed_by', value: (g) => (g.closedBy ? (g.closedBy.official?.ref ?? g.closedBy.officialId) : null) },
  { name: 'closed_on', value: (g) => g.closedBy?.on ?? null },
  { name: 'markers', value: (g) => joinCell(g.markers.map((m) => `${m.date} ${m.status} ${m.type}`)) },
];

/** "84", or "97 (possibly 90–97)" when precision or sources leave a range. */
function daysText(span: { days: number; minDays: number; maxDays: number }): string {
  return span.minDays === span.maxDays ? String(span.days) : `${span.days} (possibly ${span.minDays}–${span.maxDays})`;
}

function sideText(side: GapSeriesJson['pair']['a']): string {
  return side.label === side.ref ? side.ref : `${side.label} (${side.ref})`;
}

/**
 * A pair's gap series as CSV: one row per gap, the series' numbers (the same
 * object the API answers with) in `#` lines above the header.
 */
export function gapSeriesToCsv(body: GapSeriesJson, meta: GapsExportMeta): string {
  const { longestGap: longest, currentSilence: silence, closedSilence: closed } = body;
  return toCsv({
    title: 'Counterpart gap series export',
    meta: [
      ['exported_at', meta.exportedAt],
      ['query', meta.query],
      ['level', body.level],
      ['pair', `${sideText(body.pair.a)} – ${sideText(body.pair.b)}`],
      ['today', `${body.today} (UTC; the current silence counts to this date)`],
      ['held_count', body.heldCount],
      ['first_contact', body.firstContact?.date ?? null],
      ['last_contact', body.lastContact?.date ?? null],
      ['longest_gap_days', longest && `${daysText(longest)}, ${longest.from} to ${longest.to}`],
      ['median_gap_days', body.medianGapDays],
      ['mean_gap_days', body.meanGapDays],
      [
        'current_silence_days',
        silence &&
          `${daysText(silence)}, since ${silence.since}; longer than ${silence.rank.longerThan} of ${silence.rank.of} past gaps`,
      ],
      [
        'closed_silence_days',
        closed?.closedBy
          ? `${daysText(closed)}, ${closed.from} to ${closed.to}; closed: ${closed.closedBy.official?.label ?? closed.closedBy.officialId} left office on ${closed.closedBy.on}; longer than ${closed.closedBy.rank.longerThan} of ${closed.closedBy.rank.of} earlier gaps`
          : null,
      ],
      ...citationLines(meta.citation),
      [
        'note',
        'One row per gap between consecutive held contacts. approximate: an end is known only to the month or year; ' +
          'disputed: sources disagree on a date. min_days and max_days give the possible range. closed_by, ' +
          'closed_on: the last silence closed when this official left office (no contact ends it).',
      ],
    ],
    columns: GAP_COLUMNS,
    rows: body.gaps,
  });
}

/** A pair's gap series as JSON: `{ meta, …the /api/v1/gaps answer }`. */
export function gapSeriesToJson(body: GapSeriesJson, meta: GapsExportMeta): string {
  return `${JSON.stringify({ meta, ...body }, null, 2)}\n`;
}
