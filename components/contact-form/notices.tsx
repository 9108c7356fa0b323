'use client';

import Link from 'next/link';
import type { Ref } from 'react';
import { ConflictActions, ConflictTable, WarningNotice } from '@/components/forms/conflict';
import { ErrorSummary as ErrorSummaryBox } from '@/components/forms/error-summary';
import { SavedPanel } from '@/components/forms/saved-panel';
import { SubmitButton } from '@/components/forms/submit-button';
import type { FieldErrors } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import {
  COMPARED_FIELDS,
  comparable,
  fieldId,
  fieldLabel,
  fieldOrder,
  type ComparedField,
  type ConflictInfo,
  type ContactFormValues,
  type NearbyContact,
  type SavedContact,
} from '@/lib/validation/contact-form';
import { comparedFieldName, describeField, joinNames, kindLabel, silenceSentence, VERIFICATION_LABEL } from './labels';

/**
 * The list of problems at the top of the form, each linking to its field.
 * Focus moves here after a failed save, so a screen reader hears it first.
 */
export function ErrorSummary({
  ref,
  message,
  errors,
}: {
  ref: Ref<HTMLElement>;
  message?: string;
  errors: FieldErrors;
}) {
  return (
    <ErrorSummaryBox
      ref={ref}
      titleId="error-summary-title"
      title={message ?? 'The contact was not saved.'}
      entries={Object.entries(errors).sort(([a], [b]) => fieldOrder(a) - fieldOrder(b))}
      fieldId={fieldId}
      fieldLabel={fieldLabel}
      className="focus-visible:outline-2"
    />
  );
}

/**
 * The warning — not a block — that these officials already have a contact
 * within a day of this date. "Save anyway" submits the form with the
 * confirmation; changing the date or participants and saving checks again.
 */
export function DuplicateWarning({
  ref,
  message,
  nearby,
  pending,
}: {
  ref: Ref<HTMLElement>;
  message?: string;
  nearby: NearbyContact[];
  pending: boolean;
}) {
  return (
    <WarningNotice ref={ref} titleId="duplicate-title" title="Possibly logged already">
      <p className="mt-1 text-sm">{message}</p>
      <ul className="divide-rule mt-3 divide-y text-sm" aria-label="Contacts within a day">
        {nearby.map((c) => (
          <li key={c.id} className="py-2.5">
            <p className="tabular-nums">
              <span className="font-medium">{formatDate(c.date, c.datePrecision)}</span> · {kindLabel(c.type, c.status)}{' '}
              · {joinNames(c.participants.map((p) => `${p.name} (${p.country})`))}
            </p>
            {c.summary && <p className="text-muted mt-0.5 line-clamp-2">{c.summary}</p>}
            <p className="mt-1 flex flex-wrap gap-x-4">
              <Link href={c.href}>See it on the pair page</Link>
              <Link href={`/contacts/${c.id}/edit`}>Edit that contact</Link>
            </p>
          </li>
        ))}
      </ul>
      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
        <SubmitButton pending={pending} name="confirmDuplicate" value="1">
          Save anyway
        </SubmitButton>
        <p className="text-muted text-sm">It is a different contact. Or change the date or participants below.</p>
      </div>
    </WarningNotice>
  );
}

/** The page after a contact is logged: the silence it ended, and where to go next. */
export function SavedNotice({
  ref,
  saved,
  onLogAnother,
}: {
  ref: Ref<HTMLHeadingElement>;
  saved: SavedContact;
  onLogAnother: () => void;
}) {
  const ended = saved.endedSilence;
  return (
    <SavedPanel
      ref={ref}
      titleId="saved-title"
      title="Contact logged"
      links={
        <>
          {saved.pairHref && (
            <li>
              <Link href={`${saved.pairHref}#contact-${saved.id}`} className="font-medium">
                See it on the pair page
                {ended ? `: ${ended.between[0].name} – ${ended.between[1].name}` : ''}
              </Link>
            </li>
          )}
          <li>
            <Link href={`/contacts/${saved.id}/edit`}>Edit this contact</Link>
          </li>
        </>
      }
      anotherLabel="Log another"
      onAnother={onLogAnother}
    >
      <p className="text-muted mt-1 text-sm tabular-nums">
        {kindLabel(saved.type, saved.status)} · {formatDate(saved.date, saved.datePrecision)} ·{' '}
        {joinNames(saved.participants.map((p) => p.name))}
      </p>
      <p role="status" className="mt-4 max-w-2xl text-lg leading-snug text-balance">
        {ended && ended.days > 0 && saved.status === 'HELD' ? (
          <strong className="font-semibold">{silenceSentence(saved)}</strong>
        ) : (
          silenceSentence(saved)
        )}
      </p>
    </SavedPanel>
  );
}

