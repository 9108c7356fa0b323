import { jsonResponse } from '@/lib/api/respond';

export const dynamic = 'force-dynamic';

/**
 * `{ "ok": true }`, answered per request without touching the database: the cost of a dynamic route by
 * itself, the floor `npm run bench` compares the API's figures with (and what it polls while the server starts).
 */
export function GET() {
  return jsonResponse({ ok: true });
}
