import { healthReport } from '@/lib/health';

export const dynamic = 'force-dynamic';

/**
 * The service's health for load balancers and monitors: 200 while it can serve (status ok, or degraded when
 * the statistics disagree with the contacts), 503 when the database does not answer or migrations are
 * pending. Never cached, and never an error page: a failure to check is itself the answer.
 */
export async function GET() {
  let report;
  try {
    report = await healthReport();
  } catch {
    report = {
      status: 'unavailable' as const,
      checkedAt: new Date().toISOString(),
      database: { reachable: false, latencyMs: null },
      migrations: null,
      statistics: null,
    };
  }
  return Response.json(report, {
    status: report.status === 'unavailable' ? 503 : 200,
    headers: { 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' },
  });
}
