/**
 * The web server: Next.js behind a few lines of Node's http module (Next's
 * documented custom-server API), for two things Next cannot do by itself.
 *
 * 1. The client's address. `next start` sets X-Forwarded-For only when the
 *    client sent none, so the app cannot tell a made-up header from a real one.
 *    Here every request gets `x-counterpart-client-ip` (any copy the client sent
 *    is removed): the socket's address, or, when the socket is a proxy named in
 *    TRUSTED_PROXIES, the address that proxy forwarded (scripts/lib/client-address.mjs).
 * 2. Bounded bodies. A body on /api/auth/* over 16 KB, or on /api/v1/* over
 *    1 MB, gets a 413 JSON error before it is read: by Content-Length, or by
 *    counting the bytes of a chunked body and stopping at the limit.
 * 3. A cache of whole responses for anonymous reads of the public pages and API, purged by the tags
 *    every write notifies through PostgreSQL (scripts/lib/response-cache.mjs; RESPONSE_CACHE_MB).
 * 4. Logs: every request gets an id (`x-request-id` for the app, `X-Request-Id` on the response) and one
 *    JSON line when it ends (scripts/lib/request-log.mjs). Everything the server prints, Next.js's own
 *    console messages included, is a JSON line on standard output at LOG_LEVEL (lib/logging.mjs). At
 *    debug level, a "server stats" line every 10 s: memory, the cache's size and the render queue.
 *
 * Usage: node scripts/server.mjs [--dev] [--port N] [--hostname H]
 * (PORT and HOSTNAME work too; NEXT_DIST_DIR reaches next.config.js.)
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, stripVTControlCharacters } from 'node:util';
import { createLogger, logLevelFromEnv, requestContext } from '../lib/logging.mjs';
import { CLIENT_ADDRESS_HEADER, clientAddress, parseTrustedProxies } from './lib/client-address.mjs';
import { assignRequestId, logRequest, withoutHeader } from './lib/request-log.mjs';
import { createRenderLimiter, renderLimitsFromEnv } from './lib/render-limit.mjs';
import { cacheBytesFromEnv, startResponseCache } from './lib/response-cache.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The largest request body each API accepts, in bytes (documented in the README). */
export const BODY_LIMITS = [
  { prefix: '/api/auth/', bytes: 16 * 1024, label: '16 KB' },
  { prefix: '/api/v1/', bytes: 1024 * 1024, label: '1 MB' },
  // As lib/import/run.ts's IMPORT_MAX_BYTES: the file of an import, streamed to the importer.
  { prefix: '/api/imports/', bytes: 100 * 1024 * 1024, label: '100 MB' },
];

