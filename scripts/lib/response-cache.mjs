/*
 * A full-response cache in front of Next.js for the public pages and API reads, never stale.
 *
 * What is kept: the 200 answers (without Set-Cookie) to anonymous GETs of the addresses
 * lib/cache/tags.mjs maps to tags, keyed by the UTC date, the address, whether the body is gzipped, and
 * the host and scheme the client used (feeds print absolute links; HSTS follows X-Forwarded-Proto).
 *
 * How it stays fresh: every write notifies PostgreSQL's `counterpart_cache` channel with the tags it
 * touched, in its own transaction (lib/cache/invalidate.ts), and each server listens on one dedicated
 * connection and drops the entries carrying those tags. A contact write also sends the texts search
 * matches its contacts on, and drops only the search pages whose text they contain (lib/cache/tags.mjs). Three rules close the gaps in between:
 *  1. Before a hit is served, a `SELECT 1` goes over the listening connection, and PostgreSQL delivers
 *     the notifications pending for that session before answering it: a write committed before the
 *     request arrived has purged its entries by then. Requests arriving together share one round trip
 *     (one that started after they arrived).
 *  2. A response is stored only if no invalidation of its tags (or `all`) arrived while it was rendered.
 *  3. Entries are keyed by the UTC date, so "days since" turns over at midnight.
 * Requests for an address being rendered wait for that render. If a purge of its tags arrives while it runs,
 * it is not kept (rule 2), but it still answers the requests that were waiting before the purge arrived
 * (header `x-counterpart-cache: shared`): they had passed the barrier, so nothing they must see was missing.
 * While the listening connection is down nothing is served from the cache or stored, and the cache is
 * emptied when it comes back (notifications may have been missed).
 */
import { LRUCache } from 'lru-cache';
import pg from 'pg';
import {
  ALL,
  CACHE_CHANNEL,
  CACHE_TAGS_HEADER,
  parseTagsHeader,
  searchTextMatches,
  tagsForUrl,
} from '../../lib/cache/tags.mjs';
import { RENDER_DEMAND } from './render-limit.mjs';

/** The response header saying how a request was served: hit, miss (rendered, maybe stored) or bypass. */
export const CACHE_STATUS_HEADER = 'x-counterpart-cache';

/** The cache's size when RESPONSE_CACHE_MB is unset. */
export const DEFAULT_CACHE_MB = 64;

/** Requests from Next's client router (RSC payloads, prefetches) and server actions are never cached. */
const ROUTER_HEADERS = [
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-action',
  'next-url',
];

/** better-auth's cookies (`better-auth.session_token`, and `__Secure-…` over HTTPS). */
const SESSION_COOKIE = /^(?:__Secure-|__Host-)?better-auth[.-]/;

/** The most invalidations remembered for the renders in flight (rule 2). */
const MAX_LOG = 10_000;

/** Headers that describe one transfer, not the response: recomputed when an entry is replayed. */
const HOP_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'date',
  // Each request's own (scripts/lib/request-log.mjs), set before the cache answers.
  'x-request-id',
  CACHE_STATUS_HEADER,
  CACHE_TAGS_HEADER,
]);

/** The UTC date of an instant, `YYYY-MM-DD`. */
const utcDate = (date) => date.toISOString().slice(0, 10);

function first(value) {
  return (Array.isArray(value) ? value[0] : value)?.split(',')[0].trim().toLowerCase();
}

/** Whether an Accept-Encoding header admits gzip (what Next's compression picks when it compresses). */
export function acceptsGzip(value) {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return text.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name !== 'gzip' && name !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

function hasSessionCookie(cookie) {
  if (!cookie) return false;
  return cookie.split(';').some((part) => SESSION_COOKIE.test(part.trim().split('=')[0]));
}

/**
 * The tags of a request the cache may answer, or null: a GET or HEAD of a public address, anonymous
 * (no better-auth cookie, no Authorization) and not from Next's client router.
 */
export function cacheableTags(req) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  if (req.headers.authorization !== undefined) return null;
  if (ROUTER_HEADERS.some((name) => req.headers[name] !== undefined)) return null;
  if (hasSessionCookie(req.headers.cookie)) return null;
  return tagsForUrl(req.url ?? '/');
}

