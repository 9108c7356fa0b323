'use client';

import { useState } from 'react';
import { buttonClass } from '@/components/ui/button';

/**
 * A secret shown once (a temporary password, an API token) with a copy
 * button. It is selectable text too, for browsers that refuse the clipboard.
 */
export function SecretReveal({ id, label, value, note }: { id: string; label: string; value: string; note?: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <div className="mt-3">
      <p id={`${id}-label`} className="text-sm font-medium">
        {label}
      </p>
      <div className="mt-1.5 flex flex-wrap items-center gap-2">
        <code
          id={id}
          aria-labelledby={`${id}-label`}
          className="border-history/70 bg-paper min-w-0 rounded border px-3 py-2 font-mono text-sm break-all select-all"
        >
          {value}
        </code>
        <button type="button" onClick={copy} className={buttonClass.secondary}>
          Copy
        </button>
        <span role="status" className="text-muted text-sm">
          {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Select the text and copy it by hand.' : ''}
        </span>
      </div>
      {note && <p className="text-muted mt-1.5 text-sm">{note}</p>}
    </div>
  );
}
