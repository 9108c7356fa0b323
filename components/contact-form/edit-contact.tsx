'use client';

import Link from 'next/link';
import { startTransition, useActionState, useEffect, useRef, useState } from 'react';
import { ConfirmButtons, useConfirm } from '@/components/forms/confirm';
import { buttonClass } from '@/components/ui/button';
import { formatDate } from '@/lib/format';
import type { ChannelChoice } from '@/lib/validation/channel';
import { ContactForm } from './contact-form';
import { VERIFICATION_LABEL } from './labels';
import type { ContactFormState, ContactFormValues } from '@/lib/validation/contact-form';

type Action = (state: ContactFormState, formData: FormData) => Promise<ContactFormState>;
type Person = { id: string; name: string } | null;

export type EditMeta = {
  createdBy: Person;
  createdAt: string;
  updatedBy: Person;
  updatedAt: string;
  verifiedBy: Person;
  verifiedAt: string | null;
};

const INITIAL: ContactFormState = { ok: true };

/** The verifications a researcher can mark, in the order offered; the current one is left out. */
const MARKS = [
  ['VERIFIED', 'Mark verified'],
  ['DISPUTED', 'Mark disputed'],
  ['UNVERIFIED', 'Mark unverified'],
] as const;

function byline(label: string, person: Person, at: string | null) {
  if (!at) return null;
  return `${label} ${person ? `by ${person.name} ` : ''}on ${formatDate(at.slice(0, 10))}`;
}

function VerificationBadge({ verification }: { verification: string }) {
  const tone =
    verification === 'VERIFIED'
      ? 'border-emerald-600 text-emerald-800 dark:text-emerald-300'
      : verification === 'DISPUTED'
        ? 'border-silence text-silence'
        : 'border-history text-muted';
  return (
    <span className={`rounded-sm border px-1.5 py-0.5 text-xs font-semibold tracking-wide uppercase ${tone}`}>
      {VERIFICATION_LABEL[verification] ?? verification}
    </span>
  );
}

/**
 * The edit page's working parts: the form, the contact's verification (with
 * "Mark verified" for a second researcher), and for admins a delete with a
 * confirmation step. They share the version being edited, so that one user's
 * own verification does not look like someone else's conflicting change.
 */