/**
 * A barrier built on a round trip: each call resolves once a round trip that started after the call
 * has completed. Concurrent callers share one: a call during a round trip waits for the next, which
 * starts when the current one ends and serves every caller that queued meanwhile. At most one round
 * trip is in flight at a time.
 */
export function coalesce(roundTrip) {
  let running = null;
  let queued = null;
  const launch = () => {
    const trip = Promise.resolve().then(roundTrip);
    running = trip;
    const done = () => {
      if (running === trip) running = null;
    };
    trip.then(done, done);
    return trip;
  };
  return () => {
    // A queued trip has not started yet, so it starts after this call: join it.
    if (queued !== null) return queued;
    if (running === null) return launch();
    queued = running
      .then(
        () => {},
        () => {},
      )
      .then(() => {
        queued = null;
        return launch();
      });
    return queued;
  };
}

/** Reads RESPONSE_CACHE_MB: megabytes (may be fractional), 0 for off. Throws one line on a bad value. */
export function cacheBytesFromEnv(raw) {
  if (raw === undefined || raw.trim() === '') return DEFAULT_CACHE_MB * 1024 * 1024;
  const mb = Number(raw.trim());
  if (!Number.isFinite(mb) || mb < 0 || mb > 1_000_000)
    throw new Error(`RESPONSE_CACHE_MB must be a number of megabytes (0 turns the cache off); it is "${raw}".`);
  return Math.floor(mb * 1024 * 1024);
}

/** Header pairs given to writeHead (an object, flat raw pairs or [name, value] pairs), as setHeader calls. */
function applyHeaders(res, headers) {
  if (!headers) return;
  if (Array.isArray(headers)) {
    if (headers.length > 0 && Array.isArray(headers[0])) {
      for (const [name, value] of headers) res.appendHeader(name, value);
    } else {
      for (let i = 0; i < headers.length; i += 2) res.appendHeader(headers[i], headers[i + 1]);
    }
    return;
  }
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
}

