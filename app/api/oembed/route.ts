import { pairTitle } from '@/components/pair-view';
import { methodNotAllowed } from '@/lib/api/method-not-allowed';
import { jsonResponse, requestOrigin, withErrors } from '@/lib/api/respond';
import { CACHE_TAGS_HEADER, pairTag } from '@/lib/cache/tags.mjs';
import { parseAsOf } from '@/lib/cite/as-of';
import { EMBED_SIZE, parsePairUrl } from '@/lib/cite/embed';
import { pairEmbedCode } from '@/lib/cite/pair';
import { getPairPage } from '@/lib/data/pair-page';
import { AppError } from '@/lib/errors';
import { todayUtc } from '@/lib/gaps/dates';

export const dynamic = 'force-dynamic';

/** How long a consumer may keep the answer (seconds): the iframe inside is live, only the title may change. */
export const OEMBED_CACHE_AGE = 3600;

/** A positive whole number of pixels, or undefined when the parameter is absent. */
function pixels(params: URLSearchParams, name: 'maxwidth' | 'maxheight'): number | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < 1) {
    throw new AppError('INVALID', `Invalid parameter “${name}”: a whole number of pixels, 1 or more`, {
      [name]: ['A whole number of pixels, 1 or more'],
    });
  }
  return value;
}

/**
 * oEmbed 1.0 (https://oembed.com) for pair pages and their embeds: a `rich` answer whose html is an
 * iframe of /embed/pairs/…, no larger than maxwidth × maxheight. JSON only (format=xml: 501).
 */
export const GET = withErrors(async (request) => {
  const params = new URL(request.url).searchParams;
  const format = params.get('format') ?? 'json';
  if (format !== 'json') {
    throw new AppError('NOT_IMPLEMENTED', `Format “${format}” is not offered; use format=json`, {
      format: ['Only json is offered'],
    });
  }
  const url = params.get('url')?.trim();
  if (!url) {
    throw new AppError('INVALID', 'Missing parameter “url”: the address of a pair page', {
      url: ['The address of a pair page of this site, e.g. /pairs/countries/US/RU'],
    });
  }
  const maxWidth = pixels(params, 'maxwidth');
  const maxHeight = pixels(params, 'maxheight');
  const origin = requestOrigin(request);
  const target = parsePairUrl(url, origin);
  if (target === null) throw new AppError('NOT_FOUND', `Not a pair page of this site: ${url}`);
  const asOf = parseAsOf(target.asOf, todayUtc());
  if (!asOf.ok) throw new AppError('INVALID', asOf.message, { url: [asOf.message] });
  const page = await getPairPage(target.level, target.a, target.b, asOf.asOf);
  if (page === null) throw new AppError('NOT_FOUND', `No such pair: ${url}`);

  const width = Math.min(EMBED_SIZE.width, maxWidth ?? Infinity);
  const height = Math.min(EMBED_SIZE.height, maxHeight ?? Infinity);
  const title = pairTitle(page.a, page.b);
  const headers = new Headers();
  headers.set(CACHE_TAGS_HEADER, pairTag(target.level, page.a.ref, page.b.ref));
  return jsonResponse(
    {
      type: 'rich',
      version: '1.0',
      title: asOf.asOf === null ? title : `${title}, as of ${asOf.asOf}`,
      provider_name: 'Counterpart',
      provider_url: `${origin}/`,
      cache_age: OEMBED_CACHE_AGE,
      html: pairEmbedCode(page, { origin, asOf: asOf.asOf, width, height }),
      width,
      height,
    },
    { headers },
  );
});

const notAllowed = methodNotAllowed('GET');
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
