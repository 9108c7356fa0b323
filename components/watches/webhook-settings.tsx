'use client';

import { startTransition, useActionState } from 'react';
import { SecretReveal } from '@/components/admin/user-secret';
import { buttonClass } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import type { WatchActionState } from '@/lib/validation/watch';

type Action = (state: WatchActionState, formData: FormData) => Promise<WatchActionState>;

const INITIAL: WatchActionState = { ok: true };

/** The webhook's form: its address and an optional secret of the user's own; removable. */
export function WebhookSettings({
  hook,
  allowPrivate,
  saveAction,
  removeAction,
}: {
  hook: { url: string } | null;
  allowPrivate: boolean;
  saveAction: Action;
  removeAction: Action;
}) {
  const [saved, save, saving] = useActionState(saveAction, INITIAL);
  const [removed, remove, removing] = useActionState(removeAction, INITIAL);
  const errors = saved.ok ? undefined : saved.fieldErrors;
  return (
    <div className="space-y-4 text-sm">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const formData = new FormData(event.currentTarget);
          startTransition(() => save(formData));
        }}
        className="grid max-w-2xl gap-4"
      >
        <Field
          id="webhook-url"
          label="Webhook address"
          hint={
            allowPrivate
              ? 'An http or https address. Your account may send to private and local addresses.'
              : 'A public http or https address: private, loopback and link-local addresses are refused.'
          }
          error={errors?.url}
        >
          {(props) => (
            <input
              {...props}
              name="url"
              type="url"
              maxLength={2000}
              defaultValue={saved.values?.url ?? hook?.url ?? ''}
              placeholder="https://example.org/hooks/counterpart"
              className={inputClass}
            />
          )}
        </Field>
        <Field
          id="webhook-secret"
          label="Signing secret"
          optional
          hint="Leave empty to have one made and shown once. Saving replaces the current secret."
          error={errors?.secret}
        >
          {(props) => <input {...props} name="secret" type="password" autoComplete="off" className={inputClass} />}
        </Field>
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={saving} className={buttonClass.primary}>
            Save webhook
          </button>
        </div>
      </form>
      {saved !== INITIAL && saved.message && (
        <p role={saved.ok ? 'status' : 'alert'} className={saved.ok ? '' : 'text-silence font-medium'}>
          {saved.message}
        </p>
      )}
      {saved.ok && saved.secret && (
        <SecretReveal
          id="webhook-secret-value"
          label="Signing secret"
          value={saved.secret}
          note="Check X-Counterpart-Signature with it: see the documentation of watches."
        />
      )}
      {hook !== null && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            startTransition(() => remove(new FormData()));
          }}
        >
          <button type="submit" disabled={removing} className={buttonClass.secondary}>
            Remove the webhook
          </button>
        </form>
      )}
      {removed !== INITIAL && removed.message && (
        <p role={removed.ok ? 'status' : 'alert'} className={removed.ok ? '' : 'text-silence font-medium'}>
          {removed.message}
        </p>
      )}
    </div>
  );
}
