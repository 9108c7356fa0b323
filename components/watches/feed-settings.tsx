'use client';

import { startTransition, useActionState, useEffect, useState } from 'react';
import { SecretReveal } from '@/components/admin/user-secret';
import { buttonClass } from '@/components/ui/button';
import { formatMoment } from '@/components/admin/user-roles';
import type { WatchActionState } from '@/lib/validation/watch';

type Action = (state: WatchActionState, formData: FormData) => Promise<WatchActionState>;

const INITIAL: WatchActionState = { ok: true };

/** The private feed's address: made (or made anew, revoking the old one) and shown once; revocable. */
export function FeedSettings({
  feed,
  regenerateAction,
  revokeAction,
}: {
  feed: { prefix: string; createdAt: string } | null;
  regenerateAction: Action;
  revokeAction: Action;
}) {
  const [made, regenerate, regenerating] = useActionState(regenerateAction, INITIAL);
  const [revoked, revoke, revoking] = useActionState(revokeAction, INITIAL);
  const [origin, setOrigin] = useState('');
  // The address is shown whole, with this site's origin as the browser sees it.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setOrigin(window.location.origin), []);
  const last = revoked !== INITIAL && (made === INITIAL || revoked.message !== undefined) ? revoked : made;
  const submit = (action: (data: FormData) => void) => (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(() => action(new FormData()));
  };
  return (
    <div className="space-y-3 text-sm">
      <p>
        {feed === null
          ? 'You have no feed address.'
          : `Your feed address (starting ${feed.prefix}…) was made ${formatMoment(feed.createdAt)}.`}
      </p>
      <div className="flex flex-wrap gap-2">
        <form onSubmit={submit(regenerate)}>
          <button type="submit" disabled={regenerating} className={buttonClass.secondary}>
            {feed === null ? 'Make a feed address' : 'Make a new feed address'}
          </button>
        </form>
        {feed !== null && (
          <form onSubmit={submit(revoke)}>
            <button type="submit" disabled={revoking} className={buttonClass.secondary}>
              Revoke the feed address
            </button>
          </form>
        )}
      </div>
      {last !== INITIAL && last.message && (
        <p role={last.ok ? 'status' : 'alert'} className={last.ok ? '' : 'text-silence font-medium'}>
          {last.message}
        </p>
      )}
      {last === made && made.ok && made.secret && (
        <SecretReveal
          id="feed-url"
          label="Your private feed address"
          value={`${origin}${made.secret}`}
          note="Anyone with this address can read your watch events: keep it private."
        />
      )}
    </div>
  );
}