/** Fields that differ between two versions of the form. */
export function changedFields(a: ContactFormValues, b: ContactFormValues): ComparedField[] {
  return COMPARED_FIELDS.filter((field) => comparable(a, field) !== comparable(b, field));
}

function formatWhen(iso: string | null): string {
  if (!iso) return '';
  const at = new Date(iso);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(at);
  return ` at ${time} UTC on ${formatDate(iso.slice(0, 10))}`;
}

/**
 * Someone else saved the contact while this user edited it: what they changed
 * (as it was when this user opened it → as it is now), what this form holds,
 * and the two ways on. Nothing typed is lost either way unless the user asks.
 */
export function ConflictNotice({
  ref,
  conflict,
  base,
  mine,
  baseVerification,
  pending,
  onKeepMine,
  onLoadTheirs,
}: {
  ref: Ref<HTMLElement>;
  conflict: ConflictInfo;
  base: ContactFormValues;
  mine: ContactFormValues;
  baseVerification: string;
  pending: boolean;
  onKeepMine: () => void;
  onLoadTheirs: () => void;
}) {
  const theirs = conflict.current;
  const fields = changedFields(base, theirs);
  const who = conflict.changedBy ?? 'Someone else';
  const verificationChanged = baseVerification !== conflict.verification;
  return (
    <WarningNotice ref={ref} titleId="conflict-title" title={`${who} changed this contact while you were editing it`}>
      <p className="mt-1 text-sm">
        Your changes are not saved yet, and they are all still in the form below. {who} saved version {conflict.version}
        {formatWhen(conflict.changedAt)}.
      </p>
      {fields.length > 0 || verificationChanged ? (
        <div className="mt-3 overflow-x-auto">
          <ConflictTable
            caption={`What ${who} changed`}
            columns={['When you opened it', `Now, saved by ${who}`, 'In your form']}
            className="w-full min-w-[32rem]"
          >
            {fields.map((field) => {
              const mineChanged = comparable(mine, field) !== comparable(base, field);
              return (
                <tr key={field}>
                  <th scope="row" className="py-2 pr-3 font-medium">
                    {comparedFieldName(field)}
                  </th>
                  <td className="text-muted py-2 pr-3">{describeField(base, field)}</td>
                  <td className="py-2 pr-3">
                    <span aria-hidden="true">→ </span>
                    {describeField(theirs, field)}
                  </td>
                  <td className="py-2">
                    {mineChanged ? (
                      describeField(mine, field)
                    ) : (
                      <span className="text-muted">unchanged: theirs is kept</span>
                    )}
                  </td>
                </tr>
              );
            })}
            {verificationChanged && (
              <tr>
                <th scope="row" className="py-2 pr-3 font-medium">
                  Verification
                </th>
                <td className="text-muted py-2 pr-3">{VERIFICATION_LABEL[baseVerification] ?? baseVerification}</td>
                <td className="py-2 pr-3">
                  <span aria-hidden="true">→ </span>
                  {VERIFICATION_LABEL[conflict.verification] ?? conflict.verification}
                </td>
                <td className="text-muted py-2">—</td>
              </tr>
            )}
          </ConflictTable>
        </div>
      ) : (
        <p className="mt-2 text-sm">Their save changed nothing you can edit here.</p>
      )}
      <p className="text-muted mt-3 text-sm">
        Keeping your changes saves what is in your form on top of their version; fields you did not touch take their
        values.
      </p>
      <ConflictActions
        pending={pending}
        keepLabel="Keep my changes and save again"
        loadLabel="Load their version"
        onKeepMine={onKeepMine}
        onLoadTheirs={onLoadTheirs}
        className="mt-3"
      />
    </WarningNotice>
  );
}
