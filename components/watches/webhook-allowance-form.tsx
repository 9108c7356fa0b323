'use client';

import { startTransition, useActionState } from 'react';
import { buttonClass } from '@/components/ui/button';
import type { WatchActionState } from '@/lib/validation/watch';

const INITIAL: WatchActionState = { ok: true };

/** The admin's switch: may this user's webhook reach private addresses? */
export function WebhookAllowanceForm({
  allowed,
  action,
}: {
  allowed: boolean;
  action: (state: WatchActionState, formData: FormData) => Promise<WatchActionState>;
}) {
  const [state, save, saving] = useActionState(action, INITIAL);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const formData = new FormData(event.currentTarget);
        startTransition(() => save(formData));
      }}
      className="mt-3 space-y-3 text-sm"
    >
      <label className="flex items-start gap-2">
        <input type="checkbox" name="allowed" defaultChecked={allowed} className="mt-1" />
        <span>
          Let this user’s webhook reach private, loopback and link-local addresses
          <span className="text-muted block">
            Only for a receiver on your own network you trust: the server will send requests there for this user.
          </span>
        </span>
      </label>
      <button type="submit" disabled={saving} className={buttonClass.secondary}>
        Save
      </button>
      {state !== INITIAL && state.message && (
        <p role={state.ok ? 'status' : 'alert'} className={state.ok ? '' : 'text-silence font-medium'}>
          {state.message}
        </p>
      )}
    </form>
  );
}
