'use client';

import Link from 'next/link';
import { startTransition, useActionState, useEffect, useRef } from 'react';
import { ConfirmButtons, useConfirm } from '@/components/forms/confirm';
import { buttonClass } from '@/components/ui/button';
import type { OfficialFormState } from '@/lib/validation/official-form';

type Action = (state: OfficialFormState, formData: FormData) => Promise<OfficialFormState>;

const INITIAL: OfficialFormState = { ok: true };

/**
 * Deleting an official, for one who takes part in no contact: a button, then a
 * confirmation. One with contacts cannot be deleted (the server refuses too):
 * a duplicate is merged into the official to keep instead.
 */
export function OfficialDelete({
  name,
  version,
  contacts,
  action,
  onDeleted,
}: {
  name: string;
  version: number;
  contacts: number;
  action: Action;
  onDeleted?: () => void;
}) {
  const { confirming, setConfirming, confirmRef } = useConfirm();
  const [state, dispatch, pending] = useActionState(action, INITIAL);
  const resultRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (state === INITIAL) return;
    if (state.ok && state.deleted) onDeleted?.();
    resultRef.current?.focus();
    // Only a new result moves the focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  if (state.ok && state.deleted) {
    return (
      <section aria-labelledby="official-deleted-title" className="border-rule rounded-md border px-5 py-6">
        <h2 ref={resultRef} id="official-deleted-title" tabIndex={-1} className="text-xl font-semibold outline-none">
          {state.deleted.name} deleted
        </h2>
        <p role="status" className="mt-2">
          {state.message}
        </p>
        <p className="mt-4 text-sm">
          <Link href="/admin/officials">Back to the officials</Link>
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="official-delete-title" className="border-rule border-t pt-6">
      <h2
        ref={resultRef}
        id="official-delete-title"
        tabIndex={-1}
        className="text-muted text-sm font-medium tracking-wider uppercase outline-none"
      >
        Delete
      </h2>
      {contacts > 0 ? (
        <p className="text-muted mt-1 max-w-2xl text-sm">
          {name} takes part in {contacts} {contacts === 1 ? 'contact' : 'contacts'}, so the profile cannot be deleted
          without losing them. If it is a duplicate, <Link href="/admin/merge">merge it</Link> into the official to keep
          instead.
        </p>
      ) : (
        <p className="text-muted mt-1 max-w-2xl text-sm">
          {name} takes part in no contact. Deleting removes the profile and its positions; the audit log keeps a copy.
        </p>
      )}
      {!state.ok && state.message && (
        <p role="alert" className="border-silence mt-3 rounded border-l-4 bg-orange-500/10 px-3 py-2 text-sm">
          {state.message}
        </p>
      )}
      {contacts === 0 &&
        (!confirming ? (
          <button type="button" onClick={() => setConfirming(true)} className={`${buttonClass.secondary} mt-3`}>
            Delete {name}
          </button>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              const formData = new FormData();
              formData.set('version', String(version));
              startTransition(() => dispatch(formData));
            }}
            aria-labelledby="official-delete-confirm"
            className="mt-3 rounded border-l-4 border-red-700 bg-red-700/5 px-4 py-3 dark:border-red-400"
          >
            <p id="official-delete-confirm" className="font-medium">
              Delete {name} for everyone?
            </p>
            <div className="mt-3 flex flex-wrap gap-3">
              <ConfirmButtons
                confirmRef={confirmRef}
                onCancel={() => setConfirming(false)}
                pending={pending}
                label="Yes, delete"
                pendingLabel="Deleting…"
              />
            </div>
          </form>
        ))}
    </section>
  );
}
