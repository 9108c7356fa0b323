import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { RENDER_DEMAND } from './render-limit.mjs';
import { acceptsGzip, cacheableTags, cacheBytesFromEnv, coalesce, ResponseCache } from './response-cache.mjs';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A real http server whose requests go through the cache to `app` (set per test), after `before`. */
async function serve(cache: ResponseCache, app: { handler: Handler }, before: Handler = () => {}) {
  const server = http.createServer((req, res) => {
    before(req, res);
    void cache.handle(req, res, async (rq, rs) => app.handler(rq, rs));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, init);
    return {
      response,
      status: response.status,
      cache: response.headers.get('x-counterpart-cache'),
      body: await response.text(),
    };
  };
}

/** An app that counts its renders and answers each with its number. */
function countingApp(extra: (req: http.IncomingMessage, res: http.ServerResponse) => void = () => {}) {
  const app = {
    renders: 0,
    handler: ((req, res) => {
      app.renders++;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.setHeader('X-Frame-Options', 'DENY');
      extra(req, res);
      res.end(`render ${app.renders} of ${req.url}`);
    }) as Handler,
  };
  return app;
}

function makeCache(options: Partial<ConstructorParameters<typeof ResponseCache>[0]> = {}) {
  return new ResponseCache({ maxBytes: 1024 * 1024, barrier: async () => {}, ...options });
}

/**
 * Renders `path` on a new cache, calls `purge` while the render is under way, then says whether it was kept
 * (and gives the way to ask again).
 */
async function keptAfterPurgeMidRender(path: string, purge: (cache: ResponseCache) => void) {
  const release = deferred();
  const started = deferred();
  const app = countingApp();
  const inner = app.handler;
  let first = true;
  app.handler = async (req, res) => {
    if (first) {
      first = false;
      started.resolve();
      await release.promise;
    }
    return inner(req, res);
  };
  const cache = makeCache();
  const get = await serve(cache, app);
  const pending = get(path);
  await started.promise;
  purge(cache);
  release.resolve();
  await pending;
  return { kept: (await get(path)).cache === 'hit', get };
}

describe('what is cached', () => {
  const req = (url: string, headers: Record<string, string> = {}, method = 'GET') => ({ method, url, headers });

  it('keeps anonymous reads of public addresses', () => {
    expect(cacheableTags(req('/pairs/countries/US/RU'))).toEqual(['pair:country:RU:US']);
    expect(cacheableTags(req('/', { cookie: 'theme=dark' }, 'HEAD'))).toEqual(['contacts']);
  });

  it.each([
    ['a signed-in reader', req('/', { cookie: 'a=1; better-auth.session_token=abc' })],
    ['a signed-in reader over HTTPS', req('/', { cookie: '__Secure-better-auth.session_token=abc' })],
    ['a bearer token', req('/api/v1/contacts', { authorization: 'Bearer x' })],
    ['an RSC request', req('/', { rsc: '1' })],
    ['a prefetch', req('/', { 'next-router-prefetch': '1' })],
    ['a router state', req('/', { 'next-router-state-tree': '%5B%5D' })],
    ['a server action', req('/', { 'next-action': 'abc' })],
    ['a write', req('/api/v1/contacts', {}, 'POST')],
    ['an admin page', req('/admin/users')],
  ])('not %s', (_, request) => {
    expect(cacheableTags(request)).toBeNull();
  });

  it('reads gzip from Accept-Encoding', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1, gzip;q=0')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
  });

  it('reads RESPONSE_CACHE_MB', () => {
    expect(cacheBytesFromEnv(undefined)).toBe(64 * 1024 * 1024);
    expect(cacheBytesFromEnv('0')).toBe(0);
    expect(cacheBytesFromEnv('0.5')).toBe(512 * 1024);
    expect(() => cacheBytesFromEnv('lots')).toThrow(/RESPONSE_CACHE_MB/);
  });
});

