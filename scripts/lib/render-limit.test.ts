import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRenderLimiter, RENDER_DEMAND, renderLimitsFromEnv } from './render-limit.mjs';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/** A server whose renders each wait until the test lets them finish, recording the order they began in. */
async function serve(
  limits: { concurrency: number; maxQueue: number; graceMs?: number; staticPaths?: string[] },
  demand: Record<string, () => number> = {},
) {
  const began: string[] = [];
  const finishers = new Map<string, () => void>();
  let rendering = 0;
  let mostAtOnce = 0;
  const render: Handler = async (req, res) => {
    const name = req.url ?? '';
    began.push(name);
    rendering++;
    mostAtOnce = Math.max(mostAtOnce, rendering);
    await new Promise<void>((resolve) => finishers.set(name, resolve));
    rendering--;
    res.end(`rendered ${name}`);
  };
  const limiter = createRenderLimiter(limits);
  const handle = limiter.wrap(render);
  const server = http.createServer((req, res) => {
    // As the response cache does: how many requests this render will answer.
    const wanted = demand[req.url ?? ''];
    if (wanted) Object.assign(req, { [RENDER_DEMAND]: wanted });
    void handle(req, res);
  });
  let closedConnections = 0;
  server.on('connection', (socket) => socket.once('close', () => closedConnections++));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const get = (path: string, signal?: AbortSignal) => fetch(`http://127.0.0.1:${port}${path}`, { signal });
  const post = (path: string) => fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', body: '{}' });
  servers.push(server);
  return {
    limiter,
    began,
    mostAtOnce: () => mostAtOnce,
    closedConnections: () => closedConnections,
    get,
    post,
    /** Starts `path`, queues `waiting` behind it, then has `path`'s client give up; resolves once the server saw it go. */
    abandonWhileWaiting: async (path: string, waiting: string) => {
      const abort = new AbortController();
      const abandoned = get(path, abort.signal).catch(() => null);
      await until(() => began.length === 1);
      const next = get(waiting);
      await until(() => limiter.stats().waiting === 1);
      abort.abort();
      await abandoned;
      await until(() => closedConnections === 1);
      // Wrapped: returned bare, the async function would wait for the answer itself.
      return { next };
    },
    finish: async (path: string) => {
      await until(() => finishers.has(path));
      finishers.get(path)?.();
    },
  };
}

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('the render limiter', () => {
  it('renders at most its concurrency at once, the rest in the order they came', async () => {
    const app = await serve({ concurrency: 2, maxQueue: 10 });
    const answers = ['/a', '/b', '/c', '/d'].map((path) => app.get(path));
    await until(() => app.began.length === 2 && app.limiter.stats().waiting === 2);
    expect(app.began).toEqual(['/a', '/b']);

    await app.finish('/b');
    await until(() => app.began.length === 3);
    expect(app.began).toEqual(['/a', '/b', '/c']);
    for (const path of ['/a', '/c', '/d']) await app.finish(path);

    const bodies = await Promise.all(answers.map(async (answer) => (await answer).text()));
    expect(bodies).toEqual(['rendered /a', 'rendered /b', 'rendered /c', 'rendered /d']);
    expect(app.mostAtOnce()).toBe(2);
    expect(app.limiter.stats()).toMatchObject({ active: 0, waiting: 0, refused: 0 });
  });

  it('lets waiting writes go before waiting reads, each kind in its order', async () => {
    const app = await serve({ concurrency: 1, maxQueue: 10 });
    const answers = [app.get('/first'), app.get('/read-1')];
    await until(() => app.limiter.stats().waiting === 1);
    answers.push(app.post('/write-1'));
    await until(() => app.limiter.stats().waiting === 2);
    answers.push(app.get('/read-2'));
    await until(() => app.limiter.stats().waiting === 3);
    answers.push(app.post('/write-2'));
    await until(() => app.limiter.stats().waiting === 4);

    // Each render is let finish once it has begun, so the next one waiting begins.
    for (let n = 1; n <= 5; n++) {
      await until(() => app.began.length === n);
      await app.finish(app.began[n - 1]);
    }
    await Promise.all(answers);
    expect(app.began).toEqual(['/first', '/write-1', '/write-2', '/read-1', '/read-2']);
  });

  it('renders first the waiting read the most requests wait for, asked when a slot frees', async () => {
    let dashboardReaders = 1;
    const app = await serve({ concurrency: 1, maxQueue: 10 }, { '/dashboard': () => dashboardReaders });
    const answers = [app.get('/first'), app.get('/tail-1'), app.get('/dashboard'), app.get('/tail-2')];
    await until(() => app.limiter.stats().waiting === 3);
    // More readers join the dashboard's render while it waits.
    dashboardReaders = 40;

    for (let n = 1; n <= 4; n++) {
      await until(() => app.began.length === n);
      await app.finish(app.began[n - 1]);
    }
    await Promise.all(answers);
    expect(app.began).toEqual(['/first', '/dashboard', '/tail-1', '/tail-2']);
  });

  it('refuses at once with a 503 and Retry-After when the queue is full', async () => {
    const app = await serve({ concurrency: 1, maxQueue: 1 });
    const first = app.get('/api/v1/contacts');
    const second = app.get('/pairs/countries/RU/US');
    await until(() => app.limiter.stats().waiting === 1);

    const refused = await app.get('/api/v1/gaps');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toEqual({
      error: { code: 'UNAVAILABLE', message: 'The server is busy; try again in 5 seconds.' },
    });
    expect(app.limiter.stats().refused).toBe(1);

    await app.finish('/api/v1/contacts');
    await app.finish('/pairs/countries/RU/US');
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
  });

  it('drops a waiting request whose client has gone, without rendering it', async () => {
    const app = await serve({ concurrency: 1, maxQueue: 10 });
    const first = app.get('/first');
    const abort = new AbortController();
    const abandoned = app.get('/abandoned', abort.signal).catch(() => null);
    const last = app.get('/last');
    await until(() => app.limiter.stats().waiting === 2);
    abort.abort();
    await abandoned;
    await until(() => app.closedConnections() === 1);

    await app.finish('/first');
    await app.finish('/last');
    expect(await (await first).text()).toBe('rendered /first');
    expect(await (await last).text()).toBe('rendered /last');
    expect(app.began).toEqual(['/first', '/last']);
    expect(app.limiter.stats()).toMatchObject({ active: 0, waiting: 0, dropped: 1 });
  });

  it('holds the slot while a render whose client went away still runs', async () => {
    const app = await serve({ concurrency: 1, maxQueue: 10, graceMs: 60_000 });
    const { next } = await app.abandonWhileWaiting('/slow', '/next');
    // The abandoned render goes on: '/next' waits for it rather than run beside it.
    await app.finish('/slow');
    await app.finish('/next');
    expect(await (await next).text()).toBe('rendered /next');
    expect(app.mostAtOnce()).toBe(1);
  });

  it('frees the slot a grace period after the client went away, though the render never settles', async () => {
    const app = await serve({ concurrency: 1, maxQueue: 10, graceMs: 50 });
    const { next } = await app.abandonWhileWaiting('/hangs', '/next');
    // '/hangs' is never finished: its handler stays pending for ever.
    await app.finish('/next');
    expect(await (await next).text()).toBe('rendered /next');
    expect(app.limiter.stats()).toMatchObject({ active: 0, waiting: 0 });
  });

  it('never queues static files, health, ping, exports or import uploads', async () => {
    const app = await serve({ concurrency: 1, maxQueue: 0 });
    const busy = app.get('/busy');
    await until(() => app.limiter.stats().active === 1);
    const exempt = [
      '/_next/static/chunks/app.js',
      '/api/health',
      '/api/v1/ping',
      '/api/v1/contacts/export?country=RU',
      '/api/imports',
    ];
    const answers = exempt.map((path) => app.get(path));
    for (const path of exempt) await app.finish(path);
    expect((await Promise.all(answers)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await app.get('/search?q=x')).status).toBe(503);
    await app.finish('/busy');
    expect((await busy).status).toBe(200);
  });

  it('never queues a read of a prerendered page, but queues a write to its address and other pages', async () => {
    const app = await serve({ concurrency: 1, maxQueue: 0, staticPaths: ['/methodology'] });
    const busy = app.get('/busy');
    await until(() => app.limiter.stats().active === 1);
    const page = app.get('/methodology?ref=feed');
    await app.finish('/methodology?ref=feed');
    expect((await page).status).toBe(200);
    expect((await app.post('/methodology')).status).toBe(503);
    expect((await app.get('/methodology/more')).status).toBe(503);
    await app.finish('/busy');
    expect((await busy).status).toBe(200);
  });
});

describe('renderLimitsFromEnv', () => {
  it('reads the settings, with defaults, and refuses what is not a whole number in range', () => {
    expect(renderLimitsFromEnv({})).toEqual({ concurrency: 8, maxQueue: 2000 });
    expect(renderLimitsFromEnv({ RENDER_CONCURRENCY: '3', RENDER_QUEUE: '0' })).toEqual({
      concurrency: 3,
      maxQueue: 0,
    });
    expect(() => renderLimitsFromEnv({ RENDER_CONCURRENCY: '0' })).toThrow(
      'RENDER_CONCURRENCY must be a whole number of at least 1; it is "0".',
    );
    expect(() => renderLimitsFromEnv({ RENDER_QUEUE: 'many' })).toThrow(
      'RENDER_QUEUE must be a whole number of at least 0; it is "many".',
    );
  });
});
