import type { Metadata } from 'next';
import Link from 'next/link';
import { SignedInAs } from '@/components/auth/deferred';

export const metadata: Metadata = {
  title: 'Not allowed',
  description: 'Your role may not open this page.',
};

/**
 * What forbidden() renders, with HTTP 403: a signed-in user whose role may not
 * open the page (a viewer on the contact form, anyone but an admin in /admin).
 * The server actions behind those pages refuse them too.
 */
export default function Forbidden() {
  return (
    <section className="max-w-xl" aria-labelledby="refusal-title">
      <p className="text-muted text-sm font-medium tracking-wider uppercase">403 · Not allowed</p>
      <h1 id="refusal-title" className="mt-2 text-3xl font-semibold tracking-tight text-balance">
        Your role may not open this page
      </h1>
      <p className="mt-4 leading-relaxed">
        <SignedInAs />
        Viewers read every page, search and export; researchers also log, edit and verify contacts; admins also keep
        officials, users, context events and the audit log. If you need to, ask an admin to change your role.
      </p>
      <p className="mt-6 flex flex-wrap gap-x-5 gap-y-2 text-sm">
        <Link href="/">Silences dashboard</Link>
        <Link href="/search">Search contacts</Link>
      </p>
    </section>
  );
}
