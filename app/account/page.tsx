import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ChangePasswordForm } from '@/components/auth/change-password-form';
import { getCurrentUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Your account', description: 'Your role and your password.' };

export default async function AccountPage() {
  const user = await getCurrentUser();
  if (user === null) redirect('/sign-in?next=/account');
  return (
    <section>
      <h1 className="text-3xl font-semibold tracking-tight">Your account</h1>
      <dl className="mt-6 grid max-w-md grid-cols-[8rem_1fr] gap-y-2 text-sm">
        <dt className="text-muted">Name</dt>
        <dd>{user.name}</dd>
        <dt className="text-muted">Email</dt>
        <dd>{user.email}</dd>
        <dt className="text-muted">Role</dt>
        <dd>{user.role.toLowerCase()}</dd>
      </dl>
      <h2 className="mt-10 text-xl font-semibold">Change password</h2>
      <ChangePasswordForm />
    </section>
  );
}