function option(name, short) {
  const args = process.argv.slice(2);
  const index = args.findIndex((arg) => arg === name || arg === short);
  if (index !== -1) return args[index + 1];
  const inline = args.find((arg) => arg.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

let logger = createLogger({ level: 'info' });

/** Stops the server at start with one line saying what to fix (printed even when LOG_LEVEL=silent). */
function fail(message) {
  if (logger.isLevelEnabled('fatal')) logger.fatal(message);
  else process.stderr.write(`[server] ${message}\n`);
  process.exit(1);
}

try {
  logger = createLogger({ level: logLevelFromEnv(process.env.LOG_LEVEL) });
} catch (error) {
  fail(error.message);
}

/*
 * Next.js reports the errors it catches (a page that threw, a failed server action) with console.error,
 * and libraries warn with console.warn: each becomes a log line, with the error's stack in `err`, the
 * request's id when it happened while one was served, and without the colours meant for a terminal.
 */
for (const [method, lineLevel] of [
  ['error', 'error'],
  ['warn', 'warn'],
  ['info', 'info'],
  ['log', 'info'],
  ['debug', 'debug'],
]) {
  console[method] = (...args) => {
    const err = args.find((arg) => arg instanceof Error);
    const text = stripVTControlCharacters(format(...args.map((arg) => (arg instanceof Error ? arg.message : arg))));
    logger[lineLevel](err === undefined ? {} : { err }, text);
  };
}

// Node's own warnings (deprecations and the like) are warnings in the log, not lines of text on stderr.
process.removeAllListeners('warning');
process.on('warning', (warning) => logger.warn({ err: warning }, `${warning.name}: ${warning.message}`));

// A crash is logged as one line too, and still ends the process, as Node would.
process.on('uncaughtException', (error) => {
  logger.fatal({ err: error }, 'Uncaught exception; stopping');
  process.exit(1);
});

const dev = process.argv.includes('--dev');
const portText = option('--port', '-p') ?? process.env.PORT ?? '3000';
const port = Number(portText);
if (!/^\d+$/.test(portText) || port < 1 || port > 65535)
  fail(`PORT must be a number from 1 to 65535, not "${portText}".`);
const hostname = option('--hostname', '-H') ?? process.env.HOSTNAME ?? undefined;

const trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);
if (trusted.invalid.length > 0) {
  fail(`TRUSTED_PROXIES has entries that are not addresses or CIDR ranges: ${trusted.invalid.join(', ')}`);
}

let renderLimits;
try {
  cacheBytesFromEnv(process.env.RESPONSE_CACHE_MB);
  renderLimits = renderLimitsFromEnv();
} catch (error) {
  fail(error.message);
}

// Next (and the libraries it loads) read NODE_ENV when they are first imported.
process.env.NODE_ENV ??= dev ? 'development' : 'production';
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const { default: next } = await import('next');

/** The body limit of a request's path, or null for paths without one. */
function bodyLimitFor(url) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(url ?? '/', 'http://localhost').pathname);
  } catch {
    pathname = url ?? '/';
  }
  pathname = `${pathname.replace(/\/{2,}/g, '/').toLowerCase()}/`;
  return BODY_LIMITS.find((limit) => pathname.startsWith(limit.prefix)) ?? null;
}

function refuseTooLarge(res, limit) {
  const body = JSON.stringify({
    error: {
      code: 'PAYLOAD_TOO_LARGE',
      message: `The request body is larger than this endpoint accepts (${limit.label}).`,
      limitBytes: limit.bytes,
      requestId: res.getHeader('X-Request-Id'),
    },
  });
  // Closing the connection spares reading the rest of the body.
  res.writeHead(413, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    Connection: 'close',
  });
  res.end(body);
}

/**
 * Reads a chunked body, stopping at the limit: the body (at most `limit`
 * bytes, so memory stays bounded), or null when it is larger.
 */
function readBounded(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** A request like `req` whose (already read, bounded) body is `body`, with its length stated. */
function withBody(req, body) {
  const replay = new http.IncomingMessage(req.socket);
  replay.method = req.method;
  replay.url = req.url;
  replay.httpVersion = req.httpVersion;
  replay.httpVersionMajor = req.httpVersionMajor;
  replay.httpVersionMinor = req.httpVersionMinor;
  const headers = { ...req.headers, 'content-length': String(body.length) };
  delete headers['transfer-encoding'];
  replay.headers = headers;
  replay.rawHeaders = Object.entries(headers).flatMap(([name, value]) =>
    Array.isArray(value) ? value.flatMap((v) => [name, v]) : [name, String(value)],
  );
  replay.push(body);
  replay.push(null);
  replay.complete = true;
  return replay;
}

/** The pages the production build prerendered (Next.js serves them from disk); none in development. */
function prerenderedPaths() {
  if (dev) return [];
  const manifest = path.join(ROOT, process.env.NEXT_DIST_DIR || '.next', 'prerender-manifest.json');
  return Object.keys(JSON.parse(fs.readFileSync(manifest, 'utf8')).routes ?? {});
}

const app = next({ dev, dir: ROOT, hostname, port });
await app.prepare();
const limiter = createRenderLimiter({ ...renderLimits, staticPaths: prerenderedPaths() });
const handle = limiter.wrap(app.getRequestHandler());

let cache = null;
try {
  cache = await startResponseCache({ dev, log: (line) => logger.info(line) });
} catch (error) {
  fail(error.message);
}

function onRequest(req, res) {
  const reqId = assignRequestId(req, res);
  logRequest({ logger, req, res, reqId });
  // Whatever logs while the request is served (the app, Next.js) names it: lib/logging.mjs's mixin.
  return requestContext.run({ reqId }, () => serve(req, res));
}

async function serve(req, res) {
  try {
    // Only this server says where a request came from.
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress({
      socketAddress: req.socket.remoteAddress,
      forwardedFor: req.headers['x-forwarded-for'],
      trusted,
    });
    req.rawHeaders = withoutHeader(req.rawHeaders, CLIENT_ADDRESS_HEADER);
    req.rawHeaders.push(CLIENT_ADDRESS_HEADER, req.headers[CLIENT_ADDRESS_HEADER]);

    const limit = bodyLimitFor(req.url);
    if (limit !== null) {
      const declared = req.headers['content-length'];
      if (declared !== undefined && Number(declared) > limit.bytes) return refuseTooLarge(res, limit);
      if (declared === undefined && req.headers['transfer-encoding'] !== undefined) {
        const body = await readBounded(req, limit.bytes);
        if (body === null) return refuseTooLarge(res, limit);
        return await handle(withBody(req, body), res);
      }
    }
    await (cache === null ? handle(req, res) : cache.handle(req, res, handle));
  } catch (error) {
    logger.error({ err: error }, 'The request failed before Next.js answered it');
    if (!res.headersSent) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal Server Error');
    } else res.destroy();
  }
}

