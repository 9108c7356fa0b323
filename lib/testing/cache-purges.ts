import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { CACHE_CHANNEL } from '../cache/tags.mjs';

/** A purge the data layer announces to the response cache: the tags it names and, for searches, the texts. */
export type CachePurge = { tags: string[]; texts?: string[] };

/**
 * Listens on the response cache's channel for the describe block it is called in. `published()` returns
 * the purges announced since its last call: its round trip on the listener's connection delivers those
 * still pending, so no test waits for time.
 */
export function listenForCachePurges(): { published: () => Promise<CachePurge[]> } {
  let listener: pg.Client;
  const received: CachePurge[] = [];

  beforeAll(async () => {
    listener = new pg.Client({ connectionString: inject('databaseUrl') });
    await listener.connect();
    listener.on('notification', (message) => received.push(JSON.parse(message.payload ?? '{}')));
    await listener.query(`LISTEN ${CACHE_CHANNEL}`);
  });
  afterAll(() => listener.end());

  return {
    async published() {
      await listener.query('SELECT 1');
      return received.splice(0);
    },
  };
}
