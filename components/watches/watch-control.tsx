'use client';

import Link from 'next/link';
import { startTransition, useActionState, useCallback, useEffect, useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { formatDays, ThresholdFields } from '@/components/watches/threshold-fields';
import { createWatchAction } from '@/lib/actions/watches';
import type { WatchActionState } from '@/lib/validation/watch';

type WatchState = {
  signedIn: boolean;
  silenceDays: number | null;
  medianGapDays: number | null;
  watch?: {
    threshold: { text: string; effectiveDays: number | null };
    status: 'PAST' | 'BELOW' | 'NO_MEDIAN' | 'NOT_RUNNING';
    overBy: number | null;
  } | null;
};

const INITIAL: WatchActionState = { ok: true };

/**
 * "Watch this silence" on a pair page. The page is cached and the same for every reader, so the
 * user's own state is fetched from the browser (/account/watches/state) and never part of its HTML.
 */
export function WatchControl({ level, a, b, path }: { level: string; a: string; b: string; path: string }) {
  const [state, setState] = useState<WatchState | null>(null);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState(false);
  const query = new URLSearchParams({ level, a, b }).toString();

  const load = useCallback(async () => {
    try {
      const response = await fetch(`/account/watches/state?${query}`, { cache: 'no-store' });
      if (!response.ok) throw new Error(String(response.status));
      setState((await response.json()) as WatchState);
    } catch {
      setFailed(true);
    }
  }, [query]);

  useEffect(() => {
    // Loading the user's state is the point of this effect; it sets state once the answer arrives.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  const [result, submit, pending] = useActionState(async (previous: WatchActionState, formData: FormData) => {
    const next = await createWatchAction(previous, formData);
    if (next.ok) {
      setOpen(false);
      await load();
    }
    return next;
  }, INITIAL);

  const box = 'border-rule mt-6 max-w-3xl rounded border px-4 py-3 text-sm';
  if (failed) return null;
  if (state === null) {
    return (
      <div className={box} aria-busy="true">
        <span className="text-muted">Watch this silence…</span>
      </div>
    );
  }
  if (!state.signedIn) {
    return (
      <div className={box}>
        <Link href={`/sign-in?next=${encodeURIComponent(path)}`}>Sign in to watch this silence</Link>
        <span className="text-muted"> and be told when it passes a threshold you set.</span>
      </div>
    );
  }
  if (state.watch) {
    const { watch } = state;
    const standing =
      watch.status === 'PAST'
        ? `past it by ${formatDays(watch.overBy ?? 0)}`
        : watch.status === 'BELOW' && watch.overBy !== null
          ? `${formatDays(-watch.overBy)} to go`
          : watch.status === 'NO_MEDIAN'
            ? 'waiting for a first gap to take a median of'
            : 'no silence running';
    return (
      <div className={box} role="status">
        <span className="font-medium">You watch this silence</span>: threshold {watch.threshold.text},{' '}
        <span className={watch.status === 'PAST' ? 'text-silence font-medium' : ''}>{standing}</span>.{' '}
        <Link href="/account/watches">Change it on My watches</Link>
      </div>
    );
  }
  return (
    <div className={box}>
      {!open ? (
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <button type="button" className={buttonClass.secondary} onClick={() => setOpen(true)}>
            Watch this silence
          </button>
          <span className="text-muted">
            {state.silenceDays === null
              ? 'Be told when a silence begins and passes a threshold.'
              : `It has lasted ${formatDays(state.silenceDays)}. Be told when it passes a threshold, and when it ends.`}
          </span>
        </div>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const formData = new FormData(event.currentTarget);
            startTransition(() => submit(formData));
          }}
          className="space-y-3"
        >
          <input type="hidden" name="level" value={level} />
          <input type="hidden" name="a" value={a} />
          <input type="hidden" name="b" value={b} />
          <ThresholdFields
            id="watch-threshold"
            medianGapDays={state.medianGapDays}
            defaultKind={result.values?.thresholdKind === 'multiple' ? 'multiple' : 'days'}
            defaultValue={result.values?.threshold}
            error={result.fieldErrors?.threshold}
          />
          {state.silenceDays !== null && (
            <p className="text-muted">The silence has lasted {formatDays(state.silenceDays)} so far.</p>
          )}
          <div className="flex flex-wrap items-center gap-2">
            <button type="submit" disabled={pending} className={buttonClass.primary}>
              Watch
            </button>
            <button type="button" className={buttonClass.secondary} onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
          {!result.ok && result.message && (
            <p role="alert" className="text-silence font-medium">
              {result.message}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
