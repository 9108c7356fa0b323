import { getOfficialPhoto } from '@/lib/data/photos';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ slug: string }> };

/**
 * An official's uploaded photo, with the type read from its bytes when it was
 * stored, never sniffed again by the browser, and revalidated by ETag or date.
 * A photo given as an address elsewhere is a redirect there.
 */
export async function GET(request: Request, { params }: Context) {
  const photo = await getOfficialPhoto((await params).slug);
  if (photo === null) {
    return new Response('No photo', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  if (photo.kind === 'url') return Response.redirect(photo.url, 302);
  const lastModified = new Date(Math.floor(photo.updatedAt.getTime() / 1000) * 1000);
  const headers = new Headers({
    'Content-Type': photo.contentType,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'public, max-age=0, must-revalidate',
    ETag: photo.etag,
    'Last-Modified': lastModified.toUTCString(),
  });
  const ifNoneMatch = request.headers.get('If-None-Match');
  const ifModifiedSince = request.headers.get('If-Modified-Since');
  const notModified = ifNoneMatch
    ? ifNoneMatch.split(',').some((tag) => tag.trim() === photo.etag || tag.trim() === '*')
    : ifModifiedSince !== null && Date.parse(ifModifiedSince) >= lastModified.getTime();
  if (notModified) return new Response(null, { status: 304, headers });
  headers.set('Content-Length', String(photo.bytes.byteLength));
  return new Response(photo.bytes, { status: 200, headers });
}
