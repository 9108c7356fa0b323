'use client';

import { useState } from 'react';
import { FieldError } from '@/components/ui/field';

/**
 * The threshold of a watch: one number, read as days or as a multiple of the pair's median gap
 * (form fields `thresholdKind` and `threshold`).
 */
export function ThresholdFields({
  id,
  medianGapDays,
  defaultKind = 'days',
  defaultValue,
  error,
}: {
  id: string;
  medianGapDays: number | null;
  defaultKind?: 'days' | 'multiple';
  defaultValue?: string;
  error?: string[];
}) {
  const [kind, setKind] = useState(defaultKind);
  const hasError = Boolean(error?.length);
  const median = medianGapDays === null ? 'no gap yet' : `median ${formatDays(medianGapDays)}`;
  return (
    <fieldset className="min-w-0">
      <legend className="text-sm font-medium">Tell me when the silence passes</legend>
      <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-2">
        <input
          id={id}
          name="threshold"
          inputMode="decimal"
          defaultValue={defaultValue}
          aria-label={kind === 'days' ? 'Threshold in days' : 'Threshold as a multiple of the median gap'}
          aria-invalid={hasError || undefined}
          aria-describedby={hasError ? `${id}-error` : undefined}
          className="border-history/70 bg-paper text-ink aria-[invalid=true]:border-silence block w-24 rounded border px-3 py-2 text-base tabular-nums aria-[invalid=true]:border-2 sm:text-sm"
        />
        <label className="flex items-center gap-1.5 text-sm">
          <input
            type="radio"
            name="thresholdKind"
            value="days"
            checked={kind === 'days'}
            onChange={() => setKind('days')}
          />
          days
        </label>
        <label className="flex items-center gap-1.5 text-sm">
          <input
            type="radio"
            name="thresholdKind"
            value="multiple"
            checked={kind === 'multiple'}
            onChange={() => setKind('multiple')}
          />
          × the median gap <span className="text-muted">({median})</span>
        </label>
      </div>
      <FieldError id={id} messages={error} />
    </fieldset>
  );
}

export function formatDays(days: number): string {
  const rounded = Math.round(days * 10) / 10;
  return `${rounded.toLocaleString('en-GB')} ${rounded === 1 ? 'day' : 'days'}`;
}
