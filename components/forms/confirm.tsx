'use client';

import { useEffect, useRef, useState, type Ref } from 'react';
import { buttonClass } from '@/components/ui/button';
import { SubmitButton } from './submit-button';

/** A step that asks first: whether the question is open, with focus on its confirm button once it opens. */
export function useConfirm() {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  return { confirming, setConfirming, confirmRef };
}

/** The answer to such a question: confirm (it submits the form) or step back. The caller lays them out. */
export function ConfirmButtons({
  confirmRef,
  onCancel,
  pending,
  label,
  pendingLabel,
  cancelLabel = 'Cancel',
  className = buttonClass.danger,
}: {
  /** useConfirm's, so focus lands on the confirm button. */
  confirmRef: Ref<HTMLButtonElement>;
  onCancel: () => void;
  pending: boolean;
  label: string;
  pendingLabel?: string;
  cancelLabel?: string;
  /** The confirm button's look: dangerous unless it says otherwise. */
  className?: string;
}) {
  return (
    <>
      <SubmitButton ref={confirmRef} pending={pending} pendingLabel={pendingLabel} className={className}>
        {label}
      </SubmitButton>
      <button type="button" onClick={onCancel} className={buttonClass.secondary}>
        {cancelLabel}
      </button>
    </>
  );
}
