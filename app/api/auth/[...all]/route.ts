import { jsonResponse } from '@/lib/api/respond';
import { getAuth } from '@/lib/auth/auth';
import { methodNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/**
 * better-auth's endpoints: sign in, sign out, session, change password. The library answers an unknown or
 * disabled path with an empty or plain-text 404; that becomes a JSON error like every other of the API's.
 */
async function handle(request: Request): Promise<Response> {
  const response = await getAuth().handler(request);
  if (response.status < 400 || /json/i.test(response.headers.get('content-type') ?? '')) return response;
  const { pathname } = new URL(request.url);
  const [code, message] =
    response.status === 404
      ? ['NOT_FOUND', `No endpoint ${pathname}`]
      : response.status >= 500
        ? ['INTERNAL', 'Something went wrong on the server. The error has been logged.']
        : ['INVALID', (await response.text()).trim() || `The request to ${pathname} was refused`];
  return jsonResponse({ error: { code, message } }, { status: response.status, headers: response.headers });
}

export const GET = handle;
export const POST = handle;

const notAllowed = methodNotAllowed('GET', 'POST');
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