describe('serving', () => {
  it('renders once, then replays status and headers exactly', async () => {
    const app = countingApp();
    const get = await serve(makeCache(), app);
    const first = await get('/pairs/countries/US/RU');
    const second = await get('/pairs/countries/US/RU');
    expect([first.cache, second.cache]).toEqual(['miss', 'hit']);
    expect(second.body).toBe(first.body);
    expect(app.renders).toBe(1);
    for (const name of ['content-type', 'x-frame-options', 'content-length'])
      expect(second.response.headers.get(name), name).toBe(first.response.headers.get(name));
    const raw = await new Promise<string[]>((resolve) =>
      http.get(new URL('/pairs/countries/US/RU', second.response.url), (res) => {
        res.resume();
        resolve(res.rawHeaders.filter((_, i) => i % 2 === 0));
      }),
    );
    expect(raw).toEqual(expect.arrayContaining(['Content-Type', 'X-Frame-Options', 'x-counterpart-cache']));
  });

  it('answers a hit with the id of its own request, not of the request it was rendered for', async () => {
    let requests = 0;
    // As scripts/server.mjs does before the cache sees the request.
    const get = await serve(makeCache(), countingApp(), (_, res) => res.setHeader('X-Request-Id', `r${++requests}`));
    const first = await get('/pairs/countries/US/RU');
    const second = await get('/pairs/countries/US/RU');
    expect([first.cache, second.cache]).toEqual(['miss', 'hit']);
    expect([first.response.headers.get('x-request-id'), second.response.headers.get('x-request-id')]).toEqual([
      'r1',
      'r2',
    ]);
  });

  it('keeps headers given to writeHead, and the tags announced there', async () => {
    const app = countingApp();
    app.handler = (req, res) => {
      app.renders++;
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Custom': 'kept', 'x-counterpart-cache-tags': 'x:1' });
      res.end('{}');
    };
    const cache = makeCache();
    const get = await serve(cache, app);
    await get('/api/v1/officials/x');
    const hit = await get('/api/v1/officials/x');
    expect(hit.cache).toBe('hit');
    expect(hit.response.headers.get('x-custom')).toBe('kept');
    expect(hit.response.headers.get('x-counterpart-cache-tags')).toBeNull();
    cache.invalidate(['x:1']);
    expect((await get('/api/v1/officials/x')).cache).toBe('miss');
  });

  it('answers HEAD from a kept GET', async () => {
    const app = countingApp();
    const get = await serve(makeCache(), app);
    const full = await get('/search');
    const head = await get('/search', { method: 'HEAD' });
    expect(head.cache).toBe('hit');
    expect(head.body).toBe('');
    expect(head.response.headers.get('content-length')).toBe(String(Buffer.byteLength(full.body)));
  });

  it('keeps neither errors, nor responses setting cookies, nor signed-in readers’ pages', async () => {
    const app = countingApp((req, res) => {
      if (req.url === '/officials/gone') res.statusCode = 404;
      if (req.url === '/officials/cookie') res.setHeader('Set-Cookie', 'a=1');
    });
    const get = await serve(makeCache(), app);
    for (const url of ['/officials/gone', '/officials/cookie']) {
      await get(url);
      expect((await get(url)).cache, url).toBe('miss');
    }
    await get('/');
    const signedIn = await get('/', { headers: { cookie: 'better-auth.session_token=x' } });
    expect(signedIn.cache).toBeNull();
    expect(signedIn.body).toMatch(/^render \d+/);
    expect(app.renders).toBe(6);
  });

  it('keys gzip and plain bodies apart', async () => {
    const app = {
      handler: ((req, res) => {
        const gzip = String(req.headers['accept-encoding']).includes('gzip');
        res.setHeader('Content-Type', 'text/plain');
        res.setHeader('Vary', 'Accept-Encoding');
        if (gzip) res.setHeader('Content-Encoding', 'gzip');
        res.end(gzip ? gzipSync('hello') : 'hello');
      }) as Handler,
    };
    const get = await serve(makeCache(), app);
    await get('/search', { headers: { 'accept-encoding': 'gzip' } });
    await get('/search', { headers: { 'accept-encoding': 'identity' } });
    const zipped = await get('/search', { headers: { 'accept-encoding': 'gzip' } });
    const plain = await get('/search', { headers: { 'accept-encoding': 'identity' } });
    expect([zipped.cache, plain.cache]).toEqual(['hit', 'hit']);
    expect([zipped.body, plain.body]).toEqual(['hello', 'hello']);
    expect(zipped.response.headers.get('content-encoding')).toBe('gzip');
    expect(plain.response.headers.get('content-encoding')).toBeNull();
  });

  it('purges by tag, by a tag the handler announced, and all', async () => {
    const app = countingApp((req, res) => {
      if (req.url?.startsWith('/api/v1/gaps')) res.setHeader('x-counterpart-cache-tags', 'pair:official:a:b');
    });
    const cache = makeCache();
    const get = await serve(cache, app);
    const urls = ['/pairs/countries/US/RU', '/pairs/countries/FR/RU', '/api/v1/gaps?a=id-of-a&b=b', '/'];
    for (const url of urls) await get(url);
    const announced = await get(urls[2]);
    expect(announced.response.headers.get('x-counterpart-cache-tags')).toBeNull();

    cache.invalidate(['pair:country:RU:US']);
    expect((await get(urls[0])).cache).toBe('miss');
    expect((await get(urls[1])).cache).toBe('hit');
    cache.invalidate(['pair:official:a:b']);
    expect((await get(urls[2])).cache).toBe('miss');
    cache.invalidate(['all']);
    expect((await get(urls[3])).cache).toBe('miss');
    expect((await get(urls[1])).cache).toBe('miss');
  });

  it('purges the search pages a written contact’s texts may match, and only those', async () => {
    const app = countingApp();
    const cache = makeCache();
    const get = await serve(cache, app);
    const urls = ['/search?q=Xu', '/search?q=Lavrov&type=CALL', '/search?q=Caf%C3%A9', '/search?country=RU', '/'];
    for (const url of urls) await get(url);
    // A write whose texts (folded) hold "xu" but not "lavrov": the other pages with a plain-ASCII text stay.
    cache.invalidate(['contacts', 'search-text'], ['talks with xu yuan', 'sanctions']);
    expect((await get(urls[0])).cache).toBe('miss');
    expect((await get(urls[1])).cache).toBe('hit');
    // Not plain ASCII, or no text at all: any contact write may change them.
    expect((await get(urls[2])).cache).toBe('miss');
    expect((await get(urls[3])).cache).toBe('miss');
    expect((await get(urls[4])).cache).toBe('miss');
    // A write that sends no texts purges every search page.
    cache.invalidate(['search']);
    expect((await get(urls[1])).cache).toBe('miss');
  });

  it('rule 2: a search page rendered while a write whose texts match it commits is not kept; one they miss is', async () => {
    const purgedMidway = async (texts: string[]) =>
      (
        await keptAfterPurgeMidRender('/search?q=Lavrov', (cache) =>
          cache.invalidate(['contacts', 'search-text'], texts),
        )
      ).kept;
    expect(await purgedMidway(['a call with sergei lavrov'])).toBe(false);
    expect(await purgedMidway(['a call with xu yuan'])).toBe(true);
  });

  it('bypasses while notifications are not arriving, or the barrier fails', async () => {
    let up = false;
    let barrierFails = false;
    const app = countingApp();
    const cache = makeCache({
      isUp: () => up,
      barrier: async () => {
        if (barrierFails) throw new Error('down');
      },
    });
    const get = await serve(cache, app);
    expect((await get('/')).cache).toBe('bypass');
    expect((await get('/')).cache).toBe('bypass');
    up = true;
    expect((await get('/')).cache).toBe('miss');
    expect((await get('/')).cache).toBe('hit');
    barrierFails = true;
    expect((await get('/')).cache).toBe('bypass');
    expect(app.renders).toBe(4);
  });
});

