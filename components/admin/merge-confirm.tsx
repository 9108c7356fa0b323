'use client';

import Link from 'next/link';
import { useActionState, useEffect, useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { PendingLabel, ProgressStatus } from '@/components/ui/progress';
import type { MergeState } from '@/lib/actions/merge';

type Side = { id: string; slug: string; name: string; version: number };

const INITIAL: MergeState = { ok: false };

/**
 * The merge's last two steps: a button that asks for confirmation, then the
 * merge itself, from the versions the preview showed. On success it links to
 * the official kept and to the audit entry, where the merge can be undone.
 * It stays mounted when the page re-renders after the merge (when the pair
 * can no longer be merged), so the outcome stays on screen.
 */
export function MergeConfirm({
  duplicate,
  kept,
  problem,
  consequence,
  action,
  children,
}: {
  duplicate: Side;
  kept: Side;
  /** Why these two cannot be merged, if they cannot; shown instead of the button. */
  problem: string | null;
  consequence: string;
  action: (state: MergeState, formData: FormData) => Promise<MergeState>;
  /** The preview; hidden once merged, when it no longer describes what is to come. */
  children: React.ReactNode;
}) {
  const [state, dispatch, pending] = useActionState(action, INITIAL);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (state.ok) resultRef.current?.focus();
    else if (state.message) errorRef.current?.focus();
  }, [state]);

  if (state.ok && state.merged) {
    const { kept: k, auditId } = state.merged;
    return (
      <section aria-labelledby="merged-title" className="border-rule rounded-md border px-5 py-6">
        <h2 ref={resultRef} id="merged-title" tabIndex={-1} className="text-xl font-semibold outline-none">
          Merged into {k.name}
        </h2>
        <p role="status" className="mt-2">
          {state.message}
        </p>
        <ul className="mt-4 flex flex-wrap gap-x-5 gap-y-2 text-sm">
          <li>
            <Link href={`/officials/${k.slug}`}>See {k.name}</Link>
          </li>
          <li>
            <Link href={`/admin/audit?entityType=official&entityId=${k.id}#entry-${auditId}`}>
              The audit entry (undo it there)
            </Link>
          </li>
          <li>
            <Link href="/admin/merge">Merge two other officials</Link>
          </li>
        </ul>
      </section>
    );
  }

  if (problem) {
    return (
      <>
        {children}
        <p role="alert" className="border-silence rounded border-l-4 px-4 py-3 font-medium">
          {problem}
        </p>
      </>
    );
  }
  return (
    <>
      {children}
      <form action={dispatch} className="space-y-4">
        <input type="hidden" name="duplicateId" value={duplicate.id} />
        <input type="hidden" name="keptId" value={kept.id} />
        <input type="hidden" name="duplicateVersion" value={duplicate.version} />
        <input type="hidden" name="keptVersion" value={kept.version} />
        {state.message && (
          <div className="border-silence rounded border-l-4 px-4 py-3">
            <p ref={errorRef} tabIndex={-1} role="alert" className="font-medium outline-none">
              {state.message}
            </p>
            {state.conflict && (
              <p className="mt-1 text-sm">
                <a href={`/admin/merge?duplicate=${duplicate.slug}&keep=${kept.slug}`}>Reload the preview</a> to see
                them as they are now.
              </p>
            )}
          </div>
        )}
        {confirming ? (
          <div role="group" aria-labelledby="confirm-merge-title" className="border-rule rounded-md border px-4 py-4">
            <h3 id="confirm-merge-title" className="font-semibold">
              Merge {duplicate.name} into {kept.name}?
            </h3>
            <p className="mt-1 text-sm">{consequence} You can undo it from the audit log.</p>
            <div className="mt-3 flex flex-wrap gap-3">
              <button ref={confirmRef} type="submit" disabled={pending} className={buttonClass.danger}>
                <PendingLabel pending={pending}>{pending ? 'Merging…' : 'Yes, merge them'}</PendingLabel>
              </button>
              <button
                type="button"
                onClick={() => setConfirming(false)}
                disabled={pending}
                className={buttonClass.secondary}
              >
                Cancel
              </button>
            </div>
            {pending && (
              <div className="mt-4">
                {/* The merge is one transaction on the server: it reports no steps, so the bar cannot fill. */}
                <ProgressStatus label="Merge progress" fraction={null}>
                  Merging: moving contacts, positions, spellings and watches…
                </ProgressStatus>
              </div>
            )}
          </div>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} className={buttonClass.primary}>
            Merge {duplicate.name} into {kept.name}…
          </button>
        )}
      </form>
    </>
  );
}
