'use client';

import Link from 'next/link';
import { startTransition, useActionState, useEffect, useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { SelectField } from '@/components/forms/fields';
import { SubmitButton } from '@/components/forms/submit-button';
import { Field, inputClass } from '@/components/ui/field';
import type { UserActionState } from '@/lib/validation/admin-user';
import { SecretReveal } from './user-secret';
import { PasswordChoice } from './user-password-choice';
import { ROLE_OPTIONS, roleLabel } from './user-roles';

type Action = (state: UserActionState, formData: FormData) => Promise<UserActionState>;

const INITIAL: UserActionState = { ok: true };

/**
 * The admin's "New user" form. There is no email here (Counterpart runs
 * air-gapped), so the result is the sign-in details for the admin to pass on:
 * the email, and a generated password shown this once.
 */
export function UserCreateForm({ action }: { action: Action }) {
  const [state, dispatch, pending] = useActionState(action, INITIAL);
  const [role, setRole] = useState('RESEARCHER');
  const [formKey, setFormKey] = useState(0);
  const [dismissed, setDismissed] = useState<UserActionState | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (state !== INITIAL) resultRef.current?.focus();
  }, [state]);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }

  if (state.ok && state.user && state !== dismissed) {
    const { user, password } = state;
    return (
      <div
        ref={resultRef}
        tabIndex={-1}
        role="status"
        className="rounded-md border-l-4 border-emerald-600 bg-emerald-600/10 px-4 py-4 outline-none sm:px-5"
      >
        <p className="font-semibold">{state.message}</p>
        <dl className="mt-3 grid grid-cols-[6rem_minmax(0,1fr)] gap-y-1 text-sm">
          <dt className="text-muted">Sign in at</dt>
          <dd className="break-all">
            {typeof window === 'undefined' ? '/sign-in' : `${window.location.origin}/sign-in`}
          </dd>
          <dt className="text-muted">Email</dt>
          <dd className="break-all">{user.email}</dd>
          <dt className="text-muted">Role</dt>
          <dd>{roleLabel(user.role)}</dd>
        </dl>
        {password ? (
          <SecretReveal
            id="new-user-password"
            label="Temporary password"
            value={password}
            note="Shown only now. Pass it on privately; they can change it on their account page."
          />
        ) : (
          <p className="mt-3 text-sm">They sign in with the password you typed.</p>
        )}
        <p className="mt-4 flex flex-wrap gap-x-5 gap-y-2 text-sm">
          <Link href={`/admin/users/${user.id}`}>Manage {user.name}</Link>
          <button
            type="button"
            className={buttonClass.quiet}
            onClick={() => {
              setDismissed(state);
              setFormKey((key) => key + 1);
            }}
          >
            Make another account
          </button>
        </p>
      </div>
    );
  }

  const errors = state.ok ? undefined : state.fieldErrors;
  const values = state.values ?? {};
  return (
    <form key={formKey} onSubmit={onSubmit} noValidate className="max-w-xl space-y-5">
      {!state.ok && state.message && (
        <div
          ref={resultRef}
          tabIndex={-1}
          role="alert"
          className="border-silence rounded border-l-4 bg-orange-500/10 px-4 py-3 text-sm outline-none"
        >
          {state.message}
        </div>
      )}
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="new-user-name" label="Name" error={errors?.name}>
          {(props) => (
            <input {...props} name="name" autoComplete="off" defaultValue={values.name} className={inputClass} />
          )}
        </Field>
        <Field id="new-user-email" label="Email" error={errors?.email}>
          {(props) => (
            <input
              {...props}
              name="email"
              type="email"
              autoComplete="off"
              defaultValue={values.email}
              className={inputClass}
            />
          )}
        </Field>
      </div>
      <SelectField
        id="new-user-role"
        label="Role"
        hint={ROLE_OPTIONS.find((option) => option.value === role)?.about}
        error={errors?.role}
        name="role"
        value={role}
        onValueChange={setRole}
        options={ROLE_OPTIONS.map(({ value, label }) => ({ value, label }))}
      />
      <PasswordChoice
        idPrefix="new-user"
        legend="Password"
        errors={errors}
        defaultMode={values.passwordMode === 'type' ? 'type' : 'generate'}
      />
      <SubmitButton pending={pending} pendingLabel="Making the account…">
        Make the account
      </SubmitButton>
    </form>
  );
}
