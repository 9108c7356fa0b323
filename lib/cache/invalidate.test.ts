import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { InvalidationListener } from '../../scripts/lib/response-cache.mjs';
import { disconnectDb, getDb } from '../db';
import { invalidationPayloads, MAX_PAYLOAD_BYTES, publishInvalidation } from './invalidate';

describe('invalidationPayloads', () => {
  it('sends a write’s texts in one more notification, which purges the pages for any text', () => {
    expect(invalidationPayloads(['contacts', 'contact:1'], ['xu yuan', 'xu yuan', 'talks'])).toEqual([
      '{"tags":["contacts","contact:1"]}',
      '{"tags":["search-text"],"texts":["xu yuan","talks"]}',
    ]);
    expect(invalidationPayloads([], [])).toEqual(['{"tags":["search-text"],"texts":[]}']);
  });

  it('purges every search page when the texts are too long to send, and `all` covers them', () => {
    const long = ['x'.repeat(MAX_PAYLOAD_BYTES)];
    expect(invalidationPayloads(['contacts'], long)).toEqual(['{"tags":["contacts","search"]}']);
    expect(invalidationPayloads(['all'], ['xu'])).toEqual(['{"tags":["all"]}']);
  });

  it('sends the tags as JSON, once each', () => {
    expect(invalidationPayloads(['a', 'b', 'a'])).toEqual(['{"tags":["a","b"]}']);
    expect(invalidationPayloads([])).toEqual([]);
  });

  it('splits a long list into notifications PostgreSQL accepts, and loses no tag', () => {
    const tags = Array.from({ length: 1500 }, (_, i) => `pair:official:official-number-${i}:someone-else`);
    const payloads = invalidationPayloads(tags);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(payloads.flatMap((p) => JSON.parse(p).tags)).toEqual(tags);
  });

  it('falls back to `all` when the list is too long to send, or names `all`', () => {
    const tags = Array.from({ length: 20_000 }, (_, i) => `contact:${i}-${'x'.repeat(20)}`);
    expect(invalidationPayloads(tags)).toEqual(['{"tags":["all"]}']);
    expect(invalidationPayloads(['contacts', 'all'])).toEqual(['{"tags":["all"]}']);
  });
});

/** Two servers' listeners on one database, as two app processes would have. */
describe('two listeners on one database', () => {
  type Received = string[][];
  const received: [Received, Received] = [[], []];
  let listeners: InvalidationListener[] = [];

  beforeAll(async () => {
    process.env.DATABASE_URL = inject('databaseUrl');
    listeners = received.map(
      (into) =>
        new InvalidationListener({
          connectionString: inject('databaseUrl'),
          onInvalidate: (tags) => into.push(tags),
          minDelayMs: 20,
          maxDelayMs: 100,
        }),
    );
    await Promise.all(listeners.map((listener) => listener.start()));
    expect(listeners.map((l) => l.up)).toEqual([true, true]);
  });
  afterEach(() => {
    received[0].length = 0;
    received[1].length = 0;
  });
  afterAll(async () => {
    await Promise.all(listeners.map((listener) => listener.stop()));
    await disconnectDb();
  });

  it('a write committed elsewhere has reached each listener by the end of its next barrier', async () => {
    for (let i = 0; i < 25; i++) {
      await getDb().$transaction(async (tx) => publishInvalidation(tx, [`contact:${i}`, 'contacts']));
      // No waiting: the barrier's round trip alone must bring the notification.
      await Promise.all(listeners.map((listener) => listener.barrier()));
      expect(
        received.map((r) => r.at(-1)),
        `write ${i}`,
      ).toEqual([
        [`contact:${i}`, 'contacts'],
        [`contact:${i}`, 'contacts'],
      ]);
    }
  });

  it('a notification sent on one listener’s side reaches the other before its barrier completes', async () => {
    const writer = new pg.Client({ connectionString: inject('databaseUrl') });
    await writer.connect();
    try {
      for (let i = 0; i < 25; i++) {
        await writer.query(`SELECT pg_notify('counterpart_cache', $1)`, [JSON.stringify({ tags: [`official:o${i}`] })]);
        await listeners[1].barrier();
        expect(received[1].at(-1)).toEqual([`official:o${i}`]);
      }
    } finally {
      await writer.end();
    }
  });

  it('a write that rolls back notifies nobody', async () => {
    await expect(
      getDb().$transaction(async (tx) => {
        await publishInvalidation(tx, ['contact:rolled-back']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await Promise.all(listeners.map((listener) => listener.barrier()));
    expect(received).toEqual([[], []]);
  });

  it('a dropped connection is reported, retried, and listening again afterwards', async () => {
    const downs = vi.fn();
    const ups = vi.fn();
    const into: Received = [];
    const listener = new InvalidationListener({
      connectionString: inject('databaseUrl'),
      onInvalidate: (tags) => into.push(tags),
      onDown: downs,
      onUp: ups,
      minDelayMs: 20,
      maxDelayMs: 100,
    });
    await listener.start();
    expect(ups).toHaveBeenCalledTimes(1);
    const owner = new pg.Client({ connectionString: inject('ownerDatabaseUrl') });
    await owner.connect();
    try {
      await owner.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE pid <> pg_backend_pid() AND query = 'LISTEN counterpart_cache'`,
      );
      await vi.waitFor(() => expect(downs).toHaveBeenCalled(), { timeout: 5_000 });
      await vi.waitFor(() => expect(listener.up).toBe(true), { timeout: 5_000 });
      expect(ups.mock.calls.length).toBeGreaterThanOrEqual(2);
      await owner.query(`SELECT pg_notify('counterpart_cache', '{"tags":["office:US:SECDEF"]}')`);
      await listener.barrier();
      expect(into).toEqual([['office:US:SECDEF']]);
    } finally {
      await owner.end();
      await listener.stop();
    }
    // The shared listeners were cut off too; they come back on their own.
    await vi.waitFor(() => expect(listeners.map((l) => l.up)).toEqual([true, true]), { timeout: 5_000 });
  });
});
