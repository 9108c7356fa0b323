'use client';

import { useActionState, useEffect, useRef } from 'react';
import { ConfirmButtons, useConfirm } from '@/components/forms/confirm';
import { buttonClass } from '@/components/ui/button';
import type { UndoState } from '@/lib/actions/merge';

const INITIAL: UndoState = { ok: false };

/**
 * "Undo merge" on a merge's audit entry: asks first, then undoes it. The
 * outcome stays shown after the log re-renders with the new entry.
 */
export function AuditUndoButton({
  auditId,
  canUndo,
  reason,
  duplicateName,
  keptName,
  action,
}: {
  auditId: string;
  canUndo: boolean;
  reason?: string;
  duplicateName: string;
  keptName: string;
  action: (state: UndoState, formData: FormData) => Promise<UndoState>;
}) {
  const [state, dispatch, pending] = useActionState(action, INITIAL);
  const { confirming, setConfirming, confirmRef } = useConfirm();
  const resultRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (state.message) resultRef.current?.focus();
  }, [state]);

  if (state.ok) {
    return (
      <p ref={resultRef} tabIndex={-1} role="status" className="mt-3 text-sm font-medium outline-none">
        {state.message}
      </p>
    );
  }
  if (!canUndo) return <p className="text-muted mt-2 text-sm">{reason}</p>;
  return (
    <form action={dispatch} className="mt-3">
      <input type="hidden" name="auditId" value={auditId} />
      {state.message && (
        <p ref={resultRef} tabIndex={-1} role="alert" className="text-silence mb-2 text-sm font-medium outline-none">
          {state.message}
        </p>
      )}
      {confirming ? (
        <div role="group" aria-label="Confirm undo" className="border-rule rounded border px-3 py-3">
          <p className="text-sm">
            Undo this merge? {duplicateName} becomes their own official again, with the contacts, positions and
            spellings the merge moved; contacts logged for {keptName} since stay with them.
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <ConfirmButtons
              confirmRef={confirmRef}
              onCancel={() => setConfirming(false)}
              pending={pending}
              label="Yes, undo the merge"
              pendingLabel="Undoing…"
            />
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className={buttonClass.secondary}>
          Undo merge…
        </button>
      )}
    </form>
  );
}
