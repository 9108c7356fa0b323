'use server';

import { permissionGuard } from '@/lib/auth/action-guard';
import { revalidatePath } from 'next/cache';
import { createOwnApiToken, revokeOwnApiToken } from '@/lib/data/api-tokens';
import { AppError } from '@/lib/errors';
import { ZOwnApiToken, type ApiTokenActionState } from '@/lib/validation/admin-user';
import { issueFields } from '@/lib/validation/issues';

/*
 * A user's own API tokens, from their account page. The actions only ever
 * touch the caller's tokens: the user comes from the session, never from the
 * form, and a token id that is not theirs is "not found". Making a token needs
 * a role that may write (tokens exist for the write API; reads need none);
 * revoking one is open to any signed-in user, so a demoted account can still
 * clean up.
 */

const withPermission = permissionGuard<ApiTokenActionState>();

function failure(error: unknown, values?: Record<string, string>): ApiTokenActionState {
  if (!(error instanceof AppError)) throw error;
  return { ok: false, message: error.message, fieldErrors: error.fields, values };
}

/** Makes an API token for the signed-in user; the token is in the answer, once. */
export const createApiTokenAction = withPermission('contact:create', async (user, formData) => {
  const values = {
    name: String(formData.get('name') ?? ''),
    expiresInDays: String(formData.get('expiresInDays') ?? ''),
  };
  const parsed = ZOwnApiToken.safeParse(values);
  if (!parsed.success) {
    const { fields } = issueFields(parsed.error, false);
    return { ok: false, message: 'The token was not made: fix what is marked.', fieldErrors: fields, values };
  }
  try {
    const token = await createOwnApiToken(user.id, parsed.data, user.actor);
    revalidatePath('/account');
    return {
      ok: true,
      message: `Token “${token.name}” made. Copy it now: it is shown only this once.`,
      created: {
        id: token.id,
        name: token.name,
        prefix: token.prefix,
        token: token.token,
        expiresAt: token.expiresAt?.toISOString() ?? null,
      },
    };
  } catch (error) {
    return failure(error, values);
  }
});

/** Revokes one of the signed-in user's own tokens; it is refused from the next request on. */
export const revokeApiTokenAction = withPermission('account:update', async (user, _formData, tokenId: string) => {
  try {
    const token = await revokeOwnApiToken(user.id, tokenId, user.actor);
    revalidatePath('/account');
    return { ok: true, message: `Token “${token.name}” (${token.prefix}…) is revoked.` };
  } catch (error) {
    return failure(error);
  }
});
