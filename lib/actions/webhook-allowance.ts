'use server';

import { revalidatePath } from 'next/cache';
import { permissionGuard } from '@/lib/auth/action-guard';
import { setWebhookPrivateAllowed } from '@/lib/data/watch-settings';
import { AppError } from '@/lib/errors';
import type { WatchActionState } from '@/lib/validation/watch';

/*
 * An admin lets one user's webhook reach private, loopback and link-local addresses (an intranet
 * receiver, a local test), or stops letting it. Off by default: see lib/watches/address.ts.
 */

const withPermission = permissionGuard<WatchActionState>();

export const setWebhookPrivateAction = withPermission('user:manage', async ({ actor }, formData, userId: string) => {
  const allowed = formData.get('allowed') === 'on';
  try {
    await setWebhookPrivateAllowed(userId, allowed, actor);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.message };
    throw error;
  }
  revalidatePath(`/admin/users/${userId}`);
  return {
    ok: true,
    message: allowed
      ? 'This user’s webhook may now reach private, loopback and link-local addresses.'
      : 'This user’s webhook may reach public addresses only.',
  };
});
