'use client';

import { startTransition, useActionState, useEffect, useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import type { ReadoutAnalysis } from '@/lib/readouts/types';
import { READOUT_MAX_CHARS, type ReadoutPanelState } from '@/lib/validation/readout';

type Action = (state: ReadoutPanelState, formData: FormData) => Promise<ReadoutPanelState>;

const INITIAL: ReadoutPanelState = { ok: true };

/**
 * "Paste a readout": the text of a readout, its URL and publication date go
 * to the parser, and what it proposes fills the contact form below, each
 * field marked as proposed. It sits at the top of the contact form, but its
 * fields have no names, so they are never submitted with the contact; Enter
 * in them proposes, it never logs the contact. Proposing saves nothing.
 */
export function ReadoutPanel({
  action,
  onProposal,
}: {
  action: Action;
  onProposal: (analysis: ReadoutAnalysis) => void;
}) {
  const messageRef = useRef<HTMLDivElement>(null);
  // Held in state, not left to the form: a form action would reset the fields after each proposal.
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const [publishedAt, setPublishedAt] = useState('');
  const [state, dispatch, pending] = useActionState<ReadoutPanelState, FormData>(async (previous, formData) => {
    const result = await action(previous, formData);
    if (result.ok && result.analysis && !result.analysis.empty) onProposal(result.analysis);
    return result;
  }, INITIAL);

  useEffect(() => {
    if (state !== INITIAL) messageRef.current?.focus();
  }, [state]);

  const errors = state.fieldErrors ?? {};
  const analysis = state.analysis;

  function propose() {
    const formData = new FormData();
    formData.set('text', text);
    formData.set('url', url);
    formData.set('publishedAt', publishedAt);
    startTransition(() => dispatch(formData));
  }

  /** Enter in a one-line field proposes, as it would submit a form of its own. */
  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    propose();
  }

  return (
    <section
      aria-labelledby="readout-panel-title"
      className="border-rule bg-paper rounded-md border p-4 shadow-xs sm:p-6"
    >
      <h2 id="readout-panel-title" className="text-lg font-semibold">
        Paste a readout
      </h2>
      <p className="text-muted mt-1 max-w-2xl text-sm">
        Paste a ministry’s readout of a call or meeting. Counterpart proposes the date, participants, type, initiator,
        duration, location and source from it, by fixed rules on this server, and marks each field it fills as proposed.
        Nothing is saved until you log the contact.
      </p>
      <div className="mt-5 grid gap-4 sm:grid-cols-2">
        <Field
          id="readout-text"
          label="Readout text"
          hint={`Up to ${READOUT_MAX_CHARS.toLocaleString('en-GB')} characters, as published.`}
          error={errors.text}
          className="sm:col-span-2"
        >
          {(props) => (
            <textarea
              {...props}
              rows={6}
              value={text}
              onChange={(e) => setText(e.target.value)}
              className={inputClass}
            />
          )}
        </Field>
        <Field id="readout-url" label="Its URL" optional error={errors.url}>
          {(props) => (
            <input
              {...props}
              onKeyDown={onKeyDown}
              type="url"
              inputMode="url"
              autoComplete="off"
              placeholder="https://"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              className={inputClass}
            />
          )}
        </Field>
        <Field
          id="readout-published"
          label="Published on"
          optional
          hint="“On Friday” and “yesterday” count from this day; from today if left empty."
          error={errors.publishedAt}
        >
          {(props) => (
            <input
              {...props}
              onKeyDown={onKeyDown}
              type="date"
              value={publishedAt}
              onChange={(e) => setPublishedAt(e.target.value)}
              className={inputClass}
            />
          )}
        </Field>
        <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
          <button type="button" onClick={propose} disabled={pending} className={buttonClass.secondary}>
            {pending ? 'Reading…' : 'Propose'}
          </button>
        </div>
      </div>
      <div ref={messageRef} tabIndex={-1} role="status" aria-live="polite" className="mt-4 outline-none">
        {state !== INITIAL && !pending && <PanelMessage state={state} analysis={analysis} />}
      </div>
    </section>
  );
}

function PanelMessage({ state, analysis }: { state: ReadoutPanelState; analysis?: ReadoutAnalysis }) {
  if (!state.ok) {
    return <p className="text-silence text-sm font-medium">{state.message}</p>;
  }
  if (!analysis) return null;
  if (analysis.empty) {
    return (
      <p className="border-history bg-rule/40 rounded border-l-4 px-3 py-2 text-sm">
        <strong className="font-semibold">Nothing proposed.</strong> {analysis.message}
      </p>
    );
  }
  return (
    <div className="border-ink/50 bg-rule/40 rounded border-l-4 px-3 py-2 text-sm">
      <p>
        <strong className="font-semibold">{analysis.message}</strong> The fields below marked <strong>Proposed</strong>{' '}
        show the phrase each was read from.
      </p>
      {analysis.unmatched.length > 0 && (
        <p className="mt-1">
          Not found among the recorded officials:{' '}
          {analysis.unmatched.map((u, i) => (
            <span key={`${u.start}-${u.end}`}>
              {i > 0 && ', '}“{u.text}”
            </span>
          ))}
          . Add them by name below if they are recorded under another spelling.
        </p>
      )}
    </div>
  );
}
