'use client';

import type { ReactNode } from 'react';
import type { ProposalMark } from '@/lib/readouts/apply';

/** How sure a rule is, in words a researcher reads at a glance. */
export function confidenceWords(confidence: number): string {
  return confidence >= 0.85 ? 'clearly stated' : confidence >= 0.65 ? 'likely' : 'a guess: check it';
}

/**
 * The mark of a field the readout filled in: the word "Proposed", the phrase
 * it was read from and how sure the rule is, as text (not colour alone), with
 * a button to clear it. Shown in the field's hint, so the control's
 * description reads it out.
 */
export function ProposedNote({ mark, onClear, label }: { mark: ProposalMark; onClear?: () => void; label?: string }) {
  return (
    <span
      data-proposed
      className="border-ink/40 bg-rule/40 text-ink mt-1 flex flex-wrap items-baseline gap-x-2 gap-y-1 rounded-sm border-l-2 px-2 py-1 text-sm"
    >
      <span className="font-semibold">Proposed{label ?? ''}</span>{' '}
      <span>
        {mark.phrase !== null && mark.phrase === mark.value ? (
          'from the readout, as written'
        ) : mark.phrase !== null ? (
          <>
            from “<q className="italic [quotes:none]">{mark.phrase}</q>”
          </>
        ) : (
          mark.basis
        )}
      </span>{' '}
      <span className="text-muted">({confidenceWords(mark.confidence)})</span>
      {onClear && (
        <button type="button" onClick={onClear} className="text-ink ml-auto text-sm underline underline-offset-2">
          Clear
        </button>
      )}
    </span>
  );
}

/** A field's hint with its proposal mark after it, while the field still holds the proposed value. */
export function withProposal(
  hint: ReactNode,
  mark: ProposalMark | undefined,
  current: string,
  onClear?: () => void,
): ReactNode {
  if (!mark || mark.value !== current) return hint;
  return (
    <>
      {hint}
      <ProposedNote mark={mark} onClear={onClear} />
    </>
  );
}
