import type { Metadata } from 'next';
import Link from 'next/link';
import { formatMoment, roleLabel } from '@/components/admin/user-roles';
import { UserCreateForm } from '@/components/admin/user-create-form';
import { createUserAction } from '@/lib/actions/users';
import { requirePermittedPage } from '@/lib/auth/session';
import { listUsers } from '@/lib/data/users';

export const metadata: Metadata = {
  title: 'Users',
  description: 'Everyone with an account: their role, whether they may sign in, and new accounts.',
  robots: { index: false },
};

export default async function UsersPage() {
  const admin = await requirePermittedPage('user:manage', '/admin/users');
  const users = await listUsers();
  const admins = users.filter((u) => u.role === 'ADMIN' && !u.banned).length;
  return (
    <div className="space-y-12">
      <section aria-labelledby="users-title">
        <h1 id="users-title" className="text-3xl font-semibold tracking-tight">
          Users
        </h1>
        <p className="text-muted mt-2 max-w-2xl">
          {users.length} {users.length === 1 ? 'account' : 'accounts'}, {admins} enabled{' '}
          {admins === 1 ? 'admin' : 'admins'}. Open an account to change its role, disable it or reset its password.
        </p>
        <table className="mt-6 w-full text-left text-sm">
          <caption className="sr-only">Accounts, by name</caption>
          <thead className="border-rule text-muted border-b">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Name and email
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Role
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Status
              </th>
              <th scope="col" className="hidden py-2 pr-3 font-medium md:table-cell">
                Last sign-in
              </th>
              <th scope="col" className="hidden py-2 text-right font-medium sm:table-cell">
                API tokens
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} className="border-rule border-b align-top">
                <td className="py-2.5 pr-3">
                  <Link href={`/admin/users/${user.id}`} className="font-medium">
                    {user.name}
                  </Link>
                  {user.id === admin.id && <span className="text-muted"> (you)</span>}
                  <span className="text-muted block break-all">{user.email}</span>
                </td>
                <td className="py-2.5 pr-3">{roleLabel(user.role)}</td>
                <td className="py-2.5 pr-3">
                  {user.banned ? <span className="text-silence font-medium">Disabled</span> : 'Enabled'}
                </td>
                <td className="hidden py-2.5 pr-3 tabular-nums md:table-cell">
                  {formatMoment(user.lastSignInAt?.toISOString() ?? null)}
                </td>
                <td className="hidden py-2.5 text-right tabular-nums sm:table-cell">{user.activeTokens}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="new-user-title">
        <h2 id="new-user-title" className="text-xl font-semibold">
          New user
        </h2>
        <p className="text-muted mt-1 mb-5 max-w-2xl text-sm">
          Counterpart sends no email: make the account here, then pass its email and temporary password on yourself.
        </p>
        <UserCreateForm action={createUserAction} />
      </section>
    </div>
  );
}