describe('never stale', () => {
  it('rule 1: concurrent requests share a round trip that started after they arrived', async () => {
    const trips: ReturnType<typeof deferred<void>>[] = [];
    const barrier = coalesce(() => {
      const trip = deferred();
      trips.push(trip);
      return trip.promise;
    });
    const done: string[] = [];
    const a = barrier().then(() => done.push('a'));
    await Promise.resolve();
    expect(trips).toHaveLength(1);
    // b and c arrive while the first trip is on its way: it may have left before their write committed.
    const b = barrier().then(() => done.push('b'));
    const c = barrier().then(() => done.push('c'));
    trips[0].resolve();
    await a;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(done).toEqual(['a']);
    expect(trips).toHaveLength(2);
    const d = barrier().then(() => done.push('d'));
    trips[1].resolve();
    await Promise.all([b, c]);
    expect(done).toEqual(['a', 'b', 'c']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(trips).toHaveLength(3);
    trips[2].resolve();
    await d;
    expect(done).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rule 1: never more than one round trip at a time, and each caller waits for one that began after it', async () => {
    let inFlight = 0;
    let most = 0;
    let started = 0;
    let lastCompleted = 0;
    const barrier = coalesce(async () => {
      const trip = ++started;
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
      inFlight--;
      lastCompleted = Math.max(lastCompleted, trip);
    });
    const calls = Array.from({ length: 200 }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i % 17) * Math.random()));
      const arrived = started;
      await barrier();
      // A trip that started after this call arrived has completed.
      expect(lastCompleted).toBeGreaterThan(arrived);
    });
    await Promise.all(calls);
    expect(most).toBe(1);
    expect(started).toBeLessThan(200);
  });

  it('rule 1: a failed round trip fails its waiters, and the next call tries again', async () => {
    let calls = 0;
    const barrier = coalesce(async () => {
      calls++;
      if (calls === 1) throw new Error('lost');
    });
    await expect(barrier()).rejects.toThrow('lost');
    await expect(barrier()).resolves.toBeUndefined();
  });

  it('rule 1: the cache serves a hit only after the barrier', async () => {
    const app = countingApp();
    let gate = deferred();
    const cache = makeCache({ barrier: () => gate.promise });
    const get = await serve(cache, app);
    gate.resolve();
    await get('/');
    gate = deferred();
    const pending = get('/');
    await new Promise((resolve) => setTimeout(resolve, 20));
    // What the barrier delivers (a write committed elsewhere) applies before the lookup.
    cache.invalidate(['contacts']);
    gate.resolve();
    expect((await pending).cache).toBe('miss');
  });

  it('rule 2: a render that began before a write and ended after it is not kept', async () => {
    const release = deferred();
    const started = deferred();
    let slow = true;
    const app = countingApp();
    const inner = app.handler;
    app.handler = async (req, res) => {
      if (slow) {
        started.resolve();
        await release.promise;
      }
      return inner(req, res);
    };
    const cache = makeCache();
    const get = await serve(cache, app);
    const pending = get('/pairs/countries/US/RU');
    await started.promise;
    cache.invalidate(['pair:country:RU:US']);
    release.resolve();
    expect((await pending).cache).toBe('miss');
    slow = false;
    expect((await get('/pairs/countries/US/RU')).cache).toBe('miss');
    expect((await get('/pairs/countries/US/RU')).cache).toBe('hit');
  });

  it('rule 2: an invalidation of other tags does not stop a render being kept, `all` does', async () => {
    const purgedMidway = async (tags: string[]) =>
      (await keptAfterPurgeMidRender('/pairs/countries/US/RU', (cache) => cache.invalidate(tags))).kept;
    expect(await purgedMidway(['pair:country:FR:RU', 'official:x'])).toBe(true);
    expect(await purgedMidway(['all'])).toBe(false);
  });

  it('rule 2: when more invalidations arrive during a render than are remembered, it is not kept', async () => {
    const { kept, get } = await keptAfterPurgeMidRender('/pairs/countries/US/RU', (cache) => {
      for (let i = 0; i < 12_000; i++) cache.invalidate([`contact:${i}`]);
    });
    expect(kept).toBe(false);
    expect((await get('/pairs/countries/US/RU')).cache).toBe('hit');
  });

  it('requests for a page being rendered wait for that render instead of rendering it again', async () => {
    const release = deferred();
    const started = deferred<http.IncomingMessage>();
    const app = countingApp();
    const inner = app.handler;
    app.handler = async (req, res) => {
      started.resolve(req);
      await release.promise;
      return inner(req, res);
    };
    const cache = makeCache();
    const get = await serve(cache, app);
    const first = get('/pairs/countries/US/RU');
    const rendering = (await started.promise) as http.IncomingMessage & { [RENDER_DEMAND]?: () => number };
    // The render limiter is told how many requests the render will answer: one so far.
    expect(rendering[RENDER_DEMAND]?.()).toBe(1);
    const others = [get('/pairs/countries/US/RU'), get('/pairs/countries/US/RU')];
    await expect.poll(() => cache.waiting).toBe(2);
    expect(rendering[RENDER_DEMAND]?.()).toBe(3);
    release.resolve();
    const answers = await Promise.all([first, ...others]);
    expect(answers.map((a) => a.cache)).toEqual(['miss', 'hit', 'hit']);
    expect(rendering[RENDER_DEMAND]?.()).toBe(1);
    expect(new Set(answers.map((a) => a.body))).toEqual(new Set(['render 1 of /pairs/countries/US/RU']));
    expect(app.renders).toBe(1);
  });

  it('a render purged while it runs is not kept, but goes to those who were waiting before the purge', async () => {
    const release = deferred();
    const started = deferred();
    const app = countingApp();
    const inner = app.handler;
    let held = true;
    app.handler = async (req, res) => {
      if (held) {
        held = false;
        started.resolve();
        await release.promise;
      }
      return inner(req, res);
    };
    const cache = makeCache();
    const get = await serve(cache, app);
    const first = get('/pairs/countries/US/RU');
    await started.promise;
    const before = [get('/pairs/countries/US/RU'), get('/pairs/countries/US/RU')];
    await expect.poll(() => cache.waiting).toBe(2);
    // A write lands: those already waiting had no right to see it; anyone arriving now does.
    cache.invalidate(['pair:country:RU:US']);
    const after = get('/pairs/countries/US/RU');
    await expect.poll(() => cache.waiting).toBe(3);
    release.resolve();
    const answers = await Promise.all([first, ...before, after]);
    expect(answers.map((a) => a.cache)).toEqual(['miss', 'shared', 'shared', 'miss']);
    expect(answers.map((a) => a.body)).toEqual([
      'render 1 of /pairs/countries/US/RU',
      'render 1 of /pairs/countries/US/RU',
      'render 1 of /pairs/countries/US/RU',
      'render 2 of /pairs/countries/US/RU',
    ]);
    expect(app.renders).toBe(2);
    // The purged render was not kept; the one after the purge was.
    expect((await get('/pairs/countries/US/RU')).body).toBe('render 2 of /pairs/countries/US/RU');
    expect(cache.counts.shared).toBe(2);
  });

  it('those who may not take a purged render wait for the next one together, not render one each', async () => {
    const releases = [deferred(), deferred()];
    const starts = [deferred(), deferred()];
    const app = countingApp();
    const inner = app.handler;
    app.handler = async (req, res) => {
      const n = app.renders;
      if (n < 2) {
        starts[n].resolve();
        await releases[n].promise;
      }
      return inner(req, res);
    };
    const cache = makeCache();
    const get = await serve(cache, app);
    const first = get('/pairs/countries/US/RU');
    await starts[0].promise;
    cache.invalidate(['pair:country:RU:US']);
    // Three requests after the purge: render 1 is not for them.
    const late = [get('/pairs/countries/US/RU'), get('/pairs/countries/US/RU'), get('/pairs/countries/US/RU')];
    await expect.poll(() => cache.waiting).toBe(3);
    releases[0].resolve();
    // One of them renders again; the other two wait for that render.
    await starts[1].promise;
    await expect.poll(() => cache.waiting).toBe(2);
    releases[1].resolve();
    const answers = await Promise.all(late);
    expect((await first).cache).toBe('miss');
    expect(answers.map((a) => a.cache).sort()).toEqual(['hit', 'hit', 'miss']);
    expect(app.renders).toBe(2);
  });

  it('rule 3: entries turn over at UTC midnight', async () => {
    let now = new Date('2026-03-01T23:59:59.500Z');
    const app = countingApp();
    const get = await serve(makeCache({ now: () => now }), app);
    await get('/');
    expect((await get('/')).cache).toBe('hit');
    now = new Date('2026-03-02T00:00:00.000Z');
    const next = await get('/');
    expect(next.cache).toBe('miss');
    expect(next.body).toMatch(/^render 2/);
    expect((await get('/')).cache).toBe('hit');
  });
});

