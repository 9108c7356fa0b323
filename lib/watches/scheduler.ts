/*
 * Starts the watch job inside a server process (from instrumentation.ts): every WATCH_JOB_INTERVAL_SECONDS
 * (default 300), and soon after any write that may end or change a silence. Writes of contacts already
 * announce themselves on commit through PostgreSQL NOTIFY for the response cache (lib/cache/invalidate.ts);
 * this process LISTENs on the same channel, so a write from any process (the web server, the command line,
 * an import) triggers a run here after it committed, without slowing or failing the write itself. Several
 * processes may all run the job: the advisory lock of lib/data/watch-job.ts lets one work at a time.
 */
import pg from 'pg';
import { CACHE_CHANNEL } from '../cache/tags.mjs';
import { log } from '../log';

type Runner = () => Promise<{ ran: boolean }>;

type Scheduler = { request: () => void; stop: () => Promise<void> };

const state = globalThis as unknown as { counterpartWatchScheduler?: Scheduler };

/** How often the job runs, from WATCH_JOB_INTERVAL_SECONDS (0 turns the timer off; writes still trigger runs). */
export function watchIntervalMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env.WATCH_JOB_INTERVAL_SECONDS;
  if (raw === undefined || raw.trim() === '') return 300_000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new Error(`WATCH_JOB_INTERVAL_SECONDS must be a number of seconds (0 = no timer); it is "${raw}".`);
  }
  return seconds * 1000;
}

/** Whether a cache notification's tags may touch a watched silence: any contact or pair write, or everything. */
function touchesSilences(payload: string | undefined): boolean {
  try {
    const tags: unknown = JSON.parse(payload ?? '{}').tags;
    return Array.isArray(tags) && tags.some((t) => t === 'all' || t === 'contacts' || String(t).startsWith('pair:'));
  } catch {
    return false;
  }
}

/** Starts the scheduler once per process; later calls return the running one. */
export function startWatchScheduler(
  run: Runner,
  options: { intervalMs: number; connectionString?: string },
): Scheduler {
  if (state.counterpartWatchScheduler) return state.counterpartWatchScheduler;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const runNow = async () => {
    try {
      let result = await run();
      // Another process held the lock, and may have read before the write that asked for this run:
      // one more try shortly after, so the write is never missed.
      if (!result.ran) {
        await new Promise((resolve) => setTimeout(resolve, 2_000).unref());
        result = await run();
      }
    } catch (error) {
      log.error({ err: error }, 'The watch job failed');
    }
  };
  const request = () => {
    if (stopped) return;
    if (running !== null) {
      again = true;
      return;
    }
    running = runNow().finally(() => {
      running = null;
      if (again) {
        again = false;
        request();
      }
    });
  };

  const interval = options.intervalMs > 0 ? setInterval(request, options.intervalMs) : null;
  interval?.unref();

  let client: pg.Client | null = null;
  const listen = async (delayMs = 1_000) => {
    if (stopped || !options.connectionString) return;
    const next = new pg.Client({ connectionString: options.connectionString, connectionTimeoutMillis: 5_000 });
    const retry = () => {
      if (stopped) return;
      client = null;
      timer = setTimeout(() => void listen(Math.min(delayMs * 2, 60_000)), delayMs);
      timer.unref();
    };
    next.on('error', () => undefined);
    next.on('end', retry);
    next.on('notification', (message) => {
      if (touchesSilences(message.payload)) request();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CACHE_CHANNEL}`);
      client = next;
    } catch (error) {
      log.warn({ err: error }, 'The watch job could not listen for writes; retrying');
      next.removeAllListeners('end');
      await next.end().catch(() => undefined);
      retry();
    }
  };
  void listen();
  // A first run soon after start: silences may have crossed while no server was up.
  timer = setTimeout(request, 5_000);
  timer.unref();

  const scheduler: Scheduler = {
    request,
    async stop() {
      stopped = true;
      if (interval) clearInterval(interval);
      if (timer) clearTimeout(timer);
      client?.removeAllListeners('end');
      await client?.end().catch(() => undefined);
      await running;
      state.counterpartWatchScheduler = undefined;
    },
  };
  state.counterpartWatchScheduler = scheduler;
  return scheduler;
}

/** Asks this process's scheduler for a run soon (after a watch or webhook changed); nothing when none runs. */
export function requestWatchRun(): void {
  state.counterpartWatchScheduler?.request();
}
