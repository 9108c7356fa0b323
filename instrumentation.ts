/**
 * Runs once when a Next.js server process starts: starts the watch job (lib/watches/scheduler.ts,
 * docs/WATCHES.md) in the Node.js runtime of a running server, never while building.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  if (!process.env.DATABASE_URL) return;
  const [{ startWatchScheduler, watchIntervalMs }, { runWatchJob }] = await Promise.all([
    import('./lib/watches/scheduler'),
    import('./lib/data/watch-job'),
  ]);
  startWatchScheduler(() => runWatchJob(), {
    intervalMs: watchIntervalMs(),
    connectionString: process.env.DATABASE_URL,
  });
}
