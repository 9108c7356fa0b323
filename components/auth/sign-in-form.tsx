'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { authClient } from '@/lib/auth/client';

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'error'; message: string };

/** What to tell a person whose sign-in failed, from the auth endpoint's answer. */
function signInError(error: { status: number; message?: string }): string {
  if (error.status === 429) return error.message || 'Too many failed sign-ins. Wait a minute, then try again.';
  if (error.status === 401 || error.status === 400) return 'That email and password do not match an account.';
  if (error.status === 403) return error.message || 'Signing in was refused.';
  return error.message || 'Signing in failed. Try again.';
}

/** Email and password, checked by the auth endpoint; a failure is said above the fields. */
export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setStatus({ kind: 'busy' });
    const { error } = await authClient.signIn.email({
      email: String(form.get('email') ?? '').trim(),
      password: String(form.get('password') ?? ''),
    });
    if (error) {
      setStatus({ kind: 'error', message: signInError(error) });
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="mt-8 space-y-5" noValidate>
      {status.kind === 'error' && (
        <p role="alert" className="border-silence text-ink rounded border-l-4 bg-orange-500/10 px-4 py-3 text-sm">
          {status.message}
        </p>
      )}
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          className="border-rule bg-paper mt-1 w-full rounded border px-3 py-2"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="border-rule bg-paper mt-1 w-full rounded border px-3 py-2"
        />
      </div>
      <button
        type="submit"
        disabled={status.kind === 'busy'}
        className="bg-ink text-paper rounded px-4 py-2 font-medium disabled:opacity-60"
      >
        {status.kind === 'busy' ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
