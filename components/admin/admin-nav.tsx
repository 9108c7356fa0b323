'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The admin sections, in the order an admin reaches for them. */
export const ADMIN_SECTIONS = [
  { href: '/admin/officials', label: 'Officials', about: 'Profiles, spellings, photos and tenures' },
  { href: '/admin/offices', label: 'Offices', about: 'Who held each office, and when' },
  { href: '/admin/merge', label: 'Merge', about: 'Fold a duplicate official into the one to keep' },
  { href: '/admin/users', label: 'Users', about: 'Accounts, roles, disabling and password resets' },
  { href: '/admin/events', label: 'Context events', about: 'Dated events drawn on the pair charts' },
  { href: '/admin/channels', label: 'Channels', about: 'Hotlines and deconfliction lines' },
  { href: '/admin/audit', label: 'Audit log', about: 'Every change: who, when, before and after' },
] as const;

/** The admin area's section links; the current one is marked for screen readers too. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="border-rule -mx-1 flex gap-x-1 overflow-x-auto border-b pb-px text-sm">
      {ADMIN_SECTIONS.map(({ href, label }) => {
        const current = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={current ? 'page' : undefined}
            className={`-mb-px border-b-2 px-2 py-2 whitespace-nowrap no-underline ${
              current ? 'border-silence font-medium' : 'text-muted hover:text-ink border-transparent'
            }`}
          >
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
