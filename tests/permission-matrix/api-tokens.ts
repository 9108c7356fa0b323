import { createApiToken } from '../../lib/data/api-tokens';
import { expect, form, getDb, NO_STATE, type Row } from './shared';

/*
 * A user's own API tokens (lib/actions/api-tokens.ts). The matrix signs each
 * role in after `prepare`, so revoking "my own token" makes the token in
 * `run`, for whoever holds the session; a visitor has none and is refused on
 * the logger's token, which must stay as it was.
 */

const CLI = { userId: null, via: 'cli' } as const;

export const ROWS: Record<string, Row> = {
  'api-tokens.ts#createApiTokenAction': {
    permission: 'contact:create',
    run: (action) => action(NO_STATE, form({ name: 'laptop script', expiresInDays: '30' })),
    async expectChanged() {
      const token = await getDb().apiToken.findFirstOrThrow({ where: { name: 'laptop script' } });
      expect(token.expiresAt!.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    },
  },
  'api-tokens.ts#revokeApiTokenAction': {
    permission: 'account:update',
    prepare: async () => ({ tokenId: (await createApiToken({ email: 'logger@example.org', name: 'theirs' }, CLI)).id }),
    async run(action, world) {
      const session = await getDb().session.findFirst({
        orderBy: { createdAt: 'desc' },
        select: { user: { select: { email: true } } },
      });
      if (session !== null) {
        world.prepared.ownTokenId = (await createApiToken({ email: session.user.email, name: 'mine' }, CLI)).id;
      }
      return action(world.prepared.ownTokenId ?? world.prepared.tokenId, NO_STATE, form({}));
    },
    async expectChanged({ prepared }) {
      const tokens = await getDb().apiToken.findMany({ select: { id: true, revokedAt: true } });
      expect(tokens.find((t) => t.id === prepared.ownTokenId)?.revokedAt).toBeInstanceOf(Date);
      expect(tokens.find((t) => t.id === prepared.tokenId)?.revokedAt).toBeNull();
    },
  },
};
