import type { IsoDate, PairLevel } from '../gaps/types';
import { buildCitation, permalinkFor, type Citation } from './citation';
import { EMBED_SIZE, embedHtml, embedPath } from './embed';

/** What a pair's citation and embed code are made of (a pair page's data has all of it). */
export type CitablePair = {
  pair: { level: PairLevel };
  /** The page's address, e.g. /pairs/officials/lloyd-austin/sergei-shoigu */
  canonical: string;
  a: { ref: string; name: string };
  b: { ref: string; name: string };
  dataVersion: string;
};

/** The title a citation and an embed give a pair's record. */
export function citedTitle(pair: CitablePair): string {
  return `${pair.a.name} – ${pair.b.name}: contacts and silences`;
}

/**
 * The citation of a pair page (or export: `medium`) seen on `accessed`, as of `asOf` (the day its
 * figures stand for: the permalink's day, today for today's page).
 */
export function citePair(
  pair: CitablePair,
  options: { origin: string; asOf: IsoDate; accessed: IsoDate; medium?: string },
): Citation {
  return buildCitation({
    title: citedTitle(pair),
    permalink: permalinkFor(options.origin, pair.canonical, options.asOf),
    asOf: options.asOf,
    accessed: options.accessed,
    dataVersion: pair.dataVersion,
    keyParts: [pair.a.ref, pair.b.ref],
    medium: options.medium,
  });
}

/** The iframe that embeds the pair's live chart (or, with asOf, the chart as of that day). */
export function pairEmbedCode(
  pair: CitablePair,
  options: { origin: string; asOf: IsoDate | null; width?: number; height?: number },
): string {
  const src = new URL(embedPath(pair.pair.level, pair.a.ref, pair.b.ref), options.origin);
  if (options.asOf !== null) src.searchParams.set('asOf', options.asOf);
  return embedHtml({
    src: src.toString(),
    title: `Gap chart: ${pair.a.name} – ${pair.b.name}`,
    width: options.width ?? EMBED_SIZE.width,
    height: options.height ?? EMBED_SIZE.height,
  });
}