const server = http.createServer(onRequest);
// An idle keep-alive connection stays open 65 s, not Node's 5 s: longer than the idle timeout of the proxies
// in front of servers (60 s is common) and than a client's pause between pages. A client that sends on a
// connection at the moment the server closes it gets ECONNRESET; in the soak, 8 of 60,000 requests did,
// with 5 s. The headers' deadline must be longer still.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

// A client that asks before sending a large body (Expect: 100-continue) is refused before it sends it.
server.on('checkContinue', (req, res) => {
  const limit = bodyLimitFor(req.url);
  if (limit !== null && Number(req.headers['content-length']) > limit.bytes) return refuseTooLarge(res, limit);
  res.writeContinue();
  void onRequest(req, res);
});

// Next's hot reload in development talks over WebSocket upgrades.
server.on('upgrade', (req, socket, head) => app.getUpgradeHandler()(req, socket, head));

server.once('error', (error) => {
  if (error.code === 'EADDRINUSE') fail(`Port ${port} is already in use. Choose another: PORT=3001`);
  fail(error.message);
});
server.listen(port, hostname, () => {
  const shown = hostname && hostname !== '0.0.0.0' && hostname !== '::' ? hostname : 'localhost';
  logger.info(`Ready on http://${shown}:${port}${dev ? ' (development)' : ''}`);
  if (trusted.count > 0) logger.info(`Trusting X-Forwarded-For from: ${process.env.TRUSTED_PROXIES}`);
  if (cache !== null) logger.info(`Response cache: ${cache.maxBytes / 1048576} MB`);
  logger.info(`Rendering ${renderLimits.concurrency} requests at once, ${renderLimits.maxQueue} more waiting`);
});

/** How often the server logs its memory, cache and queue at debug level. */
const STATS_EVERY_MS = 10_000;

// At debug level, every STATS_EVERY_MS: the process's memory, what the response cache holds (bounded by
// RESPONSE_CACHE_MB, so its filling is not a leak) and the render queue. `npm run soak` reads these lines.
setInterval(() => {
  if (!logger.isLevelEnabled('debug')) return;
  const memory = process.memoryUsage();
  const held = cache?.cache.size ?? { bytes: 0, entries: 0 };
  const queue = limiter.stats();
  logger.debug(
    {
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      heapTotalBytes: memory.heapTotal,
      externalBytes: memory.external,
      cacheBytes: held.bytes,
      cacheEntries: held.entries,
      rendering: queue.active,
      waiting: queue.waiting,
    },
    'server stats',
  );
}, STATS_EVERY_MS).unref();

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close();
    void Promise.all([app.close(), cache?.stop()]).finally(() => process.exit(0));
    // Open keep-alive connections must not hold the process.
    server.closeAllConnections();
  });
}
