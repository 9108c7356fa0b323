import { jsonResponse } from '@/lib/api/respond';
import { methodNotAllowed } from '@/lib/api/method-not-allowed';

export const dynamic = 'force-dynamic';

/**
 * `{ "ok": true }`, answered per request without touching the database: the cost of a dynamic route by
 * itself, the floor `npm run bench` compares the API's figures with (and what it polls while the server starts).
 */
export function GET() {
  return jsonResponse({ ok: true });
}

const notAllowed = methodNotAllowed('GET');
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
