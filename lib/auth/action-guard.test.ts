import { describe, expect, it, vi } from 'vitest';
import { permissionGuard } from './action-guard';

// Signed in as an admin: what is under test is what the guard does with the call's arguments.
vi.mock('./session', () => ({
  requireActor: async () => ({
    id: 'u1',
    name: 'Admin',
    email: 'admin@example.org',
    role: 'ADMIN',
    actor: { userId: 'u1', via: 'ui' },
  }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

type State = { ok: boolean; message?: string; fieldErrors?: Record<string, string[]> };
const withPermission = permissionGuard<State>();
const ran = vi.fn();
const update = withPermission('contact:update', async (_user, _form, id: string) => {
  ran(id);
  return { ok: true, message: `updated ${id}` };
});
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

describe('permissionGuard: what a public endpoint may be sent', () => {
  it('runs the action with the bound id', async () => {
    expect(await update('c1', { ok: true }, form({ summary: 'Held.' }))).toEqual({ ok: true, message: 'updated c1' });
  });

  it('refuses a bound id that is missing, not text or holds a NUL, before the action reads anything', async () => {
    ran.mockClear();
    // The fuzzer's calls: updateContactAction({ "~%A}0v&": "nc" }, …) and revokeApiTokenAction(false, …) threw from Prisma.
    const calls: unknown[][] = [
      [{ '~%A}0v&': 'nc' }, { ok: true }, form({})],
      [false, { ok: true }, form({})],
      [{ ok: true }, form({})],
      ['a\u0000', { ok: true }, form({})],
    ];
    for (const args of calls) {
      const result = await (update as (...a: unknown[]) => Promise<State>)(...args);
      expect(result).toEqual({ ok: false, message: expect.stringContaining('Reload the page') });
    }
    expect(ran).not.toHaveBeenCalled();
  });

  it('refuses a form field holding a NUL, naming it (PostgreSQL text cannot hold it)', async () => {
    ran.mockClear();
    const result = await update('c1', { ok: true }, form({ summary: 'a\u0000b' }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { summary: [expect.stringContaining('NUL')] } });
    expect(ran).not.toHaveBeenCalled();
  });
});

describe('the merge actions', () => {
  it('refuse a call without a form instead of throwing', async () => {
    const { mergeOfficialsAction, undoMergeAction } = await import('../actions/merge');
    const broken = [null, 'text', { auditId: '1' }] as unknown as FormData[];
    for (const data of broken) {
      expect(await mergeOfficialsAction({ ok: true }, data)).toEqual({
        ok: false,
        message: 'This action takes a submitted form.',
      });
      expect(await undoMergeAction({ ok: true }, data)).toEqual({
        ok: false,
        message: 'This action takes a submitted form.',
      });
    }
  });
});
