import { readdirSync } from 'node:fs';
import path from 'node:path';
import { getDb } from './db';

/*
 * What `/api/health` reports: whether the database answers, whether every migration this build ships has
 * been applied, and whether the kept pair statistics agree with the contacts they are derived from. Nothing
 * in it names a host, a user, a secret or a path: it is public, for load balancers and monitors.
 */

export type HealthReport = {
  /** ok: all is well; degraded: serving, but the statistics disagree; unavailable: do not send traffic. */
  status: 'ok' | 'degraded' | 'unavailable';
  checkedAt: string;
  database: { reachable: boolean; latencyMs: number | null };
  migrations: { applied: number; pending: string[]; failed: string[] } | null;
  statistics: StatisticsCheck | null;
};

export type StatisticsCheck = {
  /** Null until the first check has finished (it runs in the background, at most once a minute). */
  consistent: boolean | null;
  checkedAt: string | null;
  problems: string[];
};

/** How long a database round trip may take before the database counts as not answering. */
const PROBE_TIMEOUT_MS = 3_000;
/** How long a statistics check stays current: the check reads whole tables, so it is not run per request. */
const STATISTICS_MAX_AGE_MS = 60_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The migrations this build ships: the folders of prisma/migrations, as Prisma names them. */
export function shippedMigrations(root = process.cwd()): string[] {
  const dir = path.join(root, 'prisma', 'migrations');
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

async function migrationState(shipped: string[]): Promise<NonNullable<HealthReport['migrations']>> {
  const rows = await getDb().$queryRaw<{ name: string; finished: boolean; rolledBack: boolean }[]>`
    SELECT migration_name AS name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS "rolledBack"
    FROM _prisma_migrations`;
  const applied = new Set(rows.filter((row) => row.finished && !row.rolledBack).map((row) => row.name));
  const failed = rows.filter((row) => !row.finished && !row.rolledBack).map((row) => row.name);
  return { applied: applied.size, pending: shipped.filter((name) => !applied.has(name)), failed };
}

/**
 * Invariants between the statistics tables and the contacts that each whole-table scan can check: at
 * every level, the contacts and held contacts the pairs count equal the pair rows, the gaps the pairs
 * count equal the gap-length histogram, and no pair row belongs to a deleted contact. They catch a
 * contact changed by hand without `npm run cli -- rebuild`, and a bug in the write path's bookkeeping;
 * the exhaustive comparison with the gap engine is `lib/stats/consistency.test.ts`.
 */
export async function checkStatistics(): Promise<string[]> {
  const db = getDb();
  const levels = await db.$queryRaw<
    { level: string; counted: bigint; held: bigint; rows: bigint; heldRows: bigint; gaps: bigint; lengths: bigint }[]
  >`
    WITH s AS (SELECT level, sum(contact_count) AS counted, sum(held_count) AS held, sum(gap_count) AS gaps
               FROM pair_stat GROUP BY level),
         c AS (SELECT level, count(*) AS rows, count(*) FILTER (WHERE status = 'HELD') AS held_rows
               FROM pair_contact GROUP BY level),
         g AS (SELECT level, sum(gaps) AS lengths FROM pair_gap_length GROUP BY level)
    SELECT level::text AS level, coalesce(s.counted, 0)::bigint AS counted, coalesce(s.held, 0)::bigint AS held,
           coalesce(c.rows, 0)::bigint AS rows, coalesce(c.held_rows, 0)::bigint AS "heldRows",
           coalesce(s.gaps, 0)::bigint AS gaps, coalesce(g.lengths, 0)::bigint AS lengths
    FROM s FULL JOIN c USING (level) FULL JOIN g USING (level)
    ORDER BY 1`;
  const problems: string[] = [];
  for (const l of levels) {
    if (l.counted !== l.rows)
      problems.push(`${l.level} pairs count ${l.counted} contacts, but hold ${l.rows} pair rows`);
    if (l.held !== l.heldRows)
      problems.push(`${l.level} pairs count ${l.held} held contacts, but hold ${l.heldRows} held pair rows`);
    if (l.gaps !== l.lengths)
      problems.push(`${l.level} pairs count ${l.gaps} gaps, but the gap-length table holds ${l.lengths}`);
  }
  const [{ orphans }] = await db.$queryRaw<{ orphans: bigint }[]>`
    SELECT count(*)::bigint AS orphans FROM pair_contact pc JOIN contact c ON c.id = pc.contact_id
    WHERE c.deleted_at IS NOT NULL`;
  if (orphans > 0n) problems.push(`${orphans} pair rows belong to deleted contacts`);
  return problems;
}

type StatisticsState = { last: StatisticsCheck; running: Promise<void> | null; startedAt: number };
const KEY = Symbol.for('counterpart.statisticsCheck');
const store = globalThis as unknown as Record<symbol, StatisticsState | undefined>;

/** The latest statistics check, starting a new one in the background when it is older than a minute. */
function latestStatistics(): StatisticsCheck {
  const state = (store[KEY] ??= {
    last: { consistent: null, checkedAt: null, problems: [] },
    running: null,
    startedAt: 0,
  });
  if (state.running === null && Date.now() - state.startedAt > STATISTICS_MAX_AGE_MS) {
    state.startedAt = Date.now();
    state.running = checkStatistics()
      .then((problems) => {
        state.last = { consistent: problems.length === 0, checkedAt: new Date().toISOString(), problems };
      })
      // A failed check (the database went away) leaves the last result; the next request tries again.
      .catch(() => {
        state.startedAt = 0;
      })
      .finally(() => {
        state.running = null;
      });
  }
  return state.last;
}

/** Waits for a statistics check in progress (tests, and the first request after start). */
export async function settleStatistics(): Promise<void> {
  await store[KEY]?.running;
}

/** The report; `root` is where prisma/migrations is read from (the app's folder). */
export async function healthReport(root = process.cwd()): Promise<HealthReport> {
  const checkedAt = new Date().toISOString();
  const started = performance.now();
  try {
    await withTimeout(getDb().$queryRaw`SELECT 1`, PROBE_TIMEOUT_MS);
  } catch {
    return {
      status: 'unavailable',
      checkedAt,
      database: { reachable: false, latencyMs: null },
      migrations: null,
      statistics: null,
    };
  }
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  const migrations = await withTimeout(migrationState(shippedMigrations(root)), PROBE_TIMEOUT_MS);
  const statistics = latestStatistics();
  const unmigrated = migrations.pending.length > 0 || migrations.failed.length > 0;
  const status = unmigrated ? 'unavailable' : statistics.consistent === false ? 'degraded' : 'ok';
  return { status, checkedAt, database: { reachable: true, latencyMs }, migrations, statistics };
}
