import { jsonResponse } from './respond';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The handler of the methods a route does not take. Next.js answers them with an empty 405, where every
 * other error of the API is JSON with a code and a message; this one names the methods the route takes.
 */
export function methodNotAllowed(...allowed: Method[]) {
  return (request: Request): Response =>
    jsonResponse(
      {
        error: {
          code: 'METHOD_NOT_ALLOWED',
          message: `${request.method} is not a method of ${new URL(request.url).pathname}: use ${allowed.join(' or ')}`,
        },
      },
      { status: 405, headers: { Allow: allowed.join(', ') } },
    );
}
