/**
 * Admission control for the web server: at most RENDER_CONCURRENCY requests are handed to Next.js at once;
 * the others wait their turn in order, and past RENDER_QUEUE waiting ones a request is refused at once with
 * a 503 and Retry-After instead of joining a queue it would time out in.
 *
 * Why: under 200 readers of a 1,000,000-contact history, every request that missed the response cache began
 * its render at once. Each holds its data while it waits for one of the pool's database connections, so the
 * heap filled, the process spent its time collecting garbage, and it died out of memory. Waiting in this
 * queue costs a socket, not a render; and a request whose client has gone away while it waited is dropped
 * without being rendered.
 *
 * Reads waiting are rendered by demand, then in order: the response cache (scripts/lib/response-cache.mjs)
 * marks each render with how many requests wait for it (RENDER_DEMAND), so the dashboard that forty readers
 * wait for, purged by every write, goes before a page of the long tail that one reader asked for. In the
 * soak, first come first served left the dashboard behind hundreds of such renders, and its readers timed out.
 *
 * Writes (any method but GET and HEAD) wait in a queue of their own that goes first: a researcher's save is
 * worth more than a reader's render, it holds row locks others wait for, and the soak's writers timed out
 * behind hundreds of readers.
 *
 * Not queued: cache hits (answered before this), the build's static files, the pages the build prerendered
 * (`staticPaths`: Next.js answers them from disk, reading no data; in the soak the methodology page waited
 * 10 s behind renders it had no part in), health and ping (they must answer when the app is busy), and the
 * streams that run for minutes holding little (exports, import uploads), which would otherwise hold a slot
 * each for their whole length.
 */

/** Requests rendered at once when RENDER_CONCURRENCY is unset: a little under the database pool's 10. */
export const DEFAULT_RENDER_CONCURRENCY = 8;
/** Requests that may wait when RENDER_QUEUE is unset. */
export const DEFAULT_RENDER_QUEUE = 2_000;
/** How long a handler may run on after its response has ended or its client has gone, still holding its slot. */
export const DEFAULT_GRACE_MS = 10_000;
/**
 * A request property: a function telling how many requests its render will answer (1 when unset). Read each
 * time a slot frees, since readers keep joining a render while it waits.
 */
export const RENDER_DEMAND = Symbol('counterpart.renderDemand');

/** What a refused request is told to wait before trying again, in seconds. */
const RETRY_AFTER_SECONDS = 5;

const NEVER_QUEUED = [
  /^\/_next\/static\//,
  /^\/api\/health\/?$/,
  /^\/api\/v1\/ping\/?$/,
  /\/export\/?$/,
  /^\/api\/imports\/?$/,
];

function wholeFromEnv(name, raw, fallback, min) {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number of at least ${min}; it is "${raw}".`);
  }
  return value;
}

/** Reads RENDER_CONCURRENCY and RENDER_QUEUE. Throws one line on a bad value. */
export function renderLimitsFromEnv(env = process.env) {
  return {
    concurrency: wholeFromEnv('RENDER_CONCURRENCY', env.RENDER_CONCURRENCY, DEFAULT_RENDER_CONCURRENCY, 1),
    maxQueue: wholeFromEnv('RENDER_QUEUE', env.RENDER_QUEUE, DEFAULT_RENDER_QUEUE, 0),
  };
}

function isNeverQueued(req, staticPaths) {
  const pathname = (req.url ?? '/').split('?')[0];
  if ((req.method === 'GET' || req.method === 'HEAD') && staticPaths.has(pathname)) return true;
  return NEVER_QUEUED.some((pattern) => pattern.test(pathname));
}

function refuseBusy(req, res) {
  const body = {
    error: {
      code: 'UNAVAILABLE',
      message: `The server is busy; try again in ${RETRY_AFTER_SECONDS} seconds.`,
    },
  };
  const wantsJson = (req.url ?? '').startsWith('/api/') || !(req.headers.accept ?? '').includes('text/html');
  res.writeHead(503, {
    'Content-Type': wantsJson ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    'Retry-After': String(RETRY_AFTER_SECONDS),
    'Cache-Control': 'no-store',
  });
  res.end(
    wantsJson
      ? JSON.stringify(body)
      : `<!doctype html><meta charset="utf-8"><title>Busy · Counterpart</title><p>${body.error.message}</p>`,
  );
}

/** Resolves once the response has been sent or its connection closed. */
function settled(res) {
  if (res.writableFinished || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    res.once('finish', resolve);
    res.once('close', resolve);
  });
}

/**
 * A limiter of `concurrency` requests at once with at most `maxQueue` waiting (and `graceMs`, `staticPaths`:
 * see above). `wrap(handle)` gives the handler to serve through it; `stats()` tells how many are rendering,
 * waiting, refused and dropped.
 */
export function createRenderLimiter({ concurrency, maxQueue, graceMs = DEFAULT_GRACE_MS, staticPaths = [] }) {
  const prerendered = new Set(staticPaths);
  let active = 0;
  /** Writes waiting, served first; then reads, in order. */
  const writes = [];
  const reads = [];
  const counts = { refused: 0, dropped: 0 };

  /** The waiting read the most requests wait for (the first of those in a tie), taken out of the queue. */
  function busiestRead() {
    let best = 0;
    let bestDemand = -1;
    for (let i = 0; i < reads.length; i++) {
      const demand = reads[i].req[RENDER_DEMAND]?.() ?? 1;
      if (demand > bestDemand) [best, bestDemand] = [i, demand];
    }
    return reads.splice(best, 1)[0]?.resume;
  }

  function release() {
    const next = writes.shift()?.resume ?? busiestRead();
    if (next === undefined) active--;
    else next();
  }

  function gone(req, res) {
    return res.destroyed || res.writableEnded || !req.socket || req.socket.destroyed;
  }

  return {
    stats: () => ({ active, waiting: writes.length + reads.length, ...counts }),
    wrap(handle) {
      return async (req, res) => {
        if (isNeverQueued(req, prerendered)) return handle(req, res);
        if (active < concurrency) active++;
        else {
          if (writes.length + reads.length >= maxQueue) {
            counts.refused++;
            return refuseBusy(req, res);
          }
          const queue = req.method === 'GET' || req.method === 'HEAD' ? reads : writes;
          // The slot is handed over by release(): `active` stays as it was.
          await new Promise((resume) => queue.push({ req, resume }));
          if (gone(req, res)) {
            counts.dropped++;
            return release();
          }
        }
        // The slot is held until the handler settles: a render whose client has gone away still runs, and
        // freeing its slot at once let abandoned renders pile up until the heap was full (the soak, with
        // clients giving up after 10 s). But Next.js may leave a handler pending for ever when its client goes
        // away mid-stream, and eight such slots held for ever would stop the server: so once the response has
        // ended or its connection closed, the handler has `graceMs` more to settle. The caller still gets the
        // handler's promise.
        const done = Promise.resolve(handle(req, res));
        const outcome = done.then(
          () => undefined,
          () => undefined,
        );
        let timer;
        const grace = settled(res).then(() => new Promise((resolve) => (timer = setTimeout(resolve, graceMs))));
        try {
          await Promise.race([outcome, grace]);
        } finally {
          clearTimeout(timer);
          release();
        }
        return done;
      };
    },
  };
}
