import { subDays } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { getDb } from '../db';
import { parseIsoDate, todayUtc, toIsoDate } from '../gaps/dates';
import { setupTestDatabase } from '../testing/database';
import { CLI_ACTOR, makeContact, makePairWithHistory, makeUser } from '../testing/factories';
import { ZWatchInput } from '../validation/watch';
import { deleteContact } from './contact-edits';
import { runWatchJob } from './watch-job';
import { createWatch, listWatches, updateWatch } from './watches';

setupTestDatabase();

/** The job's clock: every date below is counted back from the day it takes as today. */
const now = new Date();
const today = todayUtc(now);
const daysAgo = (n: number) => toIsoDate(subDays(parseIsoDate(today), n));

async function pairWithHistory(dates: string[]) {
  const { austin, shoigu } = await makePairWithHistory(dates);
  const { user, actor } = await makeUser({ email: 'ana@example.org', name: 'Ana', role: 'VIEWER' });
  return { austin, shoigu, user, actor };
}

const events = () =>
  getDb().watchEvent.findMany({
    orderBy: { occurredAt: 'asc' },
    select: { kind: true, days: true, thresholdDays: true },
  });

describe('the watch job', () => {
  it('fires one "crossed" event for a silence past the threshold, however often it runs', async () => {
    const { austin, shoigu, user, actor } = await pairWithHistory([daysAgo(40)]);
    await createWatch(
      user.id,
      ZWatchInput.parse({ level: 'officials', a: austin.slug, b: shoigu.slug, thresholdDays: 30 }),
      actor,
    );

    expect(await runWatchJob({ now })).toMatchObject({ ran: true, events: 1 });
    expect(await runWatchJob({ now })).toMatchObject({ ran: true, events: 0 });
    expect(await events()).toEqual([{ kind: 'CROSSED', days: 40, thresholdDays: 30 }]);
    const [watch] = await listWatches(user.id, today);
    expect(watch).toMatchObject({ status: 'PAST', overBy: 10, crossedSince: daysAgo(40) });
  });

  it('fires nothing below the threshold, and crosses when the threshold is lowered', async () => {
    const { austin, shoigu, user, actor } = await pairWithHistory([daysAgo(20)]);
    const watch = await createWatch(
      user.id,
      ZWatchInput.parse({ level: 'OFFICIAL', a: austin.slug, b: shoigu.slug, thresholdDays: 21 }),
      actor,
    );
    await runWatchJob({ now });
    expect(await events()).toEqual([]);
    expect(watch.status).toBe('BELOW');
    await updateWatch(user.id, watch.id, { thresholdDays: 20 }, actor);
    await runWatchJob({ now });
    expect(await events()).toEqual([{ kind: 'CROSSED', days: 20, thresholdDays: 20 }]);
  });

  it('fires one "ended" event when a logged contact ends the silence', async () => {
    const { austin, shoigu, user, actor } = await pairWithHistory([daysAgo(40)]);
    await createWatch(user.id, ZWatchInput.parse({ level: 'countries', a: 'US', b: 'RU', thresholdDays: 30 }), actor);
    await runWatchJob({ now });
    await makeContact({
      date: daysAgo(2),
      type: 'MEETING',
      participants: [austin.slug, shoigu.slug],
      sources: [{ url: 'https://example.org/ended' }],
    });
    await runWatchJob({ now });
    await runWatchJob({ now });
    const rows = await getDb().watchEvent.findMany({ orderBy: { occurredAt: 'asc' } });
    expect(rows.map((r) => [r.kind, r.days, r.endedOn && toIsoDate(r.endedOn)])).toEqual([
      ['CROSSED', 40, null],
      ['ENDED', 38, daysAgo(2)],
    ]);
    const [watch] = await listWatches(user.id, today);
    expect(watch).toMatchObject({ status: 'BELOW', crossedSince: null, silence: { days: 2 } });
  });

  it('does not end a silence for a request that was refused, nor for a deleted contact', async () => {
    const { austin, shoigu, user, actor } = await pairWithHistory([daysAgo(50), daysAgo(40)]);
    await createWatch(
      user.id,
      ZWatchInput.parse({ level: 'officials', a: austin.slug, b: shoigu.slug, thresholdDays: 30 }),
      actor,
    );
    await runWatchJob({ now });
    const refused = await makeContact({
      date: daysAgo(1),
      status: 'REFUSED',
      participants: [austin.slug, shoigu.slug],
      sources: [{ url: 'https://example.org/refused' }],
    });
    await runWatchJob({ now });
    await deleteContact(refused.id, { version: refused.version }, CLI_ACTOR);
    await runWatchJob({ now });
    expect(await events()).toEqual([{ kind: 'CROSSED', days: 40, thresholdDays: 30 }]);
  });

  it('takes a multiple of the median gap as the threshold, rounded up', async () => {
    // Gaps of 10, 10 and 12 days: the median is 10, so 2.5 × median = 25 days.
    const { austin, shoigu, user, actor } = await pairWithHistory([daysAgo(57), daysAgo(47), daysAgo(37), daysAgo(25)]);
    const watch = await createWatch(
      user.id,
      ZWatchInput.parse({ level: 'officials', a: austin.slug, b: shoigu.slug, thresholdMultiple: 2.5 }),
      actor,
    );
    expect(watch.threshold).toMatchObject({ effectiveDays: 25, text: '2.5 × the median gap (25 days)' });
    expect(watch.status).toBe('PAST');
    await runWatchJob({ now });
    expect(await events()).toEqual([{ kind: 'CROSSED', days: 25, thresholdDays: 25 }]);

    await updateWatch(user.id, watch.id, { thresholdMultiple: 2.6 }, actor);
    await runWatchJob({ now });
    // Raised above the silence: the watch is no longer past, quietly (no silence ended).
    expect(await events()).toHaveLength(1);
    expect((await listWatches(user.id, today))[0]).toMatchObject({ status: 'BELOW', crossedSince: null });
  });

  it('lets one of concurrent runs do the work: each event once, however many run at once', async () => {
    const { austin, shoigu } = await pairWithHistory([daysAgo(40)]);
    // Enough watches that the runs overlap: 40 users each watching the official and the country pair.
    const users = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        getDb().user.create({ data: { email: `w${i}@example.org`, name: `W${i}` }, select: { id: true } }),
      ),
    );
    const [a, b] = [austin.id, shoigu.id].sort();
    await getDb().watch.createMany({
      data: users.flatMap(({ id }) => [
        { userId: id, level: 'OFFICIAL' as const, keyA: a, keyB: b, thresholdDays: 30 },
        { userId: id, level: 'COUNTRY' as const, keyA: 'RU', keyB: 'US', thresholdDays: 30 },
      ]),
    });
    const runs = await Promise.all(Array.from({ length: 4 }, () => runWatchJob({ now })));
    expect(runs.reduce((sum, run) => sum + run.events, 0)).toBe(80);
    expect(await getDb().watchEvent.count()).toBe(80);
    expect(await runWatchJob({ now })).toMatchObject({ events: 0 });
  });

  it('skips the run while another holds the lock', async () => {
    const { austin, shoigu, user, actor } = await pairWithHistory([daysAgo(40)]);
    await createWatch(
      user.id,
      ZWatchInput.parse({ level: 'officials', a: austin.slug, b: shoigu.slug, thresholdDays: 30 }),
      actor,
    );
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = getDb().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(7303001::bigint)`;
      locked();
      await held;
    });
    await isLocked;
    expect(await runWatchJob({ now })).toMatchObject({ ran: false, events: 0 });
    release();
    await holder;
    expect(await runWatchJob({ now })).toMatchObject({ ran: true, events: 1 });
  });
});
