import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ApiTokens } from '@/components/auth/api-tokens';
import { ChangePasswordForm } from '@/components/auth/change-password-form';
import { createApiTokenAction, revokeApiTokenAction } from '@/lib/actions/api-tokens';
import { can } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { listOwnApiTokens } from '@/lib/data/api-tokens';

export const metadata: Metadata = {
  title: 'Your account',
  description: 'Your role, your password and your API tokens.',
};

export default async function AccountPage() {
  const user = await getCurrentUser();
  if (user === null) redirect('/sign-in?next=/account');
  const canWrite = can(user.role, 'contact:create');
  const tokens = (await listOwnApiTokens(user.id)).map((token) => ({
    ...token,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  }));
  return (
    <section>
      <h1 className="text-3xl font-semibold tracking-tight">Your account</h1>
      <dl className="mt-6 grid max-w-md grid-cols-[8rem_minmax(0,1fr)] gap-y-2 text-sm">
        <dt className="text-muted">Name</dt>
        <dd>{user.name}</dd>
        <dt className="text-muted">Email</dt>
        <dd className="break-all">{user.email}</dd>
        <dt className="text-muted">Role</dt>
        <dd>{user.role.toLowerCase()}</dd>
      </dl>
      <p className="mt-6 text-sm">
        <Link href="/account/watches">My watches</Link>
        <span className="text-muted">: the silences you watch, your private feed and webhook.</span>
      </p>
      <h2 className="mt-10 text-xl font-semibold">Change password</h2>
      <ChangePasswordForm />
      {/* A viewer gets no new tokens (they serve writes only) but still sees, and can revoke, any they kept. */}
      {(canWrite || tokens.length > 0) && (
        <section aria-labelledby="api-tokens-title" className="mt-12 max-w-3xl">
          <h2 id="api-tokens-title" className="text-xl font-semibold">
            API tokens
          </h2>
          <p className="text-muted mt-1 mb-5 text-sm">
            {canWrite
              ? 'A token lets a script log and edit contacts as you, through the write API. Reading needs none.'
              : 'Your role may not write, so these tokens are refused; revoke the ones you no longer need.'}
          </p>
          <ApiTokens
            tokens={tokens}
            createAction={canWrite ? createApiTokenAction : undefined}
            revokeAction={revokeApiTokenAction}
          />
        </section>
      )}
    </section>
  );
}
