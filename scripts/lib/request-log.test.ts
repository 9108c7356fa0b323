import { EventEmitter } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logging.mjs';
import { acceptRequestId, assignRequestId, levelFor, logRequest, MAX_ROUTE_LENGTH, routeOf } from './request-log.mjs';

/** A logger as the server's, writing its lines into an array. */
function capture(level: 'debug' | 'info' = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ level, destination }), lines };
}

/** Just what logRequest and assignRequestId touch of a request and its response. */
function fake(url: string, headers: Record<string, string> = {}, method = 'GET') {
  const rawHeaders = Object.entries(headers).flat();
  const req = { method, url, headers: { ...headers }, rawHeaders } as unknown as IncomingMessage;
  const sent: Record<string, unknown> = {};
  const res = Object.assign(new EventEmitter(), {
    statusCode: 200,
    headersSent: false,
    writableFinished: false,
    setHeader: (name: string, value: unknown) => (sent[name.toLowerCase()] = value),
  });
  const finish = (status: number) => {
    Object.assign(res, { statusCode: status, headersSent: true, writableFinished: true });
    res.emit('finish');
    res.emit('close');
  };
  return { req, res: res as unknown as ServerResponse & EventEmitter, sent, finish };
}

describe('the request id', () => {
  it('keeps a short safe id the client sent', () => {
    for (const id of ['abc', 'req-42_x.y:z', 'A'.repeat(128), '0f8c5a2e-6a7e-4c1e-9a55-2d6b1c7f0e11'])
      expect(acceptRequestId(id, () => 'new')).toBe(id);
  });

  it('replaces anything else with a new one', () => {
    for (const id of [undefined, '', 'A'.repeat(129), 'two words', 'line\nbreak', '<script>', 'a/b', 'é'])
      expect(
        acceptRequestId(id, () => 'new'),
        String(id),
      ).toBe('new');
    expect(acceptRequestId(undefined)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('is set on the request the app reads, once, and on the response', () => {
    const { req, res, sent } = fake('/', { 'X-Request-Id': 'bad id', Host: 'localhost' });
    req.headers['x-request-id'] = 'bad id';
    const id = assignRequestId(req, res, () => 'generated-1');
    expect(id).toBe('generated-1');
    expect(req.headers['x-request-id']).toBe('generated-1');
    expect(req.rawHeaders).toEqual(['Host', 'localhost', 'x-request-id', 'generated-1']);
    expect(sent['x-request-id']).toBe('generated-1');
  });
});

describe('the line of a request', () => {
  it('is one JSON line: level, time, reqId, method, route without the query, status, duration', () => {
    const { logger, lines } = capture();
    const { req, res, finish } = fake('/api/v1/contacts?token=cp_secret&page=2', {}, 'POST');
    let clock = 1000;
    logRequest({ logger, req, res, reqId: 'r-1', now: () => clock });
    expect(lines).toEqual([]);
    clock += 12.34;
    finish(201);
    expect(lines).toEqual([
      {
        level: 'info',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        pid: process.pid,
        reqId: 'r-1',
        method: 'POST',
        route: '/api/v1/contacts',
        status: 201,
        durationMs: 12.3,
        msg: 'POST /api/v1/contacts 201 12.3ms',
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain('cp_secret');
  });

  it('is a warning for 4xx, an error for 5xx, and debug for successful assets and health checks', () => {
    const cases: [string, number, string][] = [
      ['/api/v1/contacts', 400, 'warn'],
      ['/officials/nobody', 404, 'warn'],
      ['/api/v1/gaps', 500, 'error'],
      ['/', 503, 'error'],
      ['/_next/static/chunks/app.js', 200, 'debug'],
      ['/_next/static/chunks/missing.js', 404, 'warn'],
      ['/favicon.ico', 200, 'debug'],
      ['/icon-192.png', 304, 'debug'],
      ['/officials/ada/photo', 200, 'info'],
      ['/api/health', 200, 'debug'],
      ['/api/health', 503, 'error'],
      ['/api/healthy', 200, 'info'],
    ];
    for (const [route, status, level] of cases) expect(levelFor(status, route), `${route} ${status}`).toBe(level);

    const { logger, lines } = capture('info');
    const asset = fake('/_next/static/chunks/app.js');
    logRequest({ logger, req: asset.req, res: asset.res, reqId: 'a' });
    asset.finish(200);
    const failed = fake('/api/v1/gaps?a=x');
    logRequest({ logger, req: failed.req, res: failed.res, reqId: 'b' });
    failed.finish(500);
    expect(lines.map((line) => [line.reqId, line.level])).toEqual([['b', 'error']]);
  });

  it('says when the client went away before the answer', () => {
    const { logger, lines } = capture();
    const { req, res } = fake('/pairs/countries/US/RU');
    logRequest({ logger, req, res, reqId: 'gone' });
    res.emit('close');
    expect(lines).toEqual([expect.objectContaining({ reqId: 'gone', status: null, aborted: true, level: 'info' })]);
  });

  it('keeps the path as sent, but never its query or fragment', () => {
    expect(routeOf('/a/b?x=1#y')).toBe('/a/b');
    expect(routeOf('/a/b#y?x')).toBe('/a/b');
    expect(routeOf('/feeds/watches/cpf_secret123?x=1')).toBe('/feeds/watches/[token]');
    expect(routeOf(`/api/v1/officials/${'x'.repeat(40_000)}`)).toBe(
      `/api/v1/officials/${'x'.repeat(MAX_ROUTE_LENGTH - 18)}…(40018 characters)`,
    );
    expect(routeOf('/')).toBe('/');
    expect(routeOf(undefined)).toBe('/');
  });
});

describe('on a real server', () => {
  let server: http.Server | undefined;
  afterEach(async () => {
    if (!server) return;
    const closed = new Promise((resolve) => server!.close(resolve));
    server.closeAllConnections();
    await closed;
  });

  it('logs each request of a kept-alive connection once, and one the client abandoned', async () => {
    const { logger, lines } = capture();
    let arrived!: () => void;
    let abandoned!: () => void;
    const slowArrived = new Promise<void>((resolve) => (arrived = resolve));
    const gone = new Promise<void>((resolve) => (abandoned = resolve));
    server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
      const reqId = assignRequestId(req, res);
      logRequest({ logger, req, res, reqId });
      if (req.url === '/slow') {
        res.once('close', abandoned);
        arrived();
        return;
      }
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'Content-Type': 'text/plain' });
      res.end(req.headers['x-request-id']);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const first = await fetch(`${base}/one?x=1`, { headers: { 'X-Request-Id': 'client-chosen-1' } });
    expect(first.headers.get('x-request-id')).toBe('client-chosen-1');
    expect(await first.text()).toBe('client-chosen-1');
    const second = await fetch(`${base}/missing`, { headers: { 'X-Request-Id': 'not ok!' } });
    const secondId = second.headers.get('x-request-id');
    expect(secondId).not.toBe('not ok!');
    expect(await second.text()).toBe(secondId);

    const controller = new AbortController();
    const slow = fetch(`${base}/slow`, { signal: controller.signal }).catch(() => null);
    await slowArrived;
    controller.abort();
    await slow;
    await gone;

    expect(lines.map(({ route, status, level, aborted, reqId }) => ({ route, status, level, aborted, reqId }))).toEqual(
      [
        { route: '/one', status: 200, level: 'info', aborted: undefined, reqId: 'client-chosen-1' },
        { route: '/missing', status: 404, level: 'warn', aborted: undefined, reqId: secondId },
        { route: '/slow', status: null, level: 'info', aborted: true, reqId: expect.any(String) },
      ],
    );
  });
});
