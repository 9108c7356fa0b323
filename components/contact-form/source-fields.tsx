'use client';

import { useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { fieldBinder, SelectField, TextAreaField, TextField } from '@/components/forms/fields';
import { Field, inputClass } from '@/components/ui/field';
import type { FieldErrors } from '@/lib/errors';
import { participantOptions } from './labels';
import { withProposal } from './proposed-note';
import { sourceMarkKey, type ProposalMarks } from '@/lib/readouts/apply';
import { fieldId, type ParticipantChoice, type SourceValues } from '@/lib/validation/contact-form';

const SIDES_LIST_ID = 'source-sides';

type RowField = keyof Omit<SourceValues, 'key'>;

/** The names the form sends a row's claims under, where they differ from the row's own. */
const SENT_AS: Partial<Record<RowField, string>> = {
  claimDate: 'claims.date',
  claimInitiator: 'claims.initiator',
  claimDuration: 'claims.durationMinutes',
};

/** Suggestions for a source's side; any text is allowed. */
export function SourceSideSuggestions() {
  return (
    <datalist id={SIDES_LIST_ID}>
      {[
        'US readout',
        'Russian readout',
        'Chinese readout',
        'Joint statement',
        'Press report',
        'Official statement',
      ].map((side) => (
        <option key={side} value={side} />
      ))}
    </datalist>
  );
}

/**
 * One source of a contact: where it is reported (URL required) and, folded
 * away, what it claims where it differs from the contact's own record.
 */
export function SourceFields({
  index,
  source,
  participants,
  marks = {},
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  source: SourceValues;
  participants: ParticipantChoice[];
  /** What a pasted readout proposed for this row. */
  marks?: ProposalMarks;
  errors: FieldErrors;
  onChange: (patch: Partial<SourceValues>) => void;
  onRemove: () => void;
}) {
  const key = (field: string) => `sources.${index}.${field}`;
  const id = (field: string) => fieldId(key(field));
  const err = (field: string) => errors[key(field)];
  const name = (field: string) => key(field);
  const sentAs = (field: RowField) => SENT_AS[field] ?? field;
  const bind = fieldBinder<RowField>({
    id: (field) => id(sentAs(field)),
    name: (field) => name(sentAs(field)),
    value: (field) => source[field],
    set: (field, value) => onChange({ [field]: value }),
    errors,
  });
  const hasClaims = Boolean(source.claimDate || source.claimInitiator || source.claimDuration);
  const hasClaimErrors = ['claims.date', 'claims.initiator', 'claims.durationMinutes'].some((f) => err(f));
  const [open, setOpen] = useState(hasClaims);
  const number = index + 1;
  /** A field's hint with the readout's proposal for it, if it still holds the proposed value. */
  const proposed = (field: 'url' | 'publisher' | 'title' | 'publishedAt' | 'side' | 'quote', hint?: string) =>
    withProposal(hint, marks[sourceMarkKey(source.key, field)], source[field], () => onChange({ [field]: '' }));
  const initiatorKnown = source.claimInitiator === '' || participants.some((p) => p.id === source.claimInitiator);

  return (
    <fieldset className="border-rule rounded-md border p-4 sm:p-5">
      <legend className="px-1 text-sm font-semibold">Source {number}</legend>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          {...bind('url')}
          label="URL"
          hint={proposed('url', 'The page that reports it: a readout, a statement, an article.')}
          type="url"
          inputMode="url"
          autoComplete="off"
          placeholder="https://"
          className="sm:col-span-2"
        />
        <TextField
          {...bind('publisher')}
          label="Publisher"
          optional
          hint={proposed('publisher')}
          placeholder="e.g. US Department of Defense"
        />
        <TextField {...bind('title')} label="Title" optional hint={proposed('title')} />
        <TextField {...bind('publishedAt')} label="Published" optional hint={proposed('publishedAt')} type="date" />
        <TextField
          {...bind('side')}
          label="Side"
          optional
          hint={proposed('side', 'Whose account it is.')}
          list={SIDES_LIST_ID}
          placeholder="e.g. US readout"
        />
        <TextAreaField
          {...bind('quote')}
          label="Quote"
          optional
          hint={proposed('quote', 'Verbatim, the sentence that reports the contact.')}
          rows={3}
          className="sm:col-span-2"
        />
        <TextField
          {...bind('archiveUrl')}
          label="Archive URL"
          optional
          hint="A saved copy, e.g. on the Wayback Machine, in case the page changes."
          type="url"
          inputMode="url"
          placeholder="https://web.archive.org/…"
          className="sm:col-span-2"
        />
      </div>

      <details
        open={open || hasClaimErrors}
        onToggle={(e) => setOpen(e.currentTarget.open)}
        className="border-rule mt-5 border-t pt-4"
      >
        <summary className="cursor-pointer text-sm font-medium">
          This source says otherwise
          <span className="text-muted font-normal">
            {hasClaims ? ' (it disagrees)' : ' — only where it differs from the contact above'}
          </span>
        </summary>
        <div className="mt-4 grid gap-4 sm:grid-cols-3">
          <TextField {...bind('claimDate')} label="Date it gives" optional type="date" />
          <SelectField
            {...bind('claimInitiator')}
            label="Initiator it names"
            optional
            options={[
              { value: '', label: 'Same as the contact' },
              ...participantOptions(participants),
              ...(initiatorKnown ? [] : [{ value: source.claimInitiator, label: source.claimInitiator }]),
            ]}
          />
          <Field
            id={id('claims.durationMinutes')}
            label="Duration it gives"
            optional
            error={err('claims.durationMinutes')}
          >
            {(props) => (
              <div className="flex items-center gap-2">
                <div className="w-24">
                  <input
                    {...props}
                    name={name('claims.durationMinutes')}
                    inputMode="numeric"
                    value={source.claimDuration}
                    onChange={(e) => onChange({ claimDuration: e.target.value })}
                    className={inputClass}
                  />
                </div>
                <span className="text-muted mt-1.5 text-sm">minutes</span>
              </div>
            )}
          </Field>
        </div>
      </details>

      <div className="mt-4 flex justify-end">
        <button type="button" onClick={onRemove} className={buttonClass.quiet}>
          Remove source {number}
        </button>
      </div>
    </fieldset>
  );
}
