import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { isDatabaseAvailable, isDatabaseUnreachable, noteConnection } from './db-health';
import { disconnectDb, getDb, poolSettings } from './db';

describe('isDatabaseUnreachable', () => {
  it('knows a refused or timed-out connection, however deeply Prisma wraps it', () => {
    expect(
      isDatabaseUnreachable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(isDatabaseUnreachable({ code: 'P1001', message: "Can't reach database server" })).toBe(true);
    expect(
      isDatabaseUnreachable(new Error('x', { cause: new Error('Connection terminated due to connection timeout') })),
    ).toBe(true);
    expect(isDatabaseUnreachable(new Error('timeout expired'))).toBe(true);
    expect(isDatabaseUnreachable(new AggregateError([{ code: 'ECONNREFUSED' }]))).toBe(true);
  });

  it('does not take a bad query or a conflict for an outage', () => {
    expect(isDatabaseUnreachable(Object.assign(new Error('unique'), { code: 'P2002' }))).toBe(false);
    expect(isDatabaseUnreachable(new Error('relation "x" does not exist'))).toBe(false);
    expect(isDatabaseUnreachable(null)).toBe(false);
  });

  it('does not take a busy pool for a dead server', () => {
    // pg-pool's words when every connection is in use for longer than the wait allows.
    expect(isDatabaseUnreachable(new Error('timeout exceeded when trying to connect'))).toBe(false);
  });
});

describe('isDatabaseAvailable', () => {
  const saved = process.env.DATABASE_URL;
  let server: Server | undefined;
  afterEach(() => {
    process.env.DATABASE_URL = saved;
    server?.close();
    server = undefined;
  });

  it('answers false within about a second when nothing listens, and true once something does', async () => {
    server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    server.close();
    await new Promise((resolve) => server!.once('close', resolve));

    process.env.DATABASE_URL = `postgresql://u@127.0.0.1:${port}/db`;
    noteConnection(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    const started = Date.now();
    expect(await isDatabaseAvailable()).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_500);

    server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    // A connection the pool made says the server is back, without waiting for the next probe.
    noteConnection(null);
    expect(await isDatabaseAvailable()).toBe(true);
  });
});

/** A PostgreSQL protocol message: its type byte, its length, its body. */
function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0);
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

describe('isDatabaseAvailable while PostgreSQL stops or starts', () => {
  const saved = process.env.DATABASE_URL;
  let server: Server | undefined;
  afterEach(() => {
    process.env.DATABASE_URL = saved;
    server?.close();
    server = undefined;
  });

  /** A server that answers the first message of a session with `reply`, as PostgreSQL would. */
  async function answering(reply: Buffer) {
    server = createServer((socket) => socket.once('data', () => socket.end(reply)));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    process.env.DATABASE_URL = `postgresql://u:p@127.0.0.1:${(server.address() as { port: number }).port}/db`;
    // A failed connection: the next request probes afresh.
    noteConnection(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
  }

  it('is false while the server accepts connections but refuses sessions, as it does shutting down', async () => {
    await answering(message('E', Buffer.from('SFATAL\0C57P03\0Mthe database system is shutting down\0\0')));
    expect(await isDatabaseAvailable()).toBe(false);
  });

  it('is true once the server asks for credentials, or refuses them: it is serving', async () => {
    await answering(message('R', Buffer.from([0, 0, 0, 10, ...Buffer.from('SCRAM-SHA-256\0\0')])));
    expect(await isDatabaseAvailable()).toBe(true);
    await answering(message('E', Buffer.from('SFATAL\0C28P01\0Mpassword authentication failed\0\0')));
    expect(await isDatabaseAvailable()).toBe(true);
  });
});

describe('poolSettings', () => {
  it('limits statements in the web server only, and takes the pool size from DATABASE_POOL_SIZE', () => {
    expect(poolSettings({}, true)).toEqual({
      max: 10,
      statementTimeoutMs: 15_000,
      connectTimeoutMs: 5_000,
      poolWaitMs: 20_000,
    });
    expect(poolSettings({}, false)).toMatchObject({ max: 10, statementTimeoutMs: 0 });
    expect(poolSettings({ DATABASE_POOL_SIZE: '25', STATEMENT_TIMEOUT: '0' }, true)).toMatchObject({
      max: 25,
      statementTimeoutMs: 0,
    });
    expect(poolSettings({ STATEMENT_TIMEOUT: '60' }, false)).toMatchObject({ statementTimeoutMs: 60_000 });
  });

  it('refuses a value that is not a usable whole number, in one line naming the variable', () => {
    for (const bad of ['ten', '0', '-3', '2.5', '1e9']) {
      expect(() => poolSettings({ DATABASE_POOL_SIZE: bad })).toThrow(
        `DATABASE_POOL_SIZE must be a whole number from 1 to 1000; it is "${bad}".`,
      );
    }
    expect(() => poolSettings({ STATEMENT_TIMEOUT: 'soon' })).toThrow(/^STATEMENT_TIMEOUT must be/);
  });
});

describe('the pool', () => {
  const saved = process.env.DATABASE_URL;
  let server: Server | undefined;
  afterEach(async () => {
    await disconnectDb();
    process.env.DATABASE_URL = saved;
    server?.close();
    server = undefined;
  });

  it('gives up on a server that accepts but never answers after the connect timeout, not the pool wait', async () => {
    // A listener that takes the connection and says nothing: a hung server, or a dropped network.
    const sockets: Socket[] = [];
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    process.env.DATABASE_URL = `postgresql://u@127.0.0.1:${(server.address() as { port: number }).port}/db`;
    const started = Date.now();
    const error = await getDb().$queryRaw`SELECT 1`.then(() => null).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    for (const socket of sockets) socket.destroy();
    expect(isDatabaseUnreachable(error), String(error)).toBe(true);
    const { connectTimeoutMs, poolWaitMs } = poolSettings();
    expect(elapsed).toBeGreaterThanOrEqual(connectTimeoutMs - 100);
    expect(elapsed).toBeLessThan(poolWaitMs);
  });

  it('lets a write’s transaction run past Prisma’s default of 5 s, as saves on a busy server do', async () => {
    process.env.DATABASE_URL = inject('databaseUrl');
    const answer = await getDb().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_sleep(5.5)`;
      return tx.$queryRaw<{ n: number }[]>`SELECT 1 AS n`;
    });
    expect(answer).toEqual([{ n: 1 }]);
  }, 20_000);
});
