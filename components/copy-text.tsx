'use client';

import { useId, useRef, useState } from 'react';

/**
 * A button that copies a text to the clipboard and says so. Where the clipboard is refused (an
 * insecure origin, a denied permission), it shows the text in a selected field to copy by hand.
 */
export function CopyText({
  text,
  label,
  copiedLabel = 'Copied',
}: {
  text: string;
  label: string;
  copiedLabel?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const fieldId = useId();
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('No clipboard');
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('manual');
      requestAnimationFrame(() => fieldRef.current?.select());
    }
  };
  return (
    <div className="text-sm">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={() => void copy()}
          className="border-rule hover:border-ink rounded border px-2.5 py-1 font-medium"
        >
          {label}
        </button>
        <span role="status" className="text-muted">
          {state === 'copied' ? copiedLabel : ''}
        </span>
      </div>
      {state === 'manual' && (
        <div className="mt-2">
          <label htmlFor={fieldId} className="text-muted block text-xs">
            The clipboard is not available here: select the text and copy it (Ctrl+C or ⌘C).
          </label>
          <textarea
            id={fieldId}
            ref={fieldRef}
            readOnly
            value={text}
            rows={4}
            className="border-rule bg-paper mt-1 w-full rounded border p-2 font-mono text-xs"
          />
        </div>
      )}
    </div>
  );
}
