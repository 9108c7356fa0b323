'use server';

import { revalidatePath } from 'next/cache';
import { permissionGuard } from '@/lib/auth/action-guard';
import { createWatch, deleteWatch, updateWatch } from '@/lib/data/watches';
import { regenerateFeedToken, removeWebhook, revokeFeedToken, setWebhook } from '@/lib/data/watch-settings';
import { AppError } from '@/lib/errors';
import { issueFields } from '@/lib/validation/issues';
import { ZWatchInput, ZWatchThreshold, ZWebhookInput, type WatchActionState } from '@/lib/validation/watch';
import { requestWatchRun } from '@/lib/watches/scheduler';

/*
 * A user's watches, feed address and webhook (My watches, and the pair page's control). Each action
 * acts for the user of the session only: what the form says never names another user, and a watch id
 * that is not theirs is "not found". Any signed-in role may watch.
 */

const withPermission = permissionGuard<WatchActionState>((formData) => ({ values: formValues(formData) }));

const PAGE = '/account/watches';

function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of ['level', 'a', 'b', 'thresholdKind', 'threshold', 'url']) {
    const value = formData.get(key);
    if (typeof value === 'string') values[key] = value;
  }
  return values;
}

/** The threshold fields of a form: one number, read as days or as a multiple of the median. */
function thresholdOf(values: Record<string, string>) {
  return values.thresholdKind === 'multiple'
    ? { thresholdMultiple: values.threshold ?? '' }
    : { thresholdDays: values.threshold ?? '' };
}

function invalid(fields: Record<string, string[]>, values: Record<string, string>): WatchActionState {
  // Both threshold fields are one input on the form.
  const threshold = [...(fields.thresholdDays ?? []), ...(fields.thresholdMultiple ?? [])];
  const shown: Record<string, string[]> = Object.fromEntries(
    Object.entries(fields).filter(([key]) => key !== 'thresholdDays' && key !== 'thresholdMultiple'),
  );
  if (threshold.length > 0) shown.threshold = threshold;
  return { ok: false, message: 'Nothing was saved: fix what is marked.', fieldErrors: shown, values };
}

function failure(error: unknown, values?: Record<string, string>): WatchActionState {
  if (!(error instanceof AppError)) throw error;
  return { ok: false, message: error.message, fieldErrors: error.fields, values };
}

/** Watches a pair, from its page. */
export const createWatchAction = withPermission('account:update', async (user, formData) => {
  const values = formValues(formData);
  const parsed = ZWatchInput.safeParse({ level: values.level, a: values.a, b: values.b, ...thresholdOf(values) });
  if (!parsed.success) return invalid(issueFields(parsed.error, false).fields, values);
  try {
    const watch = await createWatch(user.id, parsed.data, user.actor);
    revalidatePath(PAGE);
    requestWatchRun();
    return { ok: true, message: `You watch this silence: past ${watch.threshold.text}, you will be told.`, values };
  } catch (error) {
    return failure(error, values);
  }
});

/** Changes a watch's threshold. */
export const updateWatchAction = withPermission('account:update', async (user, formData, watchId: string) => {
  const values = formValues(formData);
  const parsed = ZWatchThreshold.safeParse(thresholdOf(values));
  if (!parsed.success) return invalid(issueFields(parsed.error, false).fields, values);
  try {
    const watch = await updateWatch(user.id, watchId, parsed.data, user.actor);
    revalidatePath(PAGE);
    requestWatchRun();
    return { ok: true, message: `Threshold set to ${watch.threshold.text}.`, values };
  } catch (error) {
    return failure(error, values);
  }
});

/** Stops watching a pair. */
export const deleteWatchAction = withPermission('account:update', async (user, _formData, watchId: string) => {
  try {
    await deleteWatch(user.id, watchId, user.actor);
    revalidatePath(PAGE);
    return { ok: true, message: 'You no longer watch that pair.' };
  } catch (error) {
    return failure(error);
  }
});

/** Makes a new feed address (the old one stops working); its path is in the answer, this once. */
export const regenerateFeedAction = withPermission(
  'account:update',
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the guard counts the parameters: (user, form)
  async (user, _formData) => {
    const token = await regenerateFeedToken(user.id, user.actor);
    revalidatePath(PAGE);
    return {
      ok: true,
      message:
        'Your new feed address is below. Copy it now: it is shown only this once; any older address no longer works.',
      secret: `/feeds/watches/${token}`,
    };
  },
);

/** Revokes the feed address. */
export const revokeFeedAction = withPermission(
  'account:update',
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the guard counts the parameters: (user, form)
  async (user, _formData) => {
    try {
      await revokeFeedToken(user.id, user.actor);
      revalidatePath(PAGE);
      return { ok: true, message: 'Your feed address is revoked: readers using it get “not found”.' };
    } catch (error) {
      return failure(error);
    }
  },
);

/** Sets the webhook; a secret made here is in the answer, this once. */
export const setWebhookAction = withPermission('account:update', async (user, formData) => {
  const values = { url: String(formData.get('url') ?? '') };
  const parsed = ZWebhookInput.safeParse({ url: values.url, secret: formData.get('secret') ?? undefined });
  if (!parsed.success) return invalid(issueFields(parsed.error, false).fields, values);
  try {
    const hook = await setWebhook(user.id, parsed.data, user.actor);
    revalidatePath(PAGE);
    requestWatchRun();
    return {
      ok: true,
      message: hook.generated
        ? 'Webhook saved. Its signing secret is below: copy it now, it is shown only this once.'
        : 'Webhook saved, with the secret you gave.',
      secret: hook.generated ? hook.secret : undefined,
      values,
    };
  } catch (error) {
    return failure(error, values);
  }
});

/** Removes the webhook. */
export const removeWebhookAction = withPermission(
  'account:update',
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the guard counts the parameters: (user, form)
  async (user, _formData) => {
    try {
      await removeWebhook(user.id, user.actor);
      revalidatePath(PAGE);
      return { ok: true, message: 'Webhook removed.' };
    } catch (error) {
      return failure(error);
    }
  },
);
