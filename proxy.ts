import { NextResponse, type NextRequest } from 'next/server';
import { isDatabaseAvailable } from '@/lib/db-health';
import { AS_OF_PARAM, parseAsOf } from '@/lib/cite/as-of';
import { badRequestPage } from '@/lib/cite/bad-request-page';
import { staticPage } from '@/lib/static-page';
import { todayUtc } from '@/lib/gaps/dates';

/** Pair pages and their embeds, which take `?asOf=`: a refused date is a 400 before anything is read. */
const AS_OF_PAGE = /^\/(?:embed\/)?pairs\//;

function refuseAsOf(request: NextRequest): NextResponse | null {
  const { pathname, searchParams } = request.nextUrl;
  if (!AS_OF_PAGE.test(pathname) || !searchParams.has(AS_OF_PARAM)) return null;
  const result = parseAsOf(searchParams.getAll(AS_OF_PARAM), todayUtc());
  if (result.ok) return null;
  const body = badRequestPage({ message: result.message, todayHref: pathname });
  return new NextResponse(body, {
    status: 400,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/*
 * Answers 503 at once while PostgreSQL is not answering, instead of letting each
 * request wait for a connection (lib/db-health.ts decides, from the pool's own
 * connections and a quick TCP probe). Not a security boundary: nothing here
 * checks who the visitor is.
 */

const RETRY_AFTER_SECONDS = '5';
const MESSAGE = 'The database is not answering; try again in a moment.';

const PAGE = staticPage({
  title: 'Not answering',
  heading: 'Counterpart is not answering right now',
  body: `<p>The database is not answering. Try again in a moment: nothing you saved is lost; this page will work again as soon as the database is back.</p>
<p><a class="again" href="">Try again</a></p>`,
});

export async function proxy(request: NextRequest) {
  const refused = refuseAsOf(request);
  if (refused !== null) return refused;
  if (await isDatabaseAvailable()) return NextResponse.next();
  const headers = { 'Retry-After': RETRY_AFTER_SECONDS, 'Cache-Control': 'no-store' };
  const { pathname } = request.nextUrl;
  if (pathname.startsWith('/api/')) {
    // The id scripts/server.mjs gave the request, as every API error carries it (lib/api/respond.ts).
    const requestId = request.headers.get('x-request-id') ?? undefined;
    return NextResponse.json(
      { error: { code: 'UNAVAILABLE', message: MESSAGE, requestId } },
      { status: 503, headers: { ...headers, 'Access-Control-Allow-Origin': '*' } },
    );
  }
  return new NextResponse(PAGE, { status: 503, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}

export const config = {
  // Static files need no database: the browser still gets the CSS, scripts, icons and robots.txt.
  // Not the import upload: Next.js would buffer (and past 10 MB cut short) the body of a request it proxies.
  matcher: ['/((?!_next/static/|_next/image|api/imports$|api/health$|.*\\.(?:ico|png|svg|txt|webmanifest)$).*)'],
};
