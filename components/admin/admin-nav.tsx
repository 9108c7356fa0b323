'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { ADMIN_SECTIONS } from './admin-sections';

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
