import { regenerateFeedToken, setWebhook } from '../../lib/data/watch-settings';
import { createWatch } from '../../lib/data/watches';
import { expect, form, getDb, NO_STATE, type Row, type World } from './shared';

/*
 * A user's own watches, feed address and webhook (lib/actions/watches.ts): any signed-in user, for
 * themselves only. Rows that act on "my" watch (or feed, or webhook) make it in `run` for whoever
 * holds the session; a visitor has none, and is refused on the logger's, which must stay as it was.
 */

const CLI = { userId: null, via: 'cli' } as const;

/** The signed-in user of the matrix's session, or null for a visitor. */
async function sessionUserId(): Promise<string | null> {
  const session = await getDb().session.findFirst({ orderBy: { createdAt: 'desc' }, select: { userId: true } });
  return session?.userId ?? null;
}

async function loggerId(): Promise<string> {
  return (await getDb().user.findUniqueOrThrow({ where: { email: 'logger@example.org' }, select: { id: true } })).id;
}

/** The watch the row acts on: the session user's own, or (for a visitor) the logger's. */
async function watchOf(world: World): Promise<string> {
  const userId = (await sessionUserId()) ?? (await loggerId());
  const [a, b] = world.officials;
  const existing = await getDb().watch.findFirst({ where: { userId }, select: { id: true } });
  if (existing !== null) return existing.id;
  const input = { level: 'OFFICIAL' as const, a: a.slug, b: b.slug, thresholdDays: 30 };
  return (await createWatch(userId, input, CLI)).id;
}

export const ROWS: Record<string, Row> = {
  'watches.ts#createWatchAction': {
    permission: 'account:update',
    run: (action, world) =>
      action(
        NO_STATE,
        form({
          level: 'countries',
          a: world.officials[0].country,
          b: world.officials[1].country,
          thresholdKind: 'days',
          threshold: '30',
        }),
      ),
    async expectChanged() {
      const watch = await getDb().watch.findFirstOrThrow({ where: { level: 'COUNTRY' } });
      expect(watch).toMatchObject({ userId: await sessionUserId(), thresholdDays: 30, keyA: 'RU', keyB: 'US' });
    },
  },
  'watches.ts#updateWatchAction': {
    permission: 'account:update',
    prepare: async (world) => ({ loggersWatch: await watchOf(world) }),
    async run(action, world) {
      world.prepared.watchId = (await sessionUserId()) === null ? world.prepared.loggersWatch : await watchOf(world);
      return action(world.prepared.watchId, NO_STATE, form({ thresholdKind: 'multiple', threshold: '1.5' }));
    },
    async expectChanged({ prepared }) {
      const watch = await getDb().watch.findUniqueOrThrow({ where: { id: prepared.watchId } });
      expect(watch).toMatchObject({ thresholdDays: null, thresholdMultiple: 1.5 });
    },
  },
  'watches.ts#deleteWatchAction': {
    permission: 'account:update',
    prepare: async (world) => ({ loggersWatch: await watchOf(world) }),
    async run(action, world) {
      world.prepared.watchId = (await sessionUserId()) === null ? world.prepared.loggersWatch : await watchOf(world);
      return action(world.prepared.watchId, NO_STATE, form({}));
    },
    async expectChanged({ prepared }) {
      expect(await getDb().watch.findUnique({ where: { id: prepared.watchId } })).toBeNull();
      expect(await getDb().watch.findUnique({ where: { id: prepared.loggersWatch } })).not.toBeNull();
    },
  },
  'watches.ts#regenerateFeedAction': {
    permission: 'account:update',
    run: (action) => action(NO_STATE, form({})),
    async expectChanged() {
      expect(await getDb().watchFeedToken.findMany({ select: { userId: true } })).toEqual([
        { userId: await sessionUserId() },
      ]);
    },
  },
  'watches.ts#revokeFeedAction': {
    permission: 'account:update',
    prepare: async () => {
      await regenerateFeedToken(await loggerId(), CLI);
      return {};
    },
    async run(action) {
      const userId = await sessionUserId();
      if (userId !== null) await regenerateFeedToken(userId, CLI);
      return action(NO_STATE, form({}));
    },
    async expectChanged() {
      expect(await getDb().watchFeedToken.findMany({ select: { userId: true } })).toEqual([
        { userId: await loggerId() },
      ]);
    },
  },
  'watches.ts#setWebhookAction': {
    permission: 'account:update',
    // A public address written as an IP: no DNS lookup is needed to check it.
    run: (action) => action(NO_STATE, form({ url: 'https://93.184.215.14/hooks/counterpart' })),
    async expectChanged() {
      const hook = await getDb().watchWebhook.findFirstOrThrow();
      expect(hook).toMatchObject({ userId: await sessionUserId(), url: 'https://93.184.215.14/hooks/counterpart' });
    },
  },
  'watches.ts#removeWebhookAction': {
    permission: 'account:update',
    prepare: async () => {
      await setWebhook(await loggerId(), { url: 'https://93.184.215.14/theirs' }, CLI);
      return {};
    },
    async run(action) {
      const userId = await sessionUserId();
      if (userId !== null) await setWebhook(userId, { url: 'https://93.184.215.14/mine' }, CLI);
      return action(NO_STATE, form({}));
    },
    async expectChanged() {
      expect(await getDb().watchWebhook.findMany({ select: { url: true } })).toEqual([
        { url: 'https://93.184.215.14/theirs' },
      ]);
    },
  },
};

/** The admin's allowance of private webhook addresses (lib/actions/webhook-allowance.ts). */
const ALLOWANCE_ROWS: Record<string, Row> = {
  'webhook-allowance.ts#setWebhookPrivateAction': {
    permission: 'user:manage',
    prepare: async () => ({ userId: await loggerId() }),
    run: (action, world) => action(world.prepared.userId, NO_STATE, form({ allowed: 'on' })),
    async expectChanged({ prepared }) {
      const user = await getDb().user.findUniqueOrThrow({ where: { id: prepared.userId } });
      expect(user.webhookPrivateAllowed).toBe(true);
    },
  },
};

Object.assign(ROWS, ALLOWANCE_ROWS);
