import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { UserControls } from '@/components/admin/user-controls';
import { formatMoment, roleLabel } from '@/components/admin/user-roles';
import { changeRoleAction, disableUserAction, enableUserAction, resetPasswordAction } from '@/lib/actions/users';
import { requirePermittedPage } from '@/lib/auth/session';
import { getUserForAdmin } from '@/lib/data/users';
import { getWebhookAllowance } from '@/lib/data/watch-settings';
import { WebhookAllowanceForm } from '@/components/watches/webhook-allowance-form';
import { setWebhookPrivateAction } from '@/lib/actions/webhook-allowance';

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = {
  title: 'Manage an account',
  description: 'Change an account’s role, disable or enable it, or reset its password.',
  robots: { index: false },
};

function tokenState(token: { revokedAt: Date | null; expiresAt: Date | null }): string {
  if (token.revokedAt) return `revoked ${formatMoment(token.revokedAt.toISOString())}`;
  if (token.expiresAt && token.expiresAt <= new Date()) return 'expired';
  return token.expiresAt ? `active, expires ${formatMoment(token.expiresAt.toISOString())}` : 'active';
}

export default async function ManageUserPage({ params }: Props) {
  const { id } = await params;
  const admin = await requirePermittedPage('user:manage', `/admin/users/${id}`);
  const user = await getUserForAdmin(id);
  if (user === null) notFound();
  const webhookPrivateAllowed = await getWebhookAllowance(user.id);
  return (
    <div className="max-w-3xl">
      <p className="text-sm">
        <Link href="/admin/users">← All users</Link>
      </p>
      <header className="mt-3 mb-8">
        <h1 className="text-3xl font-semibold tracking-tight break-words">
          {user.name}
          {user.id === admin.id && <span className="text-muted text-xl font-normal"> (you)</span>}
        </h1>
        <dl className="mt-4 grid grid-cols-[8rem_minmax(0,1fr)] gap-y-1.5 text-sm">
          <dt className="text-muted">Email</dt>
          <dd className="break-all">{user.email}</dd>
          <dt className="text-muted">Role</dt>
          <dd>{roleLabel(user.role)}</dd>
          <dt className="text-muted">Status</dt>
          <dd>{user.banned ? `Disabled${user.banReason ? ` — ${user.banReason}` : ''}` : 'Enabled'}</dd>
          <dt className="text-muted">Account made</dt>
          <dd className="tabular-nums">{formatMoment(user.createdAt.toISOString())}</dd>
          <dt className="text-muted">Last sign-in</dt>
          <dd className="tabular-nums">{formatMoment(user.lastSignInAt?.toISOString() ?? null)}</dd>
        </dl>
      </header>

      <UserControls
        account={{ id: user.id, name: user.name, email: user.email, role: user.role, banned: user.banned }}
        version={user.version}
        isSelf={user.id === admin.id}
        changeRoleAction={changeRoleAction.bind(null, user.id)}
        disableAction={disableUserAction.bind(null, user.id)}
        enableAction={enableUserAction.bind(null, user.id)}
        resetPasswordAction={resetPasswordAction.bind(null, user.id)}
      />

      <section aria-labelledby="webhook-title" className="mt-12">
        <h2 id="webhook-title" className="text-xl font-semibold">
          Webhook addresses
        </h2>
        <WebhookAllowanceForm allowed={webhookPrivateAllowed} action={setWebhookPrivateAction.bind(null, user.id)} />
      </section>

      <section aria-labelledby="tokens-title" className="mt-12">
        <h2 id="tokens-title" className="text-xl font-semibold">
          API tokens
        </h2>
        {user.apiTokens.length === 0 ? (
          <p className="text-muted mt-1 text-sm">None. Users make their own on their account page.</p>
        ) : (
          <>
            <p className="text-muted mt-1 text-sm">
              Users make and revoke their own on their account page; while the account is disabled, all are refused.
            </p>
            <ul className="mt-3 space-y-2 text-sm">
              {user.apiTokens.map((token) => (
                <li key={token.id} className="border-rule border-b pb-2">
                  <span className="font-medium">{token.name}</span> <code className="font-mono">{token.prefix}…</code>
                  <span className="text-muted block">
                    made {formatMoment(token.createdAt.toISOString())}, last used{' '}
                    {formatMoment(token.lastUsedAt?.toISOString() ?? null)}; {tokenState(token)}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
