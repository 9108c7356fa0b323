import 'server-only';
import { getDb } from '../db';
import { todayUtc, toIsoDate } from '../gaps/dates';
import type { IsoDate, PairLevel } from '../gaps/types';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { pairPath } from '../pairs';
import { thresholdDays, thresholdText, watchStatus, type Threshold, type WatchStatus } from '../watches/rules';
import { isStorableText } from '../validation/text';
import type { WatchInput, WatchThresholdInput } from '../validation/watch';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { describeSides, resolvePair } from './pairs';
import { pairNow, readWatchedPairs, WATCH_RULE_SELECT, watchedPairId } from './watch-pairs';

/*
 * A user's watches: each is the user's own, and another user's watch is "not found", exactly like one
 * that does not exist. Watch writes change no public page, so their audit rows purge nothing.
 */

const WATCH_SELECT = {
  ...WATCH_RULE_SELECT,
  crossedAt: true,
  createdAt: true,
} as const;

type WatchRow = {
  id: string;
  level: PairLevel;
  keyA: string;
  keyB: string;
  thresholdDays: number | null;
  thresholdMultiple: number | null;
  crossedSince: Date | null;
  crossedAt: Date | null;
  createdAt: Date;
};

/** A watch as pages and the API show it. */
export type WatchView = {
  id: string;
  level: PairLevel;
  pair: { a: { key: string; label: string }; b: { key: string; label: string }; href: string; title: string };
  threshold: { days: number | null; multiple: number | null; effectiveDays: number | null; text: string };
  medianGapDays: number | null;
  silence: { since: IsoDate | null; days: number; running: boolean };
  status: WatchStatus;
  /** Past its threshold by this many days (negative: days to go); null without a threshold or silence. */
  overBy: number | null;
  /** The silence the last "crossed" event was for, while it lasts. */
  crossedSince: IsoDate | null;
  createdAt: string;
};

export const thresholdOf = (row: { thresholdDays: number | null; thresholdMultiple: number | null }): Threshold =>
  row.thresholdDays !== null ? { days: row.thresholdDays } : { multiple: row.thresholdMultiple ?? 1 };

const STATUS_ORDER: Record<WatchStatus, number> = { PAST: 0, BELOW: 1, NO_MEDIAN: 2, NOT_RUNNING: 3 };

/** Views of watch rows with their pairs' silences on `today`. */
async function viewsOf(rows: WatchRow[], today: IsoDate): Promise<WatchView[]> {
  const stats = await readWatchedPairs(getDb(), rows);
  const sides = new Map<PairLevel, Awaited<ReturnType<typeof describeSides>>>();
  for (const level of new Set(rows.map((row) => row.level))) {
    sides.set(
      level,
      await describeSides(
        level,
        rows.filter((r) => r.level === level).flatMap((r) => [r.keyA, r.keyB]),
      ),
    );
  }
  return rows.map((row) => {
    const stat = stats.get(watchedPairId(row));
    const threshold = thresholdOf(row);
    const median = stat?.medianDays ?? null;
    const effective = thresholdDays(threshold, median);
    const now = pairNow(stat, effective, today);
    const status = watchStatus(now);
    const bySide = sides.get(row.level);
    const [a, b] = [bySide?.get(row.keyA), bySide?.get(row.keyB)];
    const label = (side: typeof a, key: string) => side?.label ?? `${key} (deleted)`;
    return {
      id: row.id,
      level: row.level,
      pair: {
        a: { key: row.keyA, label: label(a, row.keyA) },
        b: { key: row.keyB, label: label(b, row.keyB) },
        href: pairPath(row.level, a?.ref ?? row.keyA, b?.ref ?? row.keyB),
        title: `${label(a, row.keyA)} – ${label(b, row.keyB)}`,
      },
      threshold: {
        days: row.thresholdDays,
        multiple: row.thresholdMultiple,
        effectiveDays: effective,
        text: thresholdText(threshold, median),
      },
      medianGapDays: median,
      silence: { since: now.since, days: now.days, running: now.running },
      status,
      overBy: effective === null || !now.running ? null : now.days - effective,
      crossedSince: row.crossedSince === null ? null : toIsoDate(row.crossedSince),
      createdAt: row.createdAt.toISOString(),
    };
  });
}

/** The user's watches, those past their threshold first (the furthest past first), then the longest silences. */
export async function listWatches(userId: string, today: IsoDate = todayUtc()): Promise<WatchView[]> {
  const rows = await getDb().watch.findMany({ where: { userId }, select: WATCH_SELECT, orderBy: { createdAt: 'asc' } });
  const views = await viewsOf(rows, today);
  return views.sort(
    (x, y) =>
      STATUS_ORDER[x.status] - STATUS_ORDER[y.status] ||
      (y.overBy ?? -Infinity) - (x.overBy ?? -Infinity) ||
      y.silence.days - x.silence.days ||
      x.pair.title.localeCompare(y.pair.title),
  );
}

const NO_SUCH_WATCH = 'You have no such watch: it may have been deleted.';

/** The user's watch row by id, or NOT_FOUND (also for an id PostgreSQL could not even compare: a NUL in it). */
async function ownWatch(db: Pick<Prisma.TransactionClient, 'watch'>, userId: string, id: string) {
  const row = isStorableText(id) ? await db.watch.findFirst({ where: { id, userId }, select: WATCH_SELECT }) : null;
  if (row === null) throw new AppError('NOT_FOUND', NO_SUCH_WATCH);
  return row;
}

/** One of the user's watches, or NOT_FOUND. */
export async function getWatch(userId: string, id: string, today: IsoDate = todayUtc()): Promise<WatchView> {
  return (await viewsOf([await ownWatch(getDb(), userId, id)], today))[0];
}

