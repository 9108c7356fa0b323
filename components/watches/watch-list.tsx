'use client';

import Link from 'next/link';
import { startTransition, useActionState, useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { ThresholdFields } from '@/components/watches/threshold-fields';
import type { WatchView } from '@/lib/data/watches';
import { formatDate, formatDays } from '@/lib/format';
import type { WatchActionState } from '@/lib/validation/watch';

type BoundAction = (id: string, state: WatchActionState, formData: FormData) => Promise<WatchActionState>;

const INITIAL: WatchActionState = { ok: true };

const LEVEL_NAME = { OFFICIAL: 'Officials', OFFICE: 'Offices', COUNTRY: 'Countries' } as const;

function Standing({ watch }: { watch: WatchView }) {
  if (watch.status === 'PAST') {
    return (
      <span className="text-silence font-semibold">
        Past its threshold{watch.overBy ? ` by ${formatDays(watch.overBy)}` : ''}
      </span>
    );
  }
  if (watch.status === 'BELOW') return <span>{formatDays(-(watch.overBy ?? 0))} to go</span>;
  if (watch.status === 'NO_MEDIAN') return <span className="text-muted">No gap yet to take a median of</span>;
  return <span className="text-muted">No silence running</span>;
}

function WatchRow({
  watch,
  updateAction,
  deleteAction,
}: {
  watch: WatchView;
  updateAction: BoundAction;
  deleteAction: BoundAction;
}) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [state, update, updating] = useActionState(async (previous: WatchActionState, formData: FormData) => {
    const next = await updateAction(watch.id, previous, formData);
    if (next.ok) setEditing(false);
    return next;
  }, INITIAL);
  const [deleted, remove, removing] = useActionState(deleteAction.bind(null, watch.id), INITIAL);
  const id = `watch-${watch.id}`;
  return (
    <li className="border-rule border-b py-4" aria-labelledby={`${id}-title`}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-2">
        <div className="min-w-0">
          <p className="text-muted text-xs tracking-wider uppercase">{LEVEL_NAME[watch.level]}</p>
          <Link id={`${id}-title`} href={watch.pair.href} className="text-base font-semibold">
            {watch.pair.title}
          </Link>
          <p className="mt-1 text-sm tabular-nums">
            {watch.silence.running && watch.silence.since ? (
              <>
                Silent for <span className="font-semibold">{formatDays(watch.silence.days)}</span>, since{' '}
                {formatDate(watch.silence.since)}
              </>
            ) : (
              <span className="text-muted">No running silence</span>
            )}
            <span className="text-muted"> · threshold {watch.threshold.text}</span>
          </p>
          <p className="mt-0.5 text-sm">
            <Standing watch={watch} />
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {!editing && (
            <button
              type="button"
              className={buttonClass.secondary}
              onClick={() => setEditing(true)}
              aria-label={`Change the threshold of ${watch.pair.title}`}
            >
              Change threshold
            </button>
          )}
          {!confirming ? (
            <button
              type="button"
              className={buttonClass.secondary}
              onClick={() => setConfirming(true)}
              aria-label={`Stop watching ${watch.pair.title}`}
            >
              Stop watching…
            </button>
          ) : (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                startTransition(() => remove(new FormData()));
              }}
              className="flex items-center gap-2"
            >
              <button type="submit" disabled={removing} className={buttonClass.danger}>
                Stop watching
              </button>
              <button type="button" className={buttonClass.secondary} onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </form>
          )}
        </div>
      </div>
      {editing && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const formData = new FormData(event.currentTarget);
            startTransition(() => update(formData));
          }}
          className="mt-3 flex flex-wrap items-end gap-3"
        >
          <ThresholdFields
            id={`${id}-threshold`}
            medianGapDays={watch.medianGapDays}
            defaultKind={
              (state.values?.thresholdKind ?? (watch.threshold.multiple === null ? 'days' : 'multiple')) as
                'days' | 'multiple'
            }
            defaultValue={state.values?.threshold ?? String(watch.threshold.days ?? watch.threshold.multiple ?? '')}
            error={state.fieldErrors?.threshold}
          />
          <button type="submit" disabled={updating} className={buttonClass.primary}>
            Save threshold
          </button>
          <button type="button" className={buttonClass.secondary} onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      )}
      {[state, deleted].map((s, i) =>
        s !== INITIAL && s.message ? (
          <p
            key={i}
            role={s.ok ? 'status' : 'alert'}
            className={`mt-2 text-sm ${s.ok ? 'text-muted' : 'text-silence font-medium'}`}
          >
            {s.message}
          </p>
        ) : null,
      )}
    </li>
  );
}

/** The user's watches, as listed (those past their threshold first), each with its own edit and delete. */
export function WatchList({
  watches,
  updateAction,
  deleteAction,
}: {
  watches: WatchView[];
  updateAction: BoundAction;
  deleteAction: BoundAction;
}) {
  if (watches.length === 0) {
    return (
      <p className="text-muted text-sm">
        You watch no pair yet. On any pair’s page (officials, offices or countries), choose “Watch this silence”.
      </p>
    );
  }
  return (
    <ul className="border-rule border-t" aria-label="Your watches">
      {watches.map((watch) => (
        <WatchRow key={watch.id} watch={watch} updateAction={updateAction} deleteAction={deleteAction} />
      ))}
    </ul>
  );
}