export function EditContact({
  initialValues,
  version: initialVersion,
  verification: initialVerification,
  meta,
  user,
  pairHref,
  updateAction,
  verifyAction,
  deleteAction,
  channels,
}: {
  initialValues: ContactFormValues;
  version: number;
  verification: string;
  meta: EditMeta;
  user: { id: string; name: string; canVerify: boolean };
  pairHref: string | null;
  updateAction: Action;
  verifyAction: Action;
  deleteAction?: Action;
  channels?: ChannelChoice[];
}) {
  const [version, setVersion] = useState(initialVersion);
  const [verification, setVerificationState] = useState(initialVerification);
  const [verifiedBy, setVerifiedBy] = useState<{ person: Person; at: string | null }>({
    person: meta.verifiedBy,
    at: meta.verifiedAt,
  });
  const [editedByMe, setEditedByMe] = useState(false);
  const { confirming, setConfirming, confirmRef } = useConfirm();
  const verifyStatusRef = useRef<HTMLParagraphElement>(null);
  const deleteHeadingRef = useRef<HTMLHeadingElement>(null);

  const [verifyState, verify, verifying] = useActionState<ContactFormState, FormData>(async (previous, formData) => {
    const result = await verifyAction(previous, formData);
    if (result.ok && result.version !== undefined) {
      setVersion(result.version);
      setVerificationState(result.verification ?? verification);
      setVerifiedBy(
        result.verification === 'VERIFIED'
          ? { person: { id: user.id, name: user.name }, at: new Date().toISOString() }
          : { person: null, at: null },
      );
    }
    return result;
  }, INITIAL);

  const [deleteState, remove, deleting] = useActionState<ContactFormState, FormData>(
    deleteAction ?? (async () => INITIAL),
    INITIAL,
  );

  useEffect(() => {
    if (verifyState !== INITIAL) verifyStatusRef.current?.focus();
  }, [verifyState]);
  useEffect(() => {
    if (deleteState !== INITIAL) deleteHeadingRef.current?.focus();
  }, [deleteState]);

  const isAuthor = editedByMe || meta.createdBy?.id === user.id || meta.updatedBy?.id === user.id;

  function submitWithVersion(event: React.FormEvent<HTMLFormElement>, dispatch: (formData: FormData) => void) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    formData.set('version', String(version));
    startTransition(() => dispatch(formData));
  }

  if (deleteState.ok && deleteState.message) {
    return (
      <section aria-labelledby="deleted-title" className="border-rule rounded-md border px-5 py-6">
        <h2 ref={deleteHeadingRef} id="deleted-title" tabIndex={-1} className="text-xl font-semibold outline-none">
          Contact deleted
        </h2>
        <p role="status" className="mt-2">
          {deleteState.message}
        </p>
        <ul className="mt-4 flex flex-wrap gap-x-5 gap-y-2 text-sm">
          {deleteState.pairHref && (
            <li>
              <Link href={deleteState.pairHref}>See the pair page</Link>
            </li>
          )}
          <li>
            <Link href="/contacts/new">Log a contact</Link>
          </li>
          <li>
            <Link href="/">Back to the dashboard</Link>
          </li>
        </ul>
      </section>
    );
  }

  // updatedAt moves on any change (a verification too); updatedBy is who last saved an edit.
  const history = [
    byline('Logged', meta.createdBy, meta.createdAt),
    meta.updatedBy && meta.updatedBy.id !== meta.createdBy?.id && `last edited by ${meta.updatedBy.name}`,
    version > 1 && `version ${version}, last changed on ${formatDate(meta.updatedAt.slice(0, 10))}`,
  ].filter(Boolean);

  return (
    <div className="space-y-10">
      <section aria-labelledby="verification-title" className="border-rule rounded-md border px-4 py-4 sm:px-5">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <h2 id="verification-title" className="text-sm font-semibold">
            Verification
          </h2>
          <VerificationBadge verification={verification} />
          {verification === 'VERIFIED' && verifiedBy.at && (
            <span className="text-muted text-sm">{byline('verified', verifiedBy.person, verifiedBy.at)}</span>
          )}
        </div>
        <p className="text-muted mt-1 text-sm">{history.join('; ')}.</p>
        {verification === 'VERIFIED' && (
          <p className="mt-2 text-sm">
            Changing anything but its summary or topics makes it Unverified, for a second researcher to check again.
          </p>
        )}
        {user.canVerify && (
          <form onSubmit={(e) => submitWithVersion(e, verify)} className="mt-3 flex flex-wrap items-center gap-3">
            {verification !== 'VERIFIED' && isAuthor && (
              <p className="text-sm">
                You logged or last edited this contact, so a different researcher must verify it.
              </p>
            )}
            {MARKS.filter(([value]) => value !== verification && !(value === 'VERIFIED' && isAuthor)).map(
              ([value, label]) => (
                <button
                  key={value}
                  type="submit"
                  name="verification"
                  value={value}
                  disabled={verifying}
                  className={value === 'VERIFIED' ? buttonClass.primary : buttonClass.secondary}
                >
                  {label}
                </button>
              ),
            )}
          </form>
        )}
        {verifyState !== INITIAL && verifyState.message && (
          <p
            ref={verifyStatusRef}
            tabIndex={-1}
            role={verifyState.ok ? 'status' : 'alert'}
            className={`mt-3 rounded border-l-4 px-3 py-2 text-sm outline-none ${verifyState.ok ? 'border-emerald-600 bg-emerald-600/10' : 'border-silence bg-orange-500/10'}`}
          >
            {verifyState.message}
          </p>
        )}
      </section>

      <ContactForm
        mode="edit"
        action={updateAction}
        initialValues={initialValues}
        version={version}
        verification={verification}
        channels={channels}
        onSaved={(result) => {
          if (result.version !== undefined) setVersion(result.version);
          if (result.verification) setVerificationState(result.verification);
          if (result.unverified) setVerifiedBy({ person: null, at: null });
          setEditedByMe(true);
        }}
        onVersionChange={(next, nextVerification) => {
          setVersion(next);
          setVerificationState(nextVerification);
        }}
      />

      {deleteAction && (
        <section aria-labelledby="delete-title" className="border-rule border-t pt-6">
          <h2
            ref={deleteHeadingRef}
            id="delete-title"
            tabIndex={-1}
            className="text-muted text-sm font-medium tracking-wider uppercase outline-none"
          >
            Delete
          </h2>
          <p className="text-muted mt-1 max-w-2xl text-sm">
            A deleted contact disappears from every list, gap and chart. The audit log keeps a full copy.
          </p>
          {deleteState !== INITIAL && !deleteState.ok && deleteState.message && (
            <p role="alert" className="border-silence mt-3 rounded border-l-4 bg-orange-500/10 px-3 py-2 text-sm">
              {deleteState.message}
            </p>
          )}
          {!confirming ? (
            <button type="button" onClick={() => setConfirming(true)} className={`${buttonClass.secondary} mt-3`}>
              Delete contact
            </button>
          ) : (
            <form
              onSubmit={(e) => submitWithVersion(e, remove)}
              className="mt-3 rounded border-l-4 border-red-700 bg-red-700/5 px-4 py-3 dark:border-red-400"
              aria-labelledby="delete-confirm-title"
            >
              <p id="delete-confirm-title" className="font-medium">
                Delete this contact for everyone?
              </p>
              <div className="mt-3 flex flex-wrap gap-3">
                <ConfirmButtons
                  confirmRef={confirmRef}
                  onCancel={() => setConfirming(false)}
                  pending={deleting}
                  label="Yes, delete it"
                  pendingLabel="Deleting…"
                />
              </div>
            </form>
          )}
        </section>
      )}
      {pairHref && (
        <p className="text-sm">
          <Link href={pairHref}>Back to the pair page</Link>
        </p>
      )}
    </div>
  );
}
