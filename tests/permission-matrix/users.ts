import { verifyPassword } from 'better-auth/crypto';
import { createUser } from '../../lib/data/users';
import { expect, form, getDb, NO_STATE, type Row, type World } from './shared';

/*
 * The admin's user management (lib/actions/users.ts). Each row's target is an
 * account of its own, made before the state is taken, with a session that a
 * disable or a password reset must end.
 */

async function target(banned = false): Promise<Record<string, string>> {
  const user = await createUser(
    { email: 'target@example.org', name: 'Tara Target', role: 'RESEARCHER', password: 'the old password' },
    { userId: null, via: 'cli' },
  );
  const db = getDb();
  await db.session.create({
    data: { userId: user.id, token: 'target-session', expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const { updatedAt } = await db.user.update({ where: { id: user.id }, data: { banned } });
  return { userId: user.id, version: updatedAt.toISOString() };
}

const account = ({ prepared }: World) => getDb().user.findUniqueOrThrow({ where: { id: prepared.userId } });

export const ROWS: Record<string, Row> = {
  'users.ts#createUserAction': {
    permission: 'user:manage',
    run: (action) =>
      action(
        NO_STATE,
        form({ name: 'Nina New', email: 'nina@example.org', role: 'researcher', passwordMode: 'generate' }),
      ),
    async expectChanged() {
      expect(await getDb().user.findUnique({ where: { email: 'nina@example.org' } })).toMatchObject({
        name: 'Nina New',
        role: 'RESEARCHER',
      });
    },
  },
  'users.ts#changeRoleAction': {
    permission: 'user:manage',
    prepare: () => target(),
    run: (action, { prepared }) =>
      action(prepared.userId, NO_STATE, form({ role: 'viewer', version: prepared.version })),
    async expectChanged(world) {
      expect(await account(world)).toMatchObject({ role: 'VIEWER' });
    },
  },
  'users.ts#disableUserAction': {
    permission: 'user:manage',
    prepare: () => target(),
    run: (action, { prepared }) =>
      action(prepared.userId, NO_STATE, form({ reason: 'Left the team', version: prepared.version })),
    async expectChanged(world) {
      expect(await account(world)).toMatchObject({ banned: true, banReason: 'Left the team' });
      expect(await getDb().session.count({ where: { userId: world.prepared.userId } })).toBe(0);
    },
  },
  'users.ts#enableUserAction': {
    permission: 'user:manage',
    prepare: () => target(true),
    run: (action, { prepared }) => action(prepared.userId, NO_STATE, form({ version: prepared.version })),
    async expectChanged(world) {
      expect(await account(world)).toMatchObject({ banned: false });
    },
  },
  'users.ts#resetPasswordAction': {
    permission: 'user:manage',
    prepare: () => target(),
    run: (action, { prepared }) =>
      action(
        prepared.userId,
        NO_STATE,
        form({ passwordMode: 'type', password: 'a brand new password', version: prepared.version }),
      ),
    async expectChanged(world) {
      const { password } = await getDb().account.findFirstOrThrow({ where: { userId: world.prepared.userId } });
      expect(await verifyPassword({ hash: password!, password: 'a brand new password' })).toBe(true);
      expect(await getDb().session.count({ where: { userId: world.prepared.userId } })).toBe(0);
    },
  },
};
