import { jsonError } from '@/lib/api/respond';
import { AppError } from '@/lib/errors';

/** Any other address under /api/v1 answers in JSON, never with the HTML not-found page. */
function notFound(request: Request): Response {
  const { pathname } = new URL(request.url);
  return jsonError(
    new AppError('NOT_FOUND', `No endpoint ${pathname}; the endpoints are listed at /api/v1/openapi.json`),
    request,
  );
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