/** The user's watch of a pair named as its page's address names it, or null. */
export async function findWatchOfPair(userId: string, level: PairLevel, refA: string, refB: string) {
  const resolved = await resolvePair(level, refA, refB);
  if (resolved === null) return { pair: null, watch: null };
  const row = await getDb().watch.findFirst({
    where: { userId, level, keyA: resolved.pair.a, keyB: resolved.pair.b },
    select: WATCH_SELECT,
  });
  return { pair: resolved, watch: row === null ? null : (await viewsOf([row], todayUtc()))[0] };
}

function thresholdData(input: WatchThresholdInput) {
  return { thresholdDays: input.thresholdDays ?? null, thresholdMultiple: input.thresholdMultiple ?? null };
}

/** Watches a pair for the user; CONFLICT when they already watch it. */
export async function createWatch(userId: string, input: WatchInput, actor: Actor): Promise<WatchView> {
  const resolved = await resolvePair(input.level, input.a, input.b);
  if (resolved === null) {
    throw new AppError('NOT_FOUND', 'There is no such pair: check both sides, which must be of different countries.', {
      b: ['No pair of these two at this level'],
    });
  }
  const row = await getDb().$transaction(async (tx) => {
    const existing = await tx.watch.findFirst({
      where: { userId, level: input.level, keyA: resolved.pair.a, keyB: resolved.pair.b },
      select: { id: true },
    });
    if (existing !== null) {
      throw new AppError('CONFLICT', 'You already watch this pair: change its threshold instead.', undefined, {
        id: existing.id,
      });
    }
    const created = await tx.watch.create({
      data: { userId, level: input.level, keyA: resolved.pair.a, keyB: resolved.pair.b, ...thresholdData(input) },
      select: WATCH_SELECT,
    });
    await writeAudit(
      tx,
      actor,
      { action: 'create', entityType: 'watch', entityId: created.id, after: created },
      { publish: false },
    );
    return created;
  });
  return (await viewsOf([row], todayUtc()))[0];
}

/** Changes the threshold of one of the user's watches. */
export async function updateWatch(userId: string, id: string, input: WatchThresholdInput, actor: Actor) {
  const row = await getDb().$transaction(async (tx) => {
    const before = await ownWatch(tx, userId, id);
    const after = await tx.watch.update({ where: { id }, data: thresholdData(input), select: WATCH_SELECT });
    await writeAudit(
      tx,
      actor,
      { action: 'update', entityType: 'watch', entityId: id, before, after },
      { publish: false },
    );
    return after;
  });
  return (await viewsOf([row], todayUtc()))[0];
}

/** Stops watching: the watch and its events go (the feed no longer lists them). */
export async function deleteWatch(userId: string, id: string, actor: Actor) {
  return getDb().$transaction(async (tx) => {
    const before = await ownWatch(tx, userId, id);
    await tx.watch.delete({ where: { id } });
    await writeAudit(tx, actor, { action: 'delete', entityType: 'watch', entityId: id, before }, { publish: false });
    return before;
  });
}

/** A watch event as the feed, the page and the API show it. */
export type WatchEventView = {
  id: string;
  watchId: string;
  kind: 'CROSSED' | 'ENDED';
  level: PairLevel;
  pair: { a: string; b: string; title: string; href: string };
  silenceSince: IsoDate;
  days: number;
  thresholdDays: number;
  endedOn: IsoDate | null;
  occurredAt: string;
  text: string;
};

/** The sentence an event is told in. */
export function eventText(e: {
  kind: string;
  days: number;
  thresholdDays: number;
  endedOn: IsoDate | null;
  title: string;
}) {
  if (e.kind === 'CROSSED')
    return `${e.title}: ${e.days} days of silence, past your threshold of ${e.thresholdDays} days`;
  return e.endedOn === null
    ? `${e.title}: the silence closed after ${e.days} days (an official left office)`
    : `${e.title}: a contact on ${e.endedOn} ended a ${e.days}-day silence`;
}

/** The user's latest watch events, newest first (one watch's with `watchId`, one event with `eventId`). */
export async function listWatchEvents(userId: string, options: { limit: number; watchId?: string; eventId?: string }) {
  const rows = await getDb().watchEvent.findMany({
    where: {
      userId,
      ...(options.watchId === undefined ? {} : { watchId: options.watchId }),
      ...(options.eventId === undefined ? {} : { id: options.eventId }),
    },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    take: options.limit,
  });
  const labels = new Map<string, string>();
  const refs = new Map<string, string>();
  for (const level of new Set(rows.map((row) => row.level))) {
    const sides = await describeSides(
      level,
      rows.filter((r) => r.level === level).flatMap((r) => [r.keyA, r.keyB]),
    );
    for (const [key, side] of sides) {
      labels.set(`${level}~${key}`, side.label);
      refs.set(`${level}~${key}`, side.ref);
    }
  }
  return rows.map((row): WatchEventView => {
    const name = (key: string) => labels.get(`${row.level}~${key}`) ?? key;
    const ref = (key: string) => refs.get(`${row.level}~${key}`) ?? key;
    const title = `${name(row.keyA)} – ${name(row.keyB)}`;
    const endedOn = row.endedOn === null ? null : toIsoDate(row.endedOn);
    return {
      id: row.id,
      watchId: row.watchId,
      kind: row.kind,
      level: row.level,
      pair: { a: row.keyA, b: row.keyB, title, href: pairPath(row.level, ref(row.keyA), ref(row.keyB)) },
      silenceSince: toIsoDate(row.silenceSince),
      days: row.days,
      thresholdDays: row.thresholdDays,
      endedOn,
      occurredAt: row.occurredAt.toISOString(),
      text: eventText({ ...row, endedOn, title }),
    };
  });
}
