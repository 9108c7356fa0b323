import { loadPairSeries } from '@/lib/api/pairs';
import { parseParams, rejectUnknownParams, requestOrigin, withErrors } from '@/lib/api/respond';
import { citePair } from '@/lib/cite/pair';
import { getPairDataVersion } from '@/lib/data/pair-page';
import { gapSeriesJson } from '@/lib/api/serialize';
import { downloadHeaders, exportFilename } from '@/lib/export/files';
import { gapSeriesToCsv, gapSeriesToJson, gapsExportMeta } from '@/lib/export/gaps';
import { CACHE_TAGS_HEADER, pairTag } from '@/lib/cache/tags.mjs';
import { todayUtc } from '@/lib/gaps/dates';
import { ZExportFormat } from '@/lib/validation/export-format';
import { PAIR_QUERY_KEYS, pairQueryToString, ZPairQuery } from '@/lib/validation/pair-query';
import { methodNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/** A pair's gap series as a CSV or JSON file: the same numbers as /api/v1/gaps, stamped with the pair and time. */
export const GET = withErrors(async (request) => {
  const params = new URL(request.url).searchParams;
  rejectUnknownParams(params, [...PAIR_QUERY_KEYS, 'format']);
  const { format } = parseParams(ZExportFormat, params);
  const query = parseParams(ZPairQuery, params);
  const at = new Date();
  const today = todayUtc(at);
  const overview = await loadPairSeries(query, today);
  const body = gapSeriesJson(overview, today);
  const citation = citePair(
    {
      pair: overview.pair,
      canonical: overview.canonical,
      a: { ref: overview.a.ref, name: body.pair.a.label },
      b: { ref: overview.b.ref, name: body.pair.b.label },
      dataVersion: await getPairDataVersion(overview.pair, today, true),
    },
    { origin: requestOrigin(request), asOf: today, accessed: today, medium: 'Data set, gap series export' },
  );
  const meta = gapsExportMeta({ query: pairQueryToString(query), today, at, citation });
  const file = format === 'csv' ? gapSeriesToCsv(body, meta) : gapSeriesToJson(body, meta);
  const filename = exportFilename({ kind: 'gaps', parts: [body.pair.a.ref, body.pair.b.ref], at, format });
  const headers = new Headers(downloadHeaders(filename, format));
  // An official named by id or by a merged slug: the cache must know the pair it stands for.
  headers.set(CACHE_TAGS_HEADER, pairTag(query.level, overview.a.ref, overview.b.ref));
  // RFC 8574: the permalink to cite, for programs that read headers rather than the file.
  headers.set('Link', `<${citation.permalink}>; rel="cite-as"`);
  return new Response(file, { headers });
});

const notAllowed = methodNotAllowed('GET');
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
