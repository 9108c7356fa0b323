import type { Metadata } from 'next';
import { RoleRefusal } from '@/components/contact-form/refusal';
import { getCurrentUser } from '@/lib/auth/session';

export const metadata: Metadata = {
  title: 'Not allowed',
  description: 'Your role may not open this page.',
};

/** What forbidden() renders, with HTTP 403: the admin pages, for anyone who is not an admin. */
export default async function Forbidden() {
  return (
    <RoleRefusal
      title="This page is for admins"
      doing="keeping officials, users, context events and the audit log"
      only="admins"
      user={await getCurrentUser()}
    />
  );
}