describe('bounds', () => {
  it('holds at most maxBytes, dropping the least recently used', async () => {
    const body = 'x'.repeat(3000);
    const app = { handler: ((_, res) => res.end(body)) as Handler };
    const cache = makeCache({ maxBytes: 16 * 1024 });
    const get = await serve(cache, app);
    for (let i = 0; i < 20; i++) await get(`/officials/o${i}`);
    expect(cache.size.bytes).toBeLessThanOrEqual(16 * 1024);
    expect(cache.size.entries).toBeGreaterThanOrEqual(4);
    expect((await get('/officials/o19')).cache).toBe('hit');
    expect((await get('/officials/o0')).cache).toBe('miss');
  });

  it('does not keep a response larger than its share', async () => {
    const app = { handler: ((_, res) => res.end('y'.repeat(5000))) as Handler };
    const get = await serve(makeCache({ maxBytes: 16 * 1024 }), app);
    await get('/api/v1/contacts/export');
    expect((await get('/api/v1/contacts/export')).cache).toBe('miss');
  });

  it('forgets the tags of evicted entries', async () => {
    const app = { handler: ((_, res) => res.end('z'.repeat(3000))) as Handler };
    const cache = makeCache({ maxBytes: 8 * 1024 });
    const get = await serve(cache, app);
    for (let i = 0; i < 30; i++) await get(`/officials/o${i}`);
    expect((cache as unknown as { byTag: Map<string, Set<string>> }).byTag.size).toBe(cache.size.entries);
  });
});
