import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { safeReturnPath } from '@/lib/auth/redirect';
import { getCurrentUser } from '@/lib/auth/session';

export const metadata: Metadata = {
  title: 'Sign in',
  description: 'Researchers and admins sign in to log and edit contacts.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeReturnPath((await searchParams).next);
  if (await getCurrentUser()) redirect(next);
  return (
    <section className="mx-auto max-w-sm">
      <h1 className="text-3xl font-semibold tracking-tight">Sign in</h1>
      <p className="text-muted mt-3">
        Reading Counterpart needs no account. Researchers sign in to log and verify contacts; an admin creates accounts.
      </p>
      <SignInForm next={next} />
    </section>
  );
}
