import type { PairLevel } from '../gaps/types';
import { LEVEL_SEGMENT, levelFromSegment, pairPath } from '../pairs';

/** The size an embed is offered at when the consumer states none, and the smallest it is drawn at. */
export const EMBED_SIZE = { width: 600, height: 400 };
export const EMBED_MIN = { width: 280, height: 240 };

/** The embed page's address for a pair page's address (same sides, same asOf). */
export function embedPath(level: PairLevel, a: string, b: string): string {
  return `/embed${pairPath(level, a, b)}`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);

/** The iframe a site pastes to embed a chart (oEmbed's `html`, and the "Copy embed code" text). */
export function embedHtml(options: { src: string; title: string; width: number; height: number }): string {
  const { src, title, width, height } = options;
  return (
    `<iframe src="${escapeHtml(src)}" width="${width}" height="${height}" title="${escapeHtml(title)}" ` +
    `style="border:0;max-width:100%" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>`
  );
}

/** A pair page of this site named by an absolute URL: its level, sides and asOf, or null. */
export type PairUrl = { level: PairLevel; a: string; b: string; asOf: string | null };

/**
 * Reads the URL an oEmbed consumer asks about: a pair page (`/pairs/{level}/{a}/{b}`) or its embed
 * (`/embed/pairs/…`) on `origin`, with an optional `asOf`. Anything else is null (the caller
 * answers 404, as oEmbed asks).
 */
export function parsePairUrl(url: string, origin: string): PairUrl | null {
  let parsed: URL;
  try {
    // A path alone (/pairs/…) is taken on this site.
    parsed = new URL(url, origin);
  } catch {
    return null;
  }
  if (parsed.origin !== new URL(origin).origin) return null;
  const parts = parsed.pathname.split('/').slice(1);
  if (parts[0] === 'embed') parts.shift();
  if (parts.length !== 4 || parts[0] !== 'pairs') return null;
  const level = levelFromSegment(parts[1]);
  if (level === null) return null;
  let a: string, b: string;
  try {
    [a, b] = [decodeURIComponent(parts[2]), decodeURIComponent(parts[3])];
  } catch {
    return null;
  }
  if (a === '' || b === '') return null;
  return { level, a, b, asOf: parsed.searchParams.get('asOf') };
}

/** The segment names, for messages. */
export const LEVEL_SEGMENTS = Object.values(LEVEL_SEGMENT);