function toBuffer(chunk, encoding) {
  if (chunk === undefined || chunk === null || typeof chunk === 'function') return null;
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8');
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Whether an invalidation (as logged) purges an entry with these tags. */
function purges(invalidation, tags) {
  if (invalidation.tags === null) return true;
  return tags.some(
    (tag) =>
      invalidation.tags.has(tag) || (invalidation.texts.length > 0 && searchTextMatches(tag, invalidation.texts)),
  );
}

export class ResponseCache {
  /**
   * @param {object} options
   * @param {number} options.maxBytes what the entries may hold in all (bodies, headers and keys)
   * @param {() => Promise<void>} options.barrier resolves once pending notifications are applied (rule 1)
   * @param {() => boolean} [options.isUp] whether notifications are arriving; false: bypass
   * @param {() => Date} [options.now] the clock (rule 3)
   * @param {number} [options.maxEntryBytes] the largest single response kept (default: a quarter of maxBytes)
   */
  constructor({ maxBytes, barrier, isUp = () => true, now = () => new Date(), maxEntryBytes }) {
    this.barrier = barrier;
    this.isUp = isUp;
    this.now = now;
    this.maxEntryBytes = Math.min(maxEntryBytes ?? Math.floor(maxBytes / 4), maxBytes);
    /** tag → keys of the entries carrying it */
    this.byTag = new Map();
    this.lru = new LRUCache({
      maxSize: maxBytes,
      maxEntrySize: this.maxEntryBytes,
      sizeCalculation: (entry) => entry.size,
      dispose: (entry, key) => this.unindex(key, entry.tags),
    });
    /** How many invalidations have arrived; a render remembers it when it starts (rule 2). */
    this.seq = 0;
    /** The invalidations since the oldest render still running: { seq, tags: Set | null (all) }. */
    this.log = [];
    this.rendering = 0;
    /** key → a promise settled when the render of that key now under way has finished (stored or not) */
    this.flights = new Map();
    /** key → how many requests wait for the render of that key now under way. */
    this.waitingFor = new Map();
    this.counts = { hit: 0, miss: 0, bypass: 0, stored: 0, shared: 0, invalidations: 0 };
  }

  /** Requests waiting for a render of their key (for tests and figures). */
  get waiting() {
    let sum = 0;
    for (const count of this.waitingFor.values()) sum += count;
    return sum;
  }

  /** Entries currently kept, and their bytes. */
  get size() {
    return { entries: this.lru.size, bytes: this.lru.calculatedSize };
  }

  unindex(key, tags) {
    for (const tag of tags) {
      const keys = this.byTag.get(tag);
      if (keys === undefined) continue;
      keys.delete(key);
      if (keys.size === 0) this.byTag.delete(tag);
    }
  }

  /**
   * Drops the entries carrying any of the tags (`all`: every entry), and the search pages the written texts
   * may match (`texts`: lib/cache/tags.mjs); renders in flight carrying them won't store.
   */
  invalidate(tags, texts = []) {
    const list = [...tags];
    this.seq++;
    this.counts.invalidations++;
    const all = list.includes(ALL);
    if (this.rendering > 0) {
      this.log.push({ seq: this.seq, tags: all ? null : new Set(list), texts });
      // Under constant load renders always overlap and the log never empties: cut it. A render older than
      // what is left is then not kept (see invalidatedSince), which costs a render, never freshness.
      if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG / 2);
    }
    if (all) {
      this.lru.clear();
      return;
    }
    const purged =
      texts.length === 0 ? list : [...list, ...[...this.byTag.keys()].filter((t) => searchTextMatches(t, texts))];
    for (const tag of purged) {
      const keys = this.byTag.get(tag);
      if (keys === undefined) continue;
      for (const key of [...keys]) this.lru.delete(key);
    }
  }

  /** Empties the cache (e.g. notifications may have been missed); renders in flight won't store. */
  clear() {
    this.invalidate([ALL]);
  }

  /** Whether an invalidation of any of the tags (or of everything) arrived after `since`. */
  invalidatedSince(since, tags) {
    if (this.seq === since) return false;
    const firstLogged = this.log.length > 0 ? this.log[0].seq : this.seq + 1;
    if (firstLogged > since + 1) return true; // the log was cut: assume the worst
    return this.log.some((entry) => entry.seq > since && purges(entry, tags));
  }

  /** The key of a request: UTC date, encoding, scheme and host, address. */
  keyFor(req) {
    const gzip = acceptsGzip(req.headers['accept-encoding']) ? 'gzip' : 'identity';
    const proto = first(req.headers['x-forwarded-proto']) ?? 'http';
    const host = first(req.headers['x-forwarded-host']) ?? first(req.headers.host) ?? '';
    return `${utcDate(this.now())} ${gzip} ${proto}://${host}${req.url}`;
  }

  /**
   * Serves a request: from the cache when it may, else through `next(req, res)`, keeping what it
   * renders when that is allowed. Requests the cache never answers go straight to `next`.
   */
  async handle(req, res, next) {
    const tags = cacheableTags(req);
    if (tags === null) return next(req, res);
    if (!this.isUp()) return this.bypass(req, res, next);
    try {
      await this.barrier();
    } catch {
      return this.bypass(req, res, next);
    }
    // The barrier may have found the connection gone; then notifications may be missing.
    if (!this.isUp()) return this.bypass(req, res, next);

    const key = this.keyFor(req);
    // Every invalidation up to here was applied before this request looked: what it must see.
    const seen = this.seq;
    const entry = this.lru.get(key);
    if (entry !== undefined) return this.replay(req, res, entry);
    // A render of this key is under way: wait for it rather than render the same page again. What it
    // stored is as fresh as a render of our own (it is stored only if no purge of its tags came since
    // it began); if it stored nothing, or its entry was purged meanwhile, render after all.
    //
    // Under a steady stream of writes a popular page is purged while it renders, so it is never stored;
    // its waiters may still take it when no purge of its tags had arrived by the time they had passed the
    // barrier: every write they must see committed before that, and was either in the render or purged it.
    // One that may not waits for the next render (which began after it looked) rather than start its own.
    for (let flight = this.flights.get(key); flight !== undefined; flight = this.flights.get(key)) {
      this.waitingFor.set(key, (this.waitingFor.get(key) ?? 0) + 1);
      const landed = await flight.finally(() => {
        const left = this.waitingFor.get(key) - 1;
        if (left === 0) this.waitingFor.delete(key);
        else this.waitingFor.set(key, left);
      });
      if (!this.isUp()) break;
      const rendered = this.lru.get(key);
      if (rendered !== undefined) return this.replay(req, res, rendered);
      if (landed !== null && seen < landed.firstPurge) {
        this.counts.shared++;
        return this.replay(req, res, landed.entry, 'shared');
      }
      if (landed === null) break;
    }
    this.counts.miss++;
    if (req.method !== 'GET') {
      res.setHeader(CACHE_STATUS_HEADER, 'miss');
      return next(req, res);
    }
    return this.render(req, res, next, { key, tags });
  }

  bypass(req, res, next) {
    this.counts.bypass++;
    res.setHeader(CACHE_STATUS_HEADER, 'bypass');
    return next(req, res);
  }

  replay(req, res, entry, how = 'hit') {
    if (how === 'hit') this.counts.hit++;
    res.writeHead(entry.status, {
      ...entry.headers,
      'content-length': String(entry.body.length),
      [CACHE_STATUS_HEADER]: how,
    });
    res.end(req.method === 'HEAD' ? undefined : entry.body);
  }

  /** Renders through `next`, copying what is written; stores it if it qualifies once sent in full. */
  async render(req, res, next, { key, tags }) {
    const since = this.seq;
    this.rendering++;
    let landed;
    const flight = new Promise((resolve) => (landed = resolve));
    if (!this.flights.has(key)) this.flights.set(key, flight);
    const chunks = [];
    let bytes = 0;
    let tooLarge = false;
    let head = null;
    const take = (chunk, encoding) => {
      const buffer = toBuffer(chunk, encoding);
      if (buffer === null || tooLarge) return;
      bytes += buffer.length;
      if (bytes > this.maxEntryBytes) {
        tooLarge = true;
        chunks.length = 0;
      } else chunks.push(Buffer.from(buffer));
    };

    // Next's compression wraps these after us, so what arrives here is what goes on the wire.
    const { writeHead, write, end } = res;
    res.writeHead = function (status, ...args) {
      const given = typeof args[0] === 'string' ? args[1] : args[0];
      const message = typeof args[0] === 'string' ? [args[0]] : [];
      applyHeaders(this, given);
      const announced = parseTagsHeader(this.getHeader(CACHE_TAGS_HEADER));
      this.removeHeader(CACHE_TAGS_HEADER);
      this.setHeader(CACHE_STATUS_HEADER, 'miss');
      // The names as Next wrote them (getHeaders() lower-cases them), so a hit replays them exactly.
      const values = this.getHeaders();
      const headers = Object.fromEntries(this.getRawHeaderNames().map((name) => [name, values[name.toLowerCase()]]));
      head = { status, headers, tags: announced };
      return writeHead.call(this, status, ...message);
    };
    res.write = function (chunk, encoding, callback) {
      take(chunk, encoding);
      return write.call(this, chunk, encoding, callback);
    };
    res.end = function (chunk, encoding, callback) {
      take(chunk, encoding);
      return end.call(this, chunk, encoding, callback);
    };

    let settled = false;
    const settle = (finished) => {
      if (settled) return;
      settled = true;
      this.rendering--;
      // What the render's waiters may take: the response, and the first purge of its tags since it began.
      let outcome = null;
      try {
        if (finished && head !== null && !tooLarge) {
          const entry = this.entryFor(key, {
            tags,
            head,
            gzipWanted: key.split(' ')[1] === 'gzip',
            body: Buffer.concat(chunks),
          });
          if (entry !== null) {
            const firstPurge = this.firstInvalidationAfter(since, entry.tags);
            outcome = { entry, firstPurge };
            if (firstPurge === Infinity && this.isUp()) this.store(key, entry);
          }
        }
      } finally {
        if (this.rendering === 0) this.log.length = 0;
        if (this.flights.get(key) === flight) this.flights.delete(key);
        landed(outcome);
      }
    };
    res.once('finish', () => settle(true));
    res.once('close', () => settle(false));
    // How many requests this render will answer, for the render limiter's choice of what to render next
    // (scripts/lib/render-limit.mjs): a page many readers wait for goes before one a single reader asked for.
    req[RENDER_DEMAND] = () => 1 + (this.waitingFor.get(key) ?? 0);
    try {
      return await next(req, res);
    } catch (error) {
      settle(false);
      throw error;
    }
  }

  /** A rendered response as an entry, or null when it may not be kept (not a 200, a cookie, too large). */
  entryFor(key, { tags, head, gzipWanted, body }) {
    const header = (name) => Object.entries(head.headers).find(([key]) => key.toLowerCase() === name)?.[1];
    if (head.status !== 200 || header('set-cookie') !== undefined) return null;
    const encoding = String(header('content-encoding') ?? 'identity').toLowerCase();
    if (encoding !== 'identity' && !(gzipWanted && encoding === 'gzip')) return null;
    const allTags = [...new Set([...tags, ...head.tags])];
    const headers = {};
    for (const [name, value] of Object.entries(head.headers)) {
      if (!HOP_HEADERS.has(name.toLowerCase())) headers[name] = value;
    }
    const size = body.length + key.length + JSON.stringify(headers).length + 64;
    if (size > this.maxEntryBytes) return null;
    return { status: head.status, headers, body, tags: allTags, size };
  }

  /** The sequence number of the first invalidation of any of the tags after `since`; Infinity if none. */
  firstInvalidationAfter(since, tags) {
    if (!this.invalidatedSince(since, tags)) return Infinity;
    const firstLogged = this.log.length > 0 ? this.log[0].seq : this.seq + 1;
    if (firstLogged > since + 1) return since + 1; // the log was cut: assume the earliest
    return this.log.find((e) => e.seq > since && purges(e, tags)).seq;
  }

  store(key, entry) {
    const allTags = entry.tags;
    this.lru.set(key, entry);
    if (!this.lru.has(key)) return;
    for (const tag of allTags) {
      let keys = this.byTag.get(tag);
      if (keys === undefined) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    this.counts.stored++;
  }
}

/**
 * The server's end of the channel: one connection that LISTENs, applies each notification through
 * `onInvalidate(tags, texts)`, and offers the barrier of rule 1. When the connection drops it says so
 * (`onDown`), and reconnects with back-off; `onUp` runs once it listens again.
 */
export class InvalidationListener {
  constructor({
    connectionString,
    onInvalidate,
    onUp = () => {},
    onDown = () => {},
    log = () => {},
    minDelayMs = 250,
    maxDelayMs = 10_000,
    barrierTimeoutMs = 2_000,
  }) {
    Object.assign(this, { connectionString, onInvalidate, onUp, onDown, log, minDelayMs, maxDelayMs });
    this.barrierTimeoutMs = barrierTimeoutMs;
    this.client = null;
    this.up = false;
    this.stopped = false;
    this.delay = minDelayMs;
    this.timer = null;
    this.reported = false;
    this.barrier = coalesce(() => this.roundTrip());
  }

  /** Connects (resolving once listening or once the first attempt failed); retries on its own after. */
  start() {
    return this.connect();
  }

  async connect() {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.connectionString, connectionTimeoutMillis: 5_000 });
    this.client = client;
    let lost = false;
    const onLost = (error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      client.removeAllListeners('notification');
      client.end().catch(() => {});
      const wasUp = this.up;
      this.up = false;
      if (wasUp) this.onDown();
      // One line per outage, not one per attempt.
      if (wasUp || !this.reported) {
        this.reported = true;
        this.log(
          `cannot listen for cache purges (${error?.message ?? 'connection closed'}); serving without the cache`,
        );
      }
      this.retry();
    };
    client.on('error', onLost);
    client.on('end', () => onLost(null));
    client.on('notification', (message) => {
      if (message.channel !== CACHE_CHANNEL) return;
      let tags = [ALL];
      let texts = [];
      const strings = (value) => Array.isArray(value) && value.every((t) => typeof t === 'string');
      try {
        const parsed = JSON.parse(message.payload ?? '');
        if (strings(parsed?.tags) && (parsed.texts === undefined || strings(parsed.texts))) {
          tags = parsed.tags;
          texts = parsed.texts ?? [];
        }
      } catch {
        // An unreadable notification purges everything rather than nothing.
      }
      this.onInvalidate(tags, texts);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CACHE_CHANNEL}`);
    } catch (error) {
      onLost(error);
      return;
    }
    if (lost || this.stopped) return;
    this.delay = this.minDelayMs;
    this.up = true;
    if (this.reported) this.log('listening for cache purges again');
    this.reported = false;
    this.onUp();
  }

  retry() {
    if (this.stopped || this.timer !== null) return;
    const delay = this.delay * (0.75 + Math.random() / 2);
    this.delay = Math.min(this.delay * 2, this.maxDelayMs);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
    this.timer.unref?.();
  }

  /** `SELECT 1` on the listening connection, failing after barrierTimeoutMs (and then reconnecting). */
  async roundTrip() {
    const client = this.client;
    if (client === null || !this.up) throw new Error('not listening');
    let timeout;
    try {
      await Promise.race([
        client.query('SELECT 1'),
        new Promise((_, reject) => {
          timeout = setTimeout(
            () => reject(new Error('the invalidation connection did not answer')),
            this.barrierTimeoutMs,
          );
        }),
      ]);
    } catch (error) {
      if (this.client === client) client.emit('error', error);
      throw error;
    } finally {
      clearTimeout(timeout);
    }
  }

  async stop() {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.up = false;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}

/**
 * The cache and its listener as the server runs them, or null when off (RESPONSE_CACHE_MB=0, the
 * development server, or no DATABASE_URL). Throws one line on a bad RESPONSE_CACHE_MB.
 */
export async function startResponseCache({ env = process.env, dev = false, log = () => {} } = {}) {
  const maxBytes = cacheBytesFromEnv(env.RESPONSE_CACHE_MB);
  if (maxBytes === 0 || dev || !env.DATABASE_URL) return null;
  let cache = null;
  const listener = new InvalidationListener({
    connectionString: env.DATABASE_URL,
    onInvalidate: (tags, texts) => cache.invalidate(tags, texts),
    // Notifications may have been missed while the connection was away.
    onUp: () => cache.clear(),
    onDown: () => cache.clear(),
    log,
  });
  cache = new ResponseCache({ maxBytes, barrier: listener.barrier, isUp: () => listener.up });
  await listener.start();
  return {
    maxBytes,
    cache,
    listener,
    handle: (req, res, next) => cache.handle(req, res, next),
    stop: () => listener.stop(),
  };
}
