'use client';

import { useState } from 'react';
import { authClient } from '@/lib/auth/client';
import { zPassword } from '@/lib/validation/user';

type Errors = Partial<Record<'currentPassword' | 'newPassword' | 'confirmPassword' | 'form', string>>;

const inputClass = 'border-rule bg-paper mt-1 w-full rounded border px-3 py-2 aria-[invalid=true]:border-silence';

function Field({
  id,
  label,
  error,
  autoComplete,
}: {
  id: keyof Errors;
  label: string;
  error?: string;
  autoComplete: string;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={id}
        type="password"
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={inputClass}
      />
      {error && (
        <p id={`${id}-error`} className="text-silence mt-1 text-sm">
          {error}
        </p>
      )}
    </div>
  );
}

/** Changes the password; other sessions of the account are signed out. */
export function ChangePasswordForm() {
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const currentPassword = String(form.get('currentPassword') ?? '');
    const newPassword = String(form.get('newPassword') ?? '');
    const next: Errors = {};
    if (!currentPassword) next.currentPassword = 'Enter your current password';
    const checked = zPassword.safeParse(newPassword);
    if (!checked.success) next.newPassword = checked.error.issues[0].message;
    if (newPassword !== form.get('confirmPassword')) next.confirmPassword = 'The two new passwords differ';
    setDone(false);
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    const { error } = await authClient.changePassword({ currentPassword, newPassword, revokeOtherSessions: true });
    setBusy(false);
    if (error) {
      if (error.status === 429) setErrors({ form: 'Too many attempts. Wait a minute, then try again.' });
      else if (error.code === 'INVALID_PASSWORD') setErrors({ currentPassword: 'That is not your current password' });
      else setErrors({ form: error.message || 'The password could not be changed. Try again.' });
      return;
    }
    formElement.reset();
    setDone(true);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 max-w-sm space-y-5">
      {errors.form && (
        <p role="alert" className="border-silence rounded border-l-4 bg-orange-500/10 px-4 py-3 text-sm">
          {errors.form}
        </p>
      )}
      {done && (
        <p role="status" className="rounded border-l-4 border-emerald-600 bg-emerald-600/10 px-4 py-3 text-sm">
          Password changed. Your other sessions were signed out.
        </p>
      )}
      <Field
        id="currentPassword"
        label="Current password"
        error={errors.currentPassword}
        autoComplete="current-password"
      />
      <Field id="newPassword" label="New password" error={errors.newPassword} autoComplete="new-password" />
      <Field
        id="confirmPassword"
        label="New password again"
        error={errors.confirmPassword}
        autoComplete="new-password"
      />
      <button
        type="submit"
        disabled={busy}
        className="bg-ink text-paper rounded px-4 py-2 font-medium disabled:opacity-60"
      >
        {busy ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
